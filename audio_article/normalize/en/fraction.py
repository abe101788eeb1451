"""Fractions: simple and mixed ("3/4", "1 1/2"), with an ordinal suffix ("1/4th"); a slash between
numbers that cannot be a fraction is said "slash".
"""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING

from audio_article.normalize.en.shared import Rule, adder
from audio_article.normalize.words import fraction_words, number_words

if TYPE_CHECKING:
    from audio_article.normalize.en import English


def rules(en: English) -> list[Rule]:
    """The fraction rules, in the order they run among themselves."""
    rules: list[Rule] = []
    add = adder(rules)

    # Ordinals: 1st, 22nd, 103rd ("1/4th" is a fraction, read by its rule first).
    add(
        "fraction:ordinal-suffix",
        r"(?<![\w/.,])(?P<n>\d{1,3})/(?P<d>\d{1,3})(?P<th>(?i:st|nd|rd|th))(?![\w/])",
        functools.partial(_fraction, en),
        digits=True,
    )

    # Fractions: 1/2, 3/4, 1 1/2, 24/7.
    add(
        "fraction:mixed",
        r"(?<![\w/.,])(?P<whole>\d+)\s(?P<n>\d{1,2})/(?P<d>\d{1,2})(?![\w/])",
        functools.partial(_mixed_fraction, en),
        digits=True,
    )

    add(
        "fraction:simple",
        r"(?<![\w/.,])(?P<n>\d{1,3})/(?P<d>\d{1,3})(?P<th>(?i:st|nd|rd|th))?(?![\w/])",
        functools.partial(_fraction, en),
        digits=True,
    )
    return rules


def _mixed_fraction(en: English, m: re.Match[str]) -> str:
    n, d = int(m.group("n")), int(m.group("d"))
    if not (0 < n < d <= 16):
        return m.group(0)
    whole = number_words(m.group("whole"))
    if n == 1 and d == 2:
        return f"{whole} and a half"
    if n == 1 and d == 4:
        return f"{whole} and a quarter"
    return f"{whole} and {fraction_words(n, d)}"


def _fraction(en: English, m: re.Match[str]) -> str:
    text = m.group(0)
    if text in en.fraction_special:
        return en.fraction_special[text]
    n, d = int(m.group("n")), int(m.group("d"))
    # a denominator that cannot be a day of the month is a fraction too ("31/32", "1/100");
    # "1/4th", "1/3RD" are fractions whatever the numbers
    if 0 < n < d and (d <= 16 or d > 31 or m.group("th")):
        return fraction_words(n, d)
    return f"{number_words(m.group('n'))} {en.words['slash']} {number_words(m.group('d'))}"
