"""Addresses: street addresses ("1428 Elm St.", "708 N 1st St": the house number in pairs, the
street type by context), state codes and ZIP codes digit by digit, states after a city and a
party ("D-Calif."), a city quarter ("Pennsylvania Ave. NW").
"""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING

from audio_article.normalize.en.shared import (
    SENTENCE_GOES_ON,
    Rule,
    adder,
    alternation,
    keep_final_dot,
    title_key,
)
from audio_article.normalize.words import cardinal, digits_words, ordinal, pair

if TYPE_CHECKING:
    from audio_article.normalize.en import English


def rules(en: English) -> list[Rule]:
    """The address rules, in the order they run among themselves."""
    rules: list[Rule] = []
    add = adder(rules)

    # Street addresses: "1428 Elm St.", "708 N 1st St", "2788 San Tomas Expy": a house
    # number, a direction, a street name, a street type (any case); "St." here is Street.
    street_types = alternation(list(en.street_types))
    directions = alternation(list(en.directions))

    add(
        "address:street",
        rf"(?<![\w.,$£€#-])(?P<num>\d{{1,5}})\s+(?:(?P<dir>{directions})\.?\s+)?"
        rf"(?P<name>(?:(?:[A-Z][\w'’-]*|\d{{1,3}}(?:st|nd|rd|th))\s+){{1,3}}?)"
        rf"(?P<type>(?i:{street_types}))\b(?P<dot>\.)?(?:\s(?P<quad>NW|NE|SW|SE)\b(?P<dot2>\.)?)?"
        # "Dr"/"St" before a name without a full stop is Doctor/Saint ("12 Main Dr Smith")
        rf"(?!(?<=[DdSs][rt])\s+[A-Z][a-z])",
        functools.partial(_street, en),
        digits=True,
    )
    postal = alternation(list(en.postal))

    add(  # "CA 95051", "FL, 95051-1234": a state code before a ZIP code, read digit by digit
        "address:zip-code",
        rf"(?<![\w.])(?P<st>{postal})(?P<sep>,?\s+)(?P<zip>\d{{5}})(?:-(?P<plus4>\d{{4}}))?\b(?![.,]?\d)",
        lambda m: (
            f"{en.postal[m['st']]}{m['sep']}{digits_words(m['zip'])}"
            + (f" {digits_words(m['plus4'])}" if m["plus4"] else "")
        ),
        digits=True,
    )
    safe_postal = alternation([c for c in en.postal if c not in en.postal_words])

    add(  # "123 Main St, City, NY": a state code after a city, at the end of the address
        "address:state-code",
        rf"(?<=[a-z], )(?P<st>{safe_postal})\b(?=\s*(?:[,.;)]|$))",
        lambda m: en.postal[m["st"]],
        digits=False,
    )

    # U.S. states: "(D-Calif.)" -> Democrat of California; "ALBANY, N.Y." -> New York.
    states = alternation(list(en.states))
    parties = alternation(list(en.parties))

    add(
        "address:party-state",
        rf"(?<![\w.])(?P<party>{parties})-(?P<st>{states})(?!\w)",
        lambda m: f"{en.parties[m['party']]} of {en.states[m['st']]}",
        digits=False,
    )

    add(
        "address:state-after-city",
        rf"(?<=[A-Za-z], )(?P<st>{states})(?!\w)",
        lambda m: en.states[m["st"]] + keep_final_dot(m),
        digits=False,
    )
    streets = alternation(en.compass_streets)
    quarters = alternation(list(en.compass))

    add(
        "address:compass-quarter",
        rf"\b(?P<st>{streets}) (?P<q>{quarters})\b(?![\w'’-])",
        lambda m: f"{m['st']} {en.compass[m['q']]}",
        digits=False,
    )
    return rules


def _street(en: English, m: re.Match[str]) -> str:
    name = re.sub(r"\b(\d{1,3})(?:st|nd|rd|th)\b", lambda o: ordinal(int(o.group(1))), m["name"])
    said = house_number(m["num"]) + " "
    if m["dir"]:
        said += en.directions[m["dir"]] + " "
    said += name + en.street_types[title_key(m["type"], en.street_types)]
    if m["quad"]:  # "1600 Pennsylvania Ave. NW": the city quarter
        said += " " + en.compass[m["quad"]]
    if (m["dot2"] if m["quad"] else m["dot"]) and not SENTENCE_GOES_ON.match(m.string, m.end()):
        said += "."  # "Elm St. It was a strange place": the dot is also the full stop
    return said


def house_number(digits: str) -> str:
    """House numbers in pairs, as said: 1428 -> fourteen twenty-eight, 123 -> one twenty-three,
    708 -> seven oh eight, 1005 -> ten oh five, 2000 -> two thousand; five digits one by one."""
    n = int(digits)
    if len(digits) == 5 or digits.startswith("0"):
        return digits_words(digits)
    if len(digits) == 4 and n % 1000 != 0:
        hi, lo = divmod(n, 100)
        return f"{cardinal(hi)} hundred" if lo == 0 else f"{cardinal(hi)} {pair(lo)}"
    if len(digits) == 3 and n % 100 != 0:
        return f"{cardinal(n // 100)} {pair(n % 100)}"
    return cardinal(n)
