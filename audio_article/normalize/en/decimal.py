"""Decimals: a decimal without its leading zero (".1 trillion"); other decimals are read by the
number rules ("point" and digit by digit).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from audio_article.normalize.en.shared import Rule, adder
from audio_article.normalize.words import digits_words

if TYPE_CHECKING:
    from audio_article.normalize.en import English


def rules(en: English) -> list[Rule]:
    """The decimal rules, in the order they run among themselves."""
    w = en.words
    rules: list[Rule] = []
    add = adder(rules)

    add(  # ".1 trillion", ".1665": a decimal without its leading zero
        "decimal:no-leading-zero",
        r"(?:(?<=\s)|(?<=^)|(?<=\())\.(?P<d>\d+)\b(?![.,]\d)",
        lambda m: f"{w['point']} {digits_words(m['d'])}",
        digits=True,
    )
    return rules
