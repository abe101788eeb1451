"""Roman numerals after a name: regnal ("Charles III" -> "Charles the Third") or cardinal after
the words that take one ("World War II", "Super Bowl LVIII").
"""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING

from audio_article.normalize.en.shared import Rule, adder, text_before
from audio_article.normalize.words import cardinal, ordinal

if TYPE_CHECKING:
    from audio_article.normalize.en import English


def rules(en: English) -> list[Rule]:
    """The roman rules, in the order they run among themselves."""
    rules: list[Rule] = []
    add = adder(rules)

    # Roman numerals (World War II, Charles III).
    add(
        "roman:after-name",
        r"\b(?P<before>[A-Z][a-z]+)\s(?P<roman>(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3}))"
        r"(?P<poss>['’]s)?\b(?![.\w'’-])",
        functools.partial(_roman, en),
        digits=False,
    )
    return rules


def _roman(en: English, m: re.Match[str]) -> str:
    before, roman = m.group("before"), m.group("roman")
    if not roman:
        return m.group(0)
    if "L" in roman and before not in en.roman_cardinal:
        return m.group(0)  # "Size XL", "Louis LV": only "Super Bowl LVIII" and the like
    value = roman_value(roman)
    prior = text_before(m).split()
    title_before = bool(prior) and prior[-1] in en.roman_titles
    poss = "'s" if m.group("poss") else ""
    if before in en.roman_cardinal:
        if roman == "I" and before != "War":
            return m.group(0)
        return f"{before} {cardinal(value).title()}{poss}"
    if roman == "I" and title_before:
        return f"{before} {en.words['the']} {ordinal(1).capitalize()}{poss}"  # Tsar Peter I
    if roman == "I" or roman in en.initialisms:
        return m.group(0)
    if before in en.month_names or before in {"The", "In", "On", "At", "A"}:
        return m.group(0)
    if before in en.regnal_names or title_before:
        return f"{before} {en.words['the']} {ordinal(value).capitalize()}{poss}"
    if len(roman) == 1 or before in _NUMBER_WORDS:
        return m.group(0)  # "the One X", "Windows V": a letter, not a numeral
    # a sequel or a part of anything else: "Planet Earth II", "Final Fantasy VII"
    return f"{before} {cardinal(value).title()}{poss}"


_NUMBER_WORDS = frozenset(
    {"One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine", "Ten"}
)


_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


def roman_value(roman: str) -> int:
    total = 0
    for i, ch in enumerate(roman):
        value = _ROMAN[ch]
        if i + 1 < len(roman) and _ROMAN[roman[i + 1]] > value:
            total -= value
        else:
            total += value
    return total
