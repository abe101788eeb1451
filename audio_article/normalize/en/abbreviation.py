"""Abbreviations: before a number ("No. 2", "pp. 12"), law sections ("§ 1001"), titles before a
name ("Gen.", "Sen."), "St."/"Dr." by context (before a name Saint/Doctor, after one Street/
Drive), and those always read in full.
"""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING

from audio_article.normalize.en.shared import (
    Rule,
    adder,
    alternation,
    keep_final_dot,
    sentence_case,
    text_after,
    text_before,
)
from audio_article.normalize.words import section_words

if TYPE_CHECKING:
    from audio_article.normalize.en import English


def rules(en: English) -> list[Rule]:
    """The abbreviation rules, in the order they run among themselves."""
    rules: list[Rule] = []
    add = adder(rules)

    # Abbreviations before numbers (No. 2, Art. 5, pp. 12-15): before any rule reads the number.
    add(
        "abbreviation:before-number",
        rf"(?<![\w.])(?P<a>{alternation(list(en.abbr_number))})\s?(?=#?\d)",
        lambda m: sentence_case(m, en.abbr_number[m.group("a")]) + " ",
        digits=False,
    )

    add(  # "§ 1001": a section number is read like a designation, "section ten oh one"
        "abbreviation:section",
        r"§\s?(?P<num>\d{3,4})\b(?![.,]\d)",
        lambda m: f"{en.symbols['§']} {section_words(m['num'])}",
        digits=False,
    )

    # Abbreviations.
    title = alternation(list(en.abbr_title))

    add(
        "abbreviation:title",
        rf"(?<![\w.])(?P<a>{title})(?=\s+[A-Z])",
        functools.partial(_abbreviation_title, en),
        digits=False,
    )
    both = alternation(list(en.abbr_both))

    add(
        "abbreviation:saint-or-street",
        rf"(?<![\w.])(?P<a>{both})(?!\w)",
        functools.partial(_abbreviation_both, en),
        digits=False,
    )
    always = alternation(list(en.abbr_always))

    add(
        "abbreviation:always",
        rf"(?<![\w.])(?P<a>{always})(?!\w)",
        lambda m: en.abbr_always[m.group("a")] + keep_final_dot(m),
        digits=False,
    )
    return rules


def _abbreviation_title(en: English, m: re.Match[str]) -> str:
    return en.abbr_title[m.group("a")]


def _abbreviation_both(en: English, m: re.Match[str]) -> str:
    abbr = m.group("a")
    before_name, after_name = en.abbr_both[abbr]
    if re.match(r"\s+[A-Z0-9]", text_after(m)):
        return before_name
    if re.search(r"[A-Z]\w*\s+$", text_before(m)):
        return after_name + keep_final_dot(m)
    return before_name
