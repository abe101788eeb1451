"""Symbols: plus-minus, powers ("10^6", "3 × 10⁸"), plus, the number sign, hashtags, slashes
("and/or", "TCP/IP"), the ampersand, squared and cubed, and the signs said as words.
"""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING

from audio_article.normalize.en.measure import unit_names
from audio_article.normalize.en.shared import NUM, POW, Rule, adder, alternation
from audio_article.normalize.words import number_words

if TYPE_CHECKING:
    from audio_article.normalize.en import English


def rules(en: English) -> list[Rule]:
    """The symbol rules, in the order they run among themselves."""
    w = en.words
    rules: list[Rule] = []
    add = adder(rules)

    # "±5%": the sign is said before the number rules read it.
    add(
        "symbol:plus-minus", r"±\s*", lambda m: f"{w['plus']} {w['or']} {w['minus']} ", digits=False
    )

    # Powers: 10^6, 3 × 10⁸ m/s (superscripts were made "^8" when the text was prepared).
    unit = alternation(list(en.units))

    add(
        "symbol:times-power",
        rf"(?<=\d)\s?[×x]\s?(?=10{POW})",
        lambda m: f" {w['times']} ",
        digits=False,
    )

    add(
        "symbol:power",
        rf"(?<![\w.,{POW}])(?P<base>{NUM}|\b[A-Za-z])\s?{POW}\s?(?P<exp>[-−]?\d{{1,3}})(?!\d)"
        rf"(?:(?P<sep>\s?)(?P<unit>{unit})(?![\w/²³]))?",
        functools.partial(_power, en),
        digits=False,
    )

    add(  # "2+3": a plus between numbers is said
        "symbol:plus-between-numbers",
        r"(?<=\d)\+(?=\d)",
        lambda m: f" {w['plus']} ",
        digits=True,
    )

    add(  # "the $ and fame angle": a dollar sign without an amount
        "symbol:dollar-sign",
        r"(?<![\w$])\$(?![\w$]|\s?\d|\s?\.\d)",
        lambda m: "dollar",
        digits=False,
    )

    add("symbol:number-sign", r"(?<![\w&])#(?=\d)", lambda m: en.symbols["#"] + " ", digits=False)

    # Symbols.
    add(  # "#include <stdio.h>": a C preprocessor line, "hash include"
        "symbol:preprocessor",
        r"(?<!\w)#(?=(?:include|define|ifdef|ifndef|endif|pragma|undef)\b)",
        lambda m: "hash ",
        digits=False,
    )

    add(
        "symbol:hashtag",
        r"(?<!\w)#(?P<tag>[A-Za-z]\w*)",
        lambda m: f"{w['hashtag']} {m['tag']}",
        digits=False,
    )

    add(
        "symbol:and-or",
        r"\b(?:and|or)/(?:and|or)\b",
        lambda m: m.group(0).replace("/", " "),
        digits=False,
    )

    add(  # "TCP/IP", "I/O": a slash between initialisms is not said
        "symbol:slash-between-initialisms",
        r"\b(?P<a>[A-Z]{1,5})/(?P<b>[A-Z]{1,5})\b",
        lambda m: f"{m['a']} {m['b']}",
        digits=False,
    )

    # A slash between two words is "or" ("his/her"); in a path ("/storage/michiel/test",
    # "well-known/webfinger", "/7/9/2") it is "slash".
    add("symbol:slash", r"(?<=\w)/(?=\w)", functools.partial(_slash, en), digits=False)

    add("symbol:ampersand", r"\s*&\s*", lambda m: f" {en.symbols['&']} ", digits=False)

    add(
        "symbol:plus",
        r"\s*(?<![\w])\+(?=\s*\w)|\s+\+\s+",
        lambda m: f" {en.symbols['+']} ",
        digits=False,
    )

    add(
        "symbol:plus-after-name",
        r"(?<=[A-Za-z])\+(?!\w)",
        lambda m: f" {en.symbols['+']}",
        digits=False,
    )  # OPEC+

    add("symbol:squared", r"(?<=[A-Za-z)])²", lambda m: " squared", digits=False)

    add("symbol:cubed", r"(?<=[A-Za-z)])³", lambda m: " cubed", digits=False)

    add(
        "symbol:sign",
        r"\s*[=§~×%‰°@≤≥≠≈©]\s*",
        lambda m: f" {en.symbols[m.group(0).strip()]} ",
        digits=False,
    )
    return rules


def _power(en: English, m: re.Match[str]) -> str:
    """10^6 -> ten to the power of six; 10^-3 m -> ... to the power of minus three meters."""
    base = m["base"] if m["base"].isalpha() else number_words(m["base"])
    said = f"{base} {en.words['to_the_power_of']} {number_words(m['exp'])}"
    if m.group("unit"):
        said += " " + unit_names(en, m["unit"], m)[1]
    return said


_TOKEN_AROUND = re.compile(r"\S*\Z")


def _slash(en: English, m: re.Match[str]) -> str:
    before = _TOKEN_AROUND.search(m.string, 0, m.start())
    left = before.group(0) if before else ""
    right = re.match(r"\S*", m.string[m.end() :])
    token = left + "/" + (right.group(0) if right else "")
    if token.count("/") > 1 or re.search(r"[-._:+]\w", token):
        return f" {en.words['slash']} "
    if left[:1].isupper() and m.string[m.end() : m.end() + 1].isupper():
        return f" {en.words['slash']} "  # names: "Nintendo/Apple", "Hiroko Masuike/The Times"
    opens = not m.string[: m.start() - len(left)].strip() or re.search(
        r"[.!?:]\s*$", m.string[: m.start() - len(left)]
    )
    if left[:1].isupper() and not opens:
        return f" {en.words['slash']} "  # a name and a word: "an Async/await syntax"
    return f" {en.words['or']} "
