"""Initialisms and acronyms: dotted ("U.S." -> "U.S"), all capitals spelled or said as a word
(FBI, NATO; a shouted headline is read as words), a lower-case prefix ("mRNA").
"""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING

from audio_article.normalize.en.shared import Rule, adder, keep_final_dot, sayable, shouting

if TYPE_CHECKING:
    from audio_article.normalize.en import English


def rules(en: English) -> list[Rule]:
    """The acronym rules, in the order they run among themselves."""
    rules: list[Rule] = []
    add = adder(rules)

    # Initialisms and acronyms.
    add(
        "acronym:dotted",
        r"(?<![\w.])(?P<letters>(?:[A-Za-z]\.){1,}[A-Za-z])\.?(?P<poss>['’]s\b)?(?![\w])",
        functools.partial(_dotted, en),
        digits=False,
    )

    add(
        "acronym:capitals",
        r"(?<![\w.’'\-])(?P<word>[A-Z][A-Za-z]*[A-Z])(?P<suffix>s\b|['’]s\b)?(?![\w’'])",
        functools.partial(_caps_word, en),
        digits=False,
    )

    add(  # a lower-case prefix before capitals: mRNA, siRNA, tRNA are spelled
        "acronym:lower-prefix",
        r"(?<![\w.’'\-])(?P<word>[a-z]{1,2}[A-Z]{3,})(?P<suffix>s\b|['’]s\b)?(?![\w’'])",
        lambda m: (
            en.acronym_respell.get(m["word"])
            or ".".join(m["word"].upper()) + (".'s" if m["suffix"] else "")
        ),
        digits=False,
    )
    return rules


def _dotted(en: English, m: re.Match[str]) -> str:
    letters = m.group("letters").replace(".", "")
    if letters.islower() and letters in {"am", "pm"}:
        return m.group(0)
    if letters.islower() and len(letters) == 2:
        return m.group(0)  # e.g. "p.m" after a time: already spoken form
    out = ".".join(c.upper() for c in letters)
    if m.group("poss"):
        return out + ".'s"
    return out + keep_final_dot(m)


def _caps_word(en: English, m: re.Match[str]) -> str:
    word, suffix = m.group("word"), m.group("suffix") or ""
    whole = word + suffix if suffix == "s" else None
    if whole and (whole in en.acronym_words or whole in en.acronym_respell):
        word, suffix = whole, ""
    if word in en.acronym_respell:
        return en.acronym_respell[word] + suffix
    if not word.isupper():
        return m.group(0)  # mixed case (iPhone, McDonald, MiG) is read as written
    if shouting(m.string) and word not in en.initialisms:
        return word.capitalize() + suffix
    # Acronyms said as words keep their capitals (NATO, HIMARS): eSpeak NG (and Piper's
    # eSpeak phonemizer) read an all-capitals word as a word, checked word by word.
    if word in en.acronym_words:
        return word + suffix
    if word in en.initialisms or len(word) <= 3 or not sayable(word):
        spelled = ".".join(word)
        return spelled + (".'s" if suffix else "")
    return word + suffix
