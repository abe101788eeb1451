"""Ranges: numbered labels ("Table 6-1"), year ranges ("2014-2022", "1990-91", "2020/21") and
number ranges ("10-15" -> "ten to fifteen").
"""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING

from audio_article.normalize.en.shared import NUM, Rule, adder, alternation
from audio_article.normalize.words import cardinal, number_words, year_words

if TYPE_CHECKING:
    from audio_article.normalize.en import English


def rules(en: English) -> list[Rule]:
    """The range rules, in the order they run among themselves."""
    rules: list[Rule] = []
    add = adder(rules)

    unit = alternation(list(en.units))

    # A numbered label: "Table 6-1", "Figure 3-2" (a chapter and a number, not a range).
    add(
        "range:label",
        r"\b(?P<label>Table|Figure|Chart|Exhibit|Listing) (?P<a>\d{1,2})-(?P<b>\d{1,2})\b"
        r"(?![.,\-–]\d)",
        lambda m: f"{m['label']} {cardinal(int(m['a']))}-{cardinal(int(m['b']))}",
        digits=True,
    )

    # Ranges: 2014-2022, 2022-23, 2020/21, 10-15.
    add(
        "range:years",
        r"(?<![\w.\-–/])(?<!\d,)(?P<a>\d{4})\s?(?P<sep>[-–/])\s?(?P<b>\d{4}|\d{2}|(?<=-)\d)"
        rf"(?![\w\-–.,/]?\d)(?!\s?(?:{unit})(?![\w/²³'’-]))",  # "1980-1970 kg": the unit rule
        functools.partial(_year_range, en),
        digits=True,
    )

    add(
        "range:numbers",
        rf"(?<![\w.,\-–])(?P<a>{NUM})\s?[-–]\s?(?P<b>{NUM})(?![\w\-–°]|[.,]\d)"
        rf"(?!\s?(?:{unit})(?![\w/²³'’-]))",  # "10-12 km" goes to the unit rule
        functools.partial(_range, en),
        digits=True,
    )
    return rules


def _range(en: English, m: re.Match[str]) -> str:
    a, b = m.group("a"), m.group("b")
    if a == b and "." not in a:
        return f"{number_words(a)}-{number_words(b)}"  # a 50-50 chance, drew 1-1
    return f"{number_words(a)} {en.words['to']} {number_words(b)}"


def _year_range(en: English, m: re.Match[str]) -> str:
    a, b = m.group("a"), m.group("b")
    first = int(a)
    if m.group("sep") == "/" and int(b) % 100 != (first + 1) % 100:
        return m.group(0)  # "2020/21" is a season; other slashes are not ranges
    if not (1000 <= first <= 2099):
        return f"{number_words(a)} {en.words['to']} {number_words(b)}"
    if len(b) == 1:  # "1846-8": the last digit of the decade
        full = first // 10 * 10 + int(b)
        if full <= first:
            return f"{year_words(first)} {en.words['to']} {number_words(b)}"
        second = year_words(full)
        if first % 100 >= 10 and " " in second:  # "1846-8": "eighteen forty-six to forty-eight"
            second = second.split(" ", 1)[1]
        return (
            f"{year_words(first)} {en.words['to']} {second}"  # "2008-9": "... to two thousand nine"
        )
    if len(b) == 2:
        full = first // 100 * 100 + int(b)
        second = year_words(full)
        # "1990-91" -> "nineteen ninety to ninety-one": the century is said once.
        if first % 100 >= 10 and full % 100 >= 10 and " " in second:
            second = second.split(" ", 1)[1]
        return f"{year_words(first)} {en.words['to']} {second}"
    return f"{year_words(first)} {en.words['to']} {year_words(int(b))}"
