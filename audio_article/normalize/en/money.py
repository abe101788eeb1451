"""Money: a currency before or after the amount ("$5.5 billion", "€3.50", "50p"), adjectival
amounts ("a $5 billion deal"), ranges between amounts and prices per unit ("$75/bbl").
"""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING

from audio_article.normalize.en.shared import NUM, Rule, adder, alternation, text_after, text_before
from audio_article.normalize.words import cardinal, number_words

if TYPE_CHECKING:
    from audio_article.normalize.en import English


def rules(en: English) -> list[Rule]:
    """The money rules, in the order they run among themselves."""
    w = en.words
    rules: list[Rule] = []
    add = adder(rules)

    # Money.
    cur = alternation(list(en.currencies))
    scale = alternation(list(en.scales))
    amount = rf"(?P<num>{NUM}|\.\d+\b)(?:\s?[-–]\s?(?:{cur})?\s?(?P<num2>{NUM}))?"

    add(
        "money:currency-before",
        rf"(?<![\w$€£])(?P<cur>{cur})\s?{amount}(?:(?P<hyph>\s?|-)(?P<scale>(?i:{scale}))\b)?",
        functools.partial(_money, en),
        digits=True,
    )

    add(
        "money:currency-after",
        rf"(?<![\w.,]){amount}(?:\s?(?P<scale>{scale}))?\s?(?P<cur>{cur})(?![\w$])",
        functools.partial(_money, en),
        digits=True,
    )

    # A price per unit after a slash: "$75/bbl" -> "seventy-five dollars a barrel".
    money_words = alternation(
        list({n.split()[-1] for names in en.currencies.values() for n in names if n})
    )

    # "$2.4bn-$3bn": the dash between two whole amounts is "to".
    units_words = (
        r"(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
        r"thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|"
        r"fifty|sixty|seventy|eighty|ninety)\b"
    )

    add(
        "money:dash-between-amounts",
        rf"\b(?P<cw>{money_words})\s?[-–]\s?(?={units_words})",
        lambda m: f"{m['cw']} {w['to']} ",
        digits=True,
    )
    per = alternation(list(en.money_per))

    add(
        "money:per-unit",
        rf"\b(?P<cur>{money_words})/(?P<u>{per})\b(?![/\w])",
        lambda m: f"{m['cur']} a {en.money_per[m['u']]}",
        digits=True,
    )

    # Pence: 50p, a 20p coin (one or two digits: "1080p" is a screen resolution).
    add(
        "money:pence",
        r"(?<![\w.,£$€])(?P<n>\d{1,2})p\b(?![\w'’-])",
        lambda m: f"{cardinal(int(m['n']))} " + ("penny" if m["n"] == "1" else "pence"),
        digits=True,
    )
    return rules


def _adjectival(en: English, m: re.Match[str]) -> bool:
    """Is the amount used as an adjective ("a $5 billion deal")? Then the currency is
    singular, as a reader says it: "a five billion dollar deal"."""
    after = re.match(r"\s+([a-z][a-z-]*)\b", text_after(m).lower())
    if not after or after.group(1) in en.money_not_nouns:
        return False
    noun = after.group(1)
    if noun in en.money_nouns or noun.split("-")[0] in en.money_nouns:
        return True
    before = re.search(r"(?:^|\s)([A-Za-z]+)\s+$", text_before(m))
    return bool(before) and before.group(1).lower() in en.money_determiners


def _money(en: English, m: re.Match[str]) -> str:
    cur = m.group("cur")
    one, many, minor_one, minor_many = en.currencies[cur]
    num, num2, scale = m.group("num"), m.group("num2"), m.group("scale")
    scale_word = (en.scales.get(scale) or en.scales[scale.lower()]) if scale else ""
    hyphenated = m.groupdict().get("hyph") == "-" and scale_word
    if _adjectival(en, m) or hyphenated or re.match(r"-(?:per|an?)-", text_after(m)):
        many = one  # "a $20-billion loan": the hyphen makes the amount an adjective
    if scale_word:
        amount = number_words(num)
        if num2:
            amount += f" {en.words['to']} {number_words(num2)}"
        return f"{amount} {scale_word} {many}"
    if num2 and re.search(r"\.\d\d$", num + num2):
        # "$150.25-$250.67", "$50.00-$100.00": each amount in full, dollars and cents
        first = _amount(en, cur, num, one, many)
        return f"{first} {en.words['to']} {_amount(en, cur, num2, one, many)}"
    if num2:
        return f"{number_words(num)} {en.words['to']} {number_words(num2)} {many}"
    return _amount(en, cur, num, one, many)


def _amount(en: English, cur: str, num: str, one: str, many: str) -> str:
    """One amount of money: "$3.50" -> "three dollars and fifty cents", "$.01" -> "one cent"."""
    minor_one, minor_many = en.currencies[cur][2:]
    whole, _, cents = num.replace(",", "").partition(".")
    whole = whole or "0"
    unit = one if whole == "1" else many
    said = f"{number_words(whole)} {unit}"
    if cents and len(cents) == 2:
        if whole == "0":
            return f"{cardinal(int(cents))} {minor_one if cents == '01' else minor_many}"
        if int(cents):
            if cur in en.short_cents:  # "three euros fifty", as said in Europe
                return f"{said} {cardinal(int(cents))}"
            name = minor_one if cents == "01" else minor_many
            said += f" {en.words['and']} {cardinal(int(cents))} {name}"
        return said
    if cents:
        return f"{number_words(num)} {many}"
    return said
