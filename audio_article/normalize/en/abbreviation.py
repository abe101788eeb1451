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

    # The titles, "St."/"Dr." and "Mr."/"Mrs."/"Ms." in another case ("GEN. SMITH", "dr. jones",
    # "MAIN ST."): the forms above in their written case have been read already.
    any_case = {k.lower(): k for k in [*en.abbr_title, *_ANY_CASE] if k not in _NOT_ANY_CASE}
    add(
        "abbreviation:any-case",
        # (at the end only "St."/"Dr.", as Street/Drive; never the end of a spoken address:
        # "Cia.gov." is "Cia dot gov" by then)
        rf"(?<![\w.])(?<!\bdot )(?P<a>(?i:{alternation(list(any_case))}))"
        r"(?=\s+[A-Za-z]|\s*$(?<=[SsDd][TtRr]\.))",
        lambda m: _any_case(en, m, any_case[m["a"].lower()]),
        digits=False,
    )
    return rules


# Read in any case besides the titles; "Ft." is left out ("6 ft. tall" is a unit).
_ANY_CASE = ("St.", "Dr.", "Mr.", "Mrs.", "Ms.", "Jr.", "Sr.")
_NOT_ANY_CASE = frozenset({"Ft."})


def _any_case(en: English, m: re.Match[str], key: str) -> str:
    if key in en.abbr_both:
        before_name, after_name = en.abbr_both[key]
        if re.search(r"[A-Za-z]\w*\s+$", text_before(m)) and not re.match(
            r"\s+[A-Za-z]", text_after(m)
        ):
            return after_name + keep_final_dot(m)  # "MAIN ST." at the end: Street
        return before_name
    said = en.abbr_title.get(key) or en.abbr_always[key]
    return said + (keep_final_dot(m) if key in en.abbr_always else "")


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
