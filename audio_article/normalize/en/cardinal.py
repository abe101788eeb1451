"""Cardinal numbers: round plurals ("100s" -> "hundreds"), scales stuck to a number ("10k", "2.3m
people"), scores ("6-4, 7-6", "Arsenal 2-1 Chelsea"), signed numbers and the last rule that
reads any digit left.
"""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING

from audio_article.normalize.en.shared import NUM, Rule, adder, plural_noun, text_after, text_before
from audio_article.normalize.words import cardinal, number_words, pluralize

if TYPE_CHECKING:
    from audio_article.normalize.en import English


def rules(en: English) -> list[Rule]:
    """The cardinal rules, in the order they run among themselves."""
    rules: list[Rule] = []
    add = adder(rules)

    # A footnote number glued to the end of a sentence ("take 5 seconds.23") is not read.
    add("cardinal:footnote", r"(?<=[a-z]{4}\.)\d{1,3}(?=\s|$)", lambda m: "", digits=True)

    # A plural round number is a rough count: "100s of people" is "hundreds of people",
    # "1000s" "thousands" and "10,000s" "tens of thousands".
    add(
        "cardinal:round-plural",
        r"(?<![\w.,$€£])(?P<n>100|1,?000|10,000|100,000|1,000,000)s\b",
        functools.partial(_round_plural, en),
        digits=True,
    )

    # Tennis sets: 6-4, 3-6, 7-6(5) -> "six-four, three-six, seven-six" (tiebreaks unsaid).
    set_score = r"[0-7]-[0-7](?:\s?\(\d{1,2}\))?"

    add(
        "cardinal:tennis-score",
        rf"(?<![\w.,\-–])(?:{set_score},\s){{1,4}}{set_score}(?![\w\-–]|[.,]\d)",
        functools.partial(_tennis, en),
        digits=False,
    )

    # A football result between two names: "Arsenal 2-1 Chelsea" -> "Arsenal two, Chelsea one".
    add(
        "cardinal:team-score",
        r"(?<=[A-Za-z] )(?P<a>\d{1,2})-(?P<b>\d{1,2}) "
        r"(?P<team>[A-Z][\w'.-]*(?: [A-Z][\w'.-]*){0,3})",
        functools.partial(_result, en),
        digits=False,
    )

    # Scales stuck to a number: 10k, 2.3m people, 5bn (money took its own).
    add(
        "cardinal:scale",
        # ("4790k" after a model name is a designation: four digits take no "k")
        rf"(?<![\w.,])(?P<sign>[-+−]?)(?P<num>{NUM})(?<!\b\d{{4}})(?P<scale>k|bn|mn|tn|m)\b(?![.,]\d)",
        functools.partial(_bare_scale, en),
        digits=True,
    )

    add(
        "cardinal:number",
        rf"(?<![\w.,])(?P<sign>[-+−]?)(?P<num>{NUM})(?!\d)",
        functools.partial(_number, en),
        digits=True,
    )

    # Left-over numbers (the safety net: no digits reach the engine).
    add("cardinal:digits", r"\d+", _digits, digits=True)
    return rules


def _tennis(en: English, m: re.Match[str]) -> str:
    """Set scores: each set "six-four"; a tiebreak in brackets is not read on air."""
    sets = re.findall(r"([0-7])-([0-7])", m.group(0))
    if not all(max(int(a), int(b)) >= 6 and a != b for a, b in sets):
        return m.group(0)  # not a tennis score line; the range rule reads it
    return ", ".join(f"{cardinal(int(a))}-{cardinal(int(b))}" for a, b in sets)


def _result(en: English, m: re.Match[str]) -> str:
    """A result between two names ("Arsenal 2-1 Chelsea"): each team with its goals."""
    team = m.group("team")
    first = team.split()[0]
    prev = re.search(r"(\S+)\s$", text_before(m))
    if (
        not prev
        or not prev.group(1)[:1].isupper()
        or prev.group(1).endswith((".", ","))
        or first in en.month_names
        or first in en.weekdays
        or first in en.month_abbr
        or first in {"The", "A", "An", "In", "On", "At", "For", "To", "And", "But"}
    ):
        return m.group(0)
    return f"{cardinal(int(m['a']))}, {team} {cardinal(int(m['b']))}"


def _round_plural(en: English, m: re.Match[str]) -> str:
    words = cardinal(int(m.group("n").replace(",", ""))).split()
    if words[0] != "one":  # "ten thousand" -> "tens of thousands"
        return f"{pluralize(words[0])} {en.words['of']} {pluralize(' '.join(words[1:]))}"
    if len(words) == 3:  # "one hundred thousand" -> "hundreds of thousands"
        return f"{pluralize(words[1])} {en.words['of']} {pluralize(words[2])}"
    return pluralize(words[1])


def _bare_scale(en: English, m: re.Match[str]) -> str:
    scale, num = m.group("scale"), m.group("num")
    if scale == "m":
        # "2.3m people" is millions; "200m" alone is meters (left to the unit rule).
        nxt = re.match(r"\s+([a-z]+)", text_after(m))
        counted = bool(nxt) and (
            plural_noun(nxt.group(1), en.not_plural) or nxt.group(1) in {"people"}
        )
        if "." not in num and not counted:
            return m.group(0)
    sign = {"-": "minus ", "−": "minus ", "+": "plus "}.get(m.group("sign") or "", "")
    return f"{sign}{number_words(num)} {en.scales[scale.lower()]}"


def _number(en: English, m: re.Match[str]) -> str:
    sign = m.group("sign")
    num = m.group("num")
    # A hyphen between words and digits ("Ukraine-2") is not a minus sign.
    start, end = m.start(), m.end()
    after = " " if end < len(m.string) and m.string[end].isalpha() else ""  # "1,440p", "0x"
    if sign and start > 0 and not m.string[start - 1].isspace() and m.string[start - 1] != "(":
        return m.string[start] + number_words(num) + after
    return number_words((sign or "") + num) + after


def _digits(m: re.Match[str]) -> str:
    """The safety net: any digits left, read as a number, with a space where they touch a word
    ("elmo666's" -> "elmo six hundred sixty-six's", not "elmosix ...")."""
    text, start, end = m.string, m.start(), m.end()
    before = " " if start and text[start - 1].isalpha() else ""
    after = " " if end < len(text) and text[end].isalpha() and text[end : end + 2] != "s'" else ""
    return f"{before}{number_words(m.group(0))}{after}"
