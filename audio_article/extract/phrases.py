"""The rule data (``data/boilerplate/<lang>.toml``) and what it says of one line.

``load_phrases`` reads the boilerplate phrases, metadata patterns and stop words of a language;
``match_rule`` tells whether a line is a known kind of boilerplate, ``is_prose`` whether it reads
as a sentence, ``guess_language`` which stop-word list covers a text best.
"""

from __future__ import annotations

import re
import tomllib
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from .common import (
    _COLON_END,
    _EDGE,
    _INNER_STOP,
    _TERMINAL,
    _WORD,
    WORDS,
    _key,
    _lower,
    _starts,
    word_count,
)

# Languages whose stop words we know (jusText stoplists), ISO code -> jusText name.
STOPLISTS: dict[str, str] = dict(WORDS["stoplists"])


@dataclass(frozen=True)
class Rule:
    """One kind of boilerplate line, from the data file."""

    reason: str
    exact: frozenset[str]
    prefixes: tuple[str, ...]
    regexes: tuple[re.Pattern[str], ...]
    max_words: int
    ends_body: bool
    any_regex: re.Pattern[str] | None = field(default=None, compare=False)
    """``regexes`` as one alternation (searched once), when they can be joined."""


@dataclass(frozen=True)
class Phrases:
    """Everything language-specific the filters need."""

    language: str
    rules: tuple[Rule, ...]
    reading_time: tuple[re.Pattern[str], ...]
    audio_notice: tuple[re.Pattern[str], ...]
    byline: tuple[re.Pattern[str], ...]
    date_prefix: tuple[str, ...]
    updated_prefix: tuple[str, ...]
    copyright: tuple[re.Pattern[str], ...]
    promo: tuple[re.Pattern[str], ...]
    bio: tuple[re.Pattern[str], ...]
    editor_note: tuple[re.Pattern[str], ...] = ()
    """Openings of an editor's note or correction after the body ("Correction:")."""
    about: tuple[re.Pattern[str], ...] = ()
    """A company boilerplate heading after a press release ("About Northwind Health"); group
    "name" is the company, which the paragraph under it names."""
    stopwords: frozenset[str] = field(default_factory=frozenset)
    not_name: frozenset[str] = field(default_factory=frozenset)
    """Words that make a capitalized line an organisation or a section, not a person."""
    prefix_heads: dict[str, tuple[tuple[int, str], ...]] = field(
        default_factory=dict, compare=False, hash=False
    )
    """(rule index, prefix) by the prefix's first two characters: the prefixes a line can have."""
    notice_any: re.Pattern[str] | None = field(default=None, compare=False, hash=False)
    """``reading_time`` and ``audio_notice`` as one alternation: most lines match neither."""
    exact_rule: dict[str, Rule] = field(default_factory=dict, compare=False, hash=False)
    """Each whole line of a rule's ``exact`` list, and the first rule that lists it."""


def _compile(patterns: Iterable[str], flags: int = re.IGNORECASE) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p, flags) for p in patterns)


def _joined(patterns: list[str]) -> re.Pattern[str] | None:
    """One pattern for "any of ``patterns``" (None: none, or they use groups by number/name)."""
    if not patterns or any(re.search(r"\\\d|\(\?P", p) for p in patterns):
        return None
    try:
        return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)
    except re.error:
        return None


@lru_cache(maxsize=16)
def load_phrases(language: str = "en") -> Phrases:
    """Boilerplate phrases for ``language``, falling back to (and merged with) English."""
    base = resources.files("audio_article") / "data" / "boilerplate"
    tables: list[dict[str, Any]] = []
    for lang in dict.fromkeys((language, "en")):
        res = base / f"{lang}.toml"
        if res.is_file():
            tables.append(tomllib.loads(res.read_text(encoding="utf-8")))
    rules: list[Rule] = []
    meta: dict[str, list[str]] = {}
    promo: list[str] = []
    bio: list[str] = []
    note: list[str] = []
    about: list[str] = []
    for table in tables:
        for r in table.get("rule", []):
            rules.append(
                Rule(
                    reason=r["reason"],
                    exact=frozenset(r.get("exact", [])),
                    prefixes=tuple(r.get("prefix", [])),
                    regexes=_compile(r.get("regex", [])),
                    max_words=int(r.get("max_words", 12)),
                    ends_body=bool(r.get("ends_body", False)),
                    any_regex=_joined(r.get("regex", [])),
                )
            )
        for key, value in table.get("metadata", {}).items():
            meta.setdefault(key, []).extend(value)
        promo.extend(table.get("promo", {}).get("regex", []))
        bio.extend(table.get("bio", {}).get("regex", []))
        note.extend(table.get("editor_note", {}).get("regex", []))
        about.extend(table.get("company_about", {}).get("regex", []))
    heads: dict[str, list[tuple[int, str]]] = {}
    for k, rule in enumerate(rules):
        for prefix in rule.prefixes:
            heads.setdefault(prefix[:2], []).append((k, prefix))
    exact_rule: dict[str, Rule] = {}
    for rule in rules:
        for line in rule.exact:
            exact_rule.setdefault(line, rule)
    return Phrases(
        prefix_heads={h: tuple(v) for h, v in heads.items()},
        exact_rule=exact_rule,
        language=language,
        rules=tuple(rules),
        reading_time=_compile(meta.get("reading_time", [])),
        audio_notice=_compile(meta.get("audio_notice", [])),
        byline=_compile(meta.get("byline", [])),
        date_prefix=tuple(sorted(meta.get("date_prefix", []), key=len, reverse=True)),
        updated_prefix=tuple(meta.get("updated_prefix", [])),
        copyright=_compile(meta.get("copyright", [])),
        promo=_compile(promo),
        bio=_compile(bio, 0),
        editor_note=_compile(note),
        about=_compile(about),
        stopwords=stopwords(language),
        not_name=frozenset(w.lower() for w in meta.get("not_name", [])),
        notice_any=_joined(meta.get("reading_time", []) + meta.get("audio_notice", [])),
    )


@lru_cache(maxsize=16)
def stopwords(language: str) -> frozenset[str]:
    name = STOPLISTS.get(language)
    if not name:
        return frozenset()
    # jusText's stoplists (installed with trafilatura) are a maintained resource. They are read
    # from its package folder, as its ``get_stoplist`` does, without importing jusText: that
    # import (lxml, its HTML cleaner) costs every process 10 MB for a word list (issue 16).
    import importlib.util

    try:
        spec = importlib.util.find_spec("justext")
        folders = list(spec.submodule_search_locations or []) if spec else []
        data = (Path(folders[0]) / "stoplists" / f"{name}.txt").read_bytes()
    except (ImportError, IndexError, OSError):
        return frozenset()
    return frozenset(w.decode("utf-8").lower() for w in data.splitlines())


def guess_language(text: str) -> str | None:
    """The language whose stop words cover most words of ``text`` (None if unsure)."""
    words = Counter(w.lower() for w in _WORD.findall(text[:20000]))
    total = sum(words.values())
    if total < 20:
        return None
    best, best_rate = None, 0.0
    for code in STOPLISTS:
        stop = stopwords(code)
        rate = sum(n for w, n in words.items() if w in stop) / total
        if rate > best_rate:
            best, best_rate = code, rate
    return best if best_rate >= 0.2 else None


def match_rule(text: str, phrases: Phrases) -> Rule | None:
    """The first boilerplate rule that matches the whole line ``text``."""
    low = _lower(text)
    key = _key(low)
    if not key:
        return None
    words = len(text.split())
    # A whole-line match beats a prefix of another rule ("More on this topic" is a related box,
    # not a "More on this: ..." link).
    exact = phrases.exact_rule.get(key)
    if exact is not None:
        return exact
    # The rules with a prefix the line starts with (looked up by the first two characters).
    heads = phrases.prefix_heads
    hits = {
        k
        for head in {low[:2], key[:2], low[:1], key[:1], ""}
        for k, p in heads.get(head, ())
        if _starts(low, p) or _starts(key, p)
    }
    for k, rule in enumerate(phrases.rules):
        if words > rule.max_words:
            continue
        if k in hits:
            return rule
        if rule.any_regex is not None:
            if rule.any_regex.search(low):
                return rule
        elif any(r.search(low) for r in rule.regexes):
            return rule
    # A row of page buttons copied as one line ("Jump to recipe · Print this page"): every
    # part is boilerplate on its own.
    parts = _BUTTON_SEP.split(text)
    if 2 <= len(parts) <= 6 and words <= 16:
        found = [match_rule(part, phrases) for part in parts if part.strip()]
        if found and all(r is not None for r in found):
            return found[0]
    return None


_BUTTON_SEP = re.compile(r"\s+[·•|]\s+")


def is_prose(text: str, phrases: Phrases) -> bool:
    """Reads as a sentence: ends like one, or is long with many stop words."""
    words = text.split()
    n = word_count(text)
    if n <= 3 and text.rstrip("\"'”’)").endswith(("...", "…")):
        return False  # "Loading comments...", "Search CNN...": placeholders, not sentences
    if n >= 2 and _TERMINAL.search(text):
        return True
    if n >= 3 and _COLON_END.search(text):
        return True
    if n <= 40 and _INNER_STOP.search(text):
        # "Arthur Pemberton at his home on Sunday. He said he ..." with no final stop: a photo
        # caption (a paragraph that has sentences ends with one).
        return False
    if n >= 20:
        stop = phrases.stopwords
        if not stop:
            return True
        return sum(w.lower().strip(_EDGE) in stop for w in words) / len(words) >= 0.2
    return False
