"""Ordinals: "1st", "22nd", "103rd"."""

from __future__ import annotations

from typing import TYPE_CHECKING

from audio_article.normalize.en.shared import Rule, adder
from audio_article.normalize.words import ordinal

if TYPE_CHECKING:
    from audio_article.normalize.en import English


def rules(en: English) -> list[Rule]:
    """The ordinal rules, in the order they run among themselves."""
    rules: list[Rule] = []
    add = adder(rules)

    add(
        "ordinal:suffix",
        r"(?<![\w.,])(?P<n>\d{1,3}(?:,\d{3})*|\d+)(?:st|nd|rd|th)\b",
        lambda m: ordinal(int(m.group("n").replace(",", ""))),
        digits=True,
    )
    return rules
