"""What the English rules share: the Rule record, the number pattern, the window on the text
around a match, and the heuristics that tell a word from an initialism."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Sequence
from typing import NamedTuple

NUM = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
PROTECT_OPEN, PROTECT_CLOSE = "\ue000", "\ue001"
# "^" of a power ("10^6", "10⁸") while the rules run: the cleanup takes a bare "^" out.
POW = "\ue002"


def alternation(keys: Sequence[str]) -> str:
    """A regex alternation of ``keys``, longest first, each escaped."""
    return "|".join(re.escape(k) for k in sorted(keys, key=len, reverse=True))


class Rule(NamedTuple):
    """One English rule: a unique name ("class:detail", the name ``explain`` reports), the
    pattern, the function that says a match, and whether it can only match text with a digit
    (such rules are skipped once a pass has left no digits)."""

    name: str
    pattern: re.Pattern[str]
    say: Callable[[re.Match[str]], str]
    needs_digits: bool


def adder(rules: list[Rule]) -> Callable[..., None]:
    """The ``add(name, pattern, say, flags=0, *, digits)`` that appends a compiled rule."""

    def add(
        name: str,
        pattern: str,
        say: Callable[[re.Match[str]], str],
        flags: int = 0,
        *,
        digits: bool,
    ) -> None:
        rules.append(Rule(name, re.compile(pattern, flags), say, digits))

    return add


_AT_END = re.compile(r"\s*\Z")


def keep_final_dot(m: re.Match[str]) -> str:
    """An abbreviation's dot that also ends the sentence stays as the full stop."""
    at_end = _AT_END.match(m.string, m.end()) is not None
    return "." if m.group(0).endswith(".") and at_end else ""


_ONSETS = {
    *"BCDFGHJKLMNPQRSTVWXYZ",
    *[
        "BL",
        "BR",
        "CH",
        "CL",
        "CR",
        "DR",
        "FL",
        "FR",
        "GL",
        "GR",
        "KL",
        "KN",
        "KR",
        "PH",
        "PL",
        "PR",
        "SC",
        "SH",
        "SK",
        "SL",
        "SM",
        "SN",
        "SP",
        "ST",
        "SW",
        "TH",
        "TR",
        "TW",
        "WH",
        "WR",
        "QU",
        "SCR",
        "SHR",
        "SPL",
        "SPR",
        "STR",
        "THR",
        "SQU",
    ],
}
_VOWELS = set("AEIOUY")


def sentence_case(m: re.Match[str], said: str) -> str:
    """Capitalize `said` when the written word it replaces opens a sentence ("No. 10 Downing
    Street" -> "Number ten Downing Street")."""
    before = m.string[: m.start()].rstrip(" \t\"'“‘(")
    if m.group(0)[:1].isupper() and (not before or before[-1] in ".!?\n"):
        return said[:1].upper() + said[1:]
    return said


def sayable(word: str) -> bool:
    """Can an all-capital word be read as a word (NATO, UNESCO) rather than spelled (FBI, IAEA)?

    A sound heuristic: it needs a plausible English onset, vowels that are not all in a row,
    no consonant run longer than three letters inside and two at the end.
    """
    word = word.upper()
    if len(word) < 4 or not any(c in "AEIOU" for c in word):
        return False  # Y alone does not make a word of it (NYPD, SDNY)
    groups = re.findall(r"[AEIOUY]+|[^AEIOUY]+", word)
    first = groups[0]
    if first[0] not in _VOWELS and first not in _ONSETS:
        return False
    vowel_groups = [g for g in groups if g[0] in _VOWELS]
    if any(len(g) > 2 for g in vowel_groups):
        return False
    if len(vowel_groups) == 1 and len(word) > 5:
        return False
    inner = groups[1:-1]
    if any(g[0] not in _VOWELS and len(g) > 3 for g in inner):
        return False
    last = groups[-1]
    if last[0] not in _VOWELS and len(last) == 2 and last not in _CODAS:
        return False  # no English word ends in -PD, -BK, -DF ...
    return not (last[0] not in _VOWELS and len(last) > 2 and last not in _CODAS3)


# Two-consonant endings English words have (NATO-like words ending so are sayable).
_CODAS = frozenset(
    {
        "NT", "ND", "ST", "SK", "SP", "NK", "NG", "MP", "LT", "LD", "LK", "LP", "LF", "LM", "RT",
        "RD", "RK", "RN", "RM", "RS", "RB", "RG", "RL", "RP", "RF", "RC", "RCH", "FT", "PT", "KT",
        "CT", "CH", "SH", "TH", "GH", "PH", "NS", "TS", "LS", "MS", "PS", "KS", "CK", "LL", "SS",
        "FF", "ZZ", "NC", "DS", "GS", "BS", "WN", "WS", "WL", "WK", "WT", "XT",
    }
)  # fmt: skip


# Three-consonant endings English words have (WORDS, PARTS, FIELDS).
_CODAS3 = frozenset({"RST", "NTS", "NDS", "RDS", "RTS", "LDS", "RKS", "NKS", "LTS", "CTS", "PTS",
                     "MPS", "STS", "SKS", "RMS", "RNS", "LLS", "NGS"})  # fmt: skip


def er_word(words: str) -> str:
    """forty-nine -> forty-niners, seventy-six -> seventy-sixers (teams named for a number)."""
    return words + ("rs" if words.endswith("e") else "ers")


def plural_noun(word: str, not_plural: set[str]) -> bool:
    """Does ``word`` look like a counted plural noun ("2000 troops")?"""
    return (
        word.endswith("s")
        and not word.endswith(("ss", "us", "is"))
        and word not in not_plural
        and len(word) > 2
    )


_WINDOW = 60
# After an abbreviation's dot, the sentence goes on (a lower-case word, a comma, a digit).
SENTENCE_GOES_ON = re.compile(r"\s*[,;:)]|\s+[a-z0-9]")


def title_key(word: str, table: dict[str, str]) -> str:
    """The key of ``table`` that ``word`` is, in any case ("hwy" -> "Hwy")."""
    return next(k for k in table if k.lower() == word.lower())


def text_before(m: re.Match[str]) -> str:
    """The text just before a match (a window: slicing the whole text per match is quadratic)."""
    return m.string[max(0, m.start() - _WINDOW) : m.start()]


def text_after(m: re.Match[str]) -> str:
    return m.string[m.end() : m.end() + _WINDOW]


_RULE_WORDS = frozenset(
    re.findall(
        r"\w+",
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
        "fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty "
        "ninety hundred thousand million billion trillion point minus plus percent dollar dollars "
        "euro euros pound pounds cents pence hryvnias rubles and to oh",
    )
)


@functools.lru_cache(maxsize=64)
def shouting(text: str) -> bool:
    """All-caps text (a shouted headline) is read as words, not spelled."""
    # Number words the rules wrote ("$95 BILLION" -> "ninety-five billion dollars") are neither.
    words = [w for w in re.findall(r"[A-Za-z]{2,}", text) if w not in _RULE_WORDS]
    if len(words) < 4:
        return False
    caps = sum(1 for w in words if w.isupper())
    return caps / len(words) > 0.6
