"""Telephone numbers and identifiers, digit by digit in their groups: international and U.S.
numbers, local numbers, service numbers ("call 911"), Social Security numbers, ISBNs and long
runs of digits.
"""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING

from audio_article.normalize.en.shared import Rule, adder
from audio_article.normalize.words import cardinal, digits_words, number_words

if TYPE_CHECKING:
    from audio_article.normalize.en import English


def rules(en: English) -> list[Rule]:
    """The telephone rules, in the order they run among themselves."""
    rules: list[Rule] = []
    add = adder(rules)

    # Phone numbers, read digit by digit in their groups (before ranges read "555-1234").
    add(
        "telephone:international-or-us",
        r"(?<![\w+])\+\d{1,3}(?:[ .-]\d{1,4}){2,5}\b"
        r"|(?<![\w.,-])(?:1[-.])?\d{3}[-.]\d{3}[-.]\d{4}(?:-\d{1,4})?\b(?![.,-]\d)"
        # a U.S. Social Security number: "111-11-1111"
        r"|(?<![\w.,-])\d{3}-\d{2}-\d{4}\b(?![.,-]\d)",
        functools.partial(_phone, en),
        digits=True,
    )

    add(  # identifiers: "ISBN 978-1-48-337701-8", "PMID 21187404", and any bare run of
        # seven or more digits (no thousands separators), read one digit at a time
        "telephone:identifier",
        r"\b(?P<k>ISBN|ISSN|PMID|PMC|OCLC|ISBN-1[03])(?P<sep>:?\s?)(?P<id>\d[\d-]{3,}[\dX]?)\b"
        r"|(?<![\w.,$£€¥-])(?P<run>\d{7,})(?!\w|[.,]\d)",
        lambda m: (
            digits_words(m["run"])
            if m["run"]
            else f"{m['k']}{m['sep'] or ' '}"
            + ", ".join(
                digits_words(g) + (" X" if g.endswith("X") else "") for g in m["id"].split("-") if g
            )
        ),
        digits=True,
    )

    add(  # "a card ending in 8876": the digits one by one
        "telephone:digits-after-ending",
        r"(?<=\bending in )\d{2,6}\b(?![.,]\d)",
        lambda m: digits_words(m.group(0)),
        digits=True,
    )

    add(
        "telephone:local",
        r"(?<![\w.,\-–+])(?P<a>\d{3})-(?P<b>\d{4})\b(?![.,\-–]\d)",
        functools.partial(_phone, en),
        digits=True,
    )

    add(  # service numbers: "call 311", "dial 911"
        "telephone:service",
        r"(?<=\b(?:call|dial|Call|Dial) )\d{3}\b(?![.,\-–]?\d)",
        lambda m: digits_words(m.group(0)),
        digits=True,
    )
    return rules


def _phone(en: English, m: re.Match[str]) -> str:
    """Each group of a phone number digit by digit, a pause (comma) between groups."""
    text = m.group(0)
    if m.groupdict().get("a"):
        a, b = m.group("a"), m.group("b")
        # "200-1000", "250-1500": a range of round numbers, not a phone number.
        if int(a) < 200 or b.endswith("000") or (a.endswith("0") and b.endswith("0")):
            return f"{number_words(a)} {en.words['to']} {number_words(b)}"
    sign = f"{en.words['plus']} " if text.startswith("+") else ""
    groups = re.findall(r"\d+", text)
    # A toll-free code after the trunk "1" is said as a number: "1-800-..." -> "one, eight
    # hundred"; written alone ("800-555-0199") it is read digit by digit.
    return sign + ", ".join(
        cardinal(int(g)) if i == 1 and groups[0] == "1" and g.endswith("00") else digits_words(g)
        for i, g in enumerate(groups)
    )
