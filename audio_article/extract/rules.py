"""Stage 2: ``Source`` -> ``Article`` (title, sections, metadata; boilerplate out).

Three front ends feed one set of filters:

* copied page text: every line is classified (boilerplate phrase from the data file, metadata
  such as dates and reading time, prose, heading-like), the article body is the run of prose
  lines with the most words, the title is the headline-like line that leads into it, and the
  tail of the body is checked for things that follow articles (the next story's headline and
  lede, an author bio, a promo);
* HTML: trafilatura finds the body and the metadata (XML output keeps headings);
* Markdown: markdown-it-py tokens, YAML front matter as metadata.

Site-specific words live in ``audio_article/data/boilerplate/<lang>.toml``; the code only holds
signals that hold across sites (position, length, punctuation, repetition, stop words).
Every dropped line is recorded in ``Article.removed`` with a reason.
"""

from __future__ import annotations

import html
import re
import tomllib
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..models import Article, Metadata, Removed, Section, Source

NO_BODY = "no article body found (nothing that reads as paragraphs of sentences)"

# Languages whose stop words we know (jusText stoplists), ISO code -> jusText name.
STOPLISTS = {
    "en": "English",
    "de": "German",
    "fr": "French",
    "es": "Spanish",
    "it": "Italian",
    "pt": "Portuguese",
    "nl": "Dutch",
    "pl": "Polish",
    "uk": "Ukrainian",
    "ru": "Russian",
}

# --- tunable thresholds (named so they can be found and argued about) -------------------------
MAX_GAP = 3
"""Non-prose, non-boilerplate lines allowed inside the body between two prose lines."""
LIST_GAP = 20
"""...or after a line ending with a colon (a list follows)."""
MAX_HEADING_WORDS = 15
"""Longest section heading inside a body."""
TEASER_MIN_WORDS = 6
"""A headline after the body with at least this many words can be the next story's teaser."""
MAX_TEASER_LEDE = 2
"""Paragraphs a teaser headline may carry (its lede)."""
MIN_BODY_LEFT = 3
"""Paragraphs that must remain before the tail checks drop anything."""
MERGE_GAP = 12
"""Lines between two prose runs that can still be one body (a score box, an inline promo)."""
MERGE_MIN_PROSE = 3
MERGE_MIN_WORDS = 35
"""A neighbouring run joins the body only if it has this many sentences and words: a next-story
teaser (headline + one lede) does not, the rest of an article cut by an inline box does."""

_TERMINAL = re.compile(r"[.!?…][\"'”’»)\]]*$")
_COLON_END = re.compile(r":[\"'”’)]*$")
_INNER_STOP = re.compile(r"[a-z]{2}[.!?][\"'”’]?\s+[A-Z]")
_BULLET = re.compile(r"^\s*(?:[-*•·▪◦‣–—]|\d{1,2}[.)])\s+")
_BULLET_MARK = re.compile(r"^\s*[-*•·▪◦‣–—]\s+")  # removed; numbers stay (they are read)
_WORD = re.compile(r"\w+(?:['’]\w+)*")
_SPACES = re.compile(r"\s+")
# A footnote reference after a sentence ("... in central Sudzha.[1]"): not read, and it hides
# the sentence's final stop from the prose test.
_FOOTNOTE_REF = re.compile(r"(?<=[.!?,;:\"'”’)])\[\d{1,3}\](?=\s|$)")
_EDGE = " \t-–—•·|›»>→*#:;,.!¡?¿\"'“”‘’…«"
# Wire datelines at the start of the first paragraph: "KYIV, Ukraine (AP) — ", "LONDON (Reuters) -".
_DATELINE = re.compile(
    r"^(?P<dl>[A-Z][A-Z.'\- ]{1,30}[A-Z.](?:,\s*[A-Z][\w.' ]{1,30})?"
    r"(?:\s*\([A-Za-z .&-]{1,25}\))?\s*[—–-]{1,2}\s+)(?=\S)"
)
_AGENCY_DATELINE = re.compile(r"^(?P<dl>\([A-Z][A-Za-z .&-]{1,20}\)\s*[—–-]{1,2}\s+)(?=\S)")
# Press-release datelines: "GLASGOW, Mont., April 8, 2025 /PRNewswire/ -- ".
_RELEASE_DATELINE = re.compile(
    r"^(?P<dl>[A-Z][^/\n]{1,80}?/\s*[A-Za-z][A-Za-z .-]{1,30}/\s*[—–-]{1,2}\s+)(?=\S)"
)

# Dates. Month names are English because dateutil parses English; other languages fall back
# to numeric dates (ISO, d/m/y).
_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DATE = re.compile(
    rf"(?:\b{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}\b"
    rf"|\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}\s*,?\s+\d{{4}}\b"
    r"|\b\d{4}-\d{2}-\d{2}(?:[T ]\d{1,2}:\d{2}(?::\d{2})?(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?)?"
    r"|\b\d{1,2}[./]\d{1,2}[./]\d{4}\b"
    r"|\b\d{4}/\d{1,2}/\d{1,2}\b)",
    re.IGNORECASE,
)
_TIME = re.compile(r"\b\d{1,2}[:.]\d{2}(?::\d{2})?\s*(?:[ap]\.?\s?m\.?)?(?!\w)", re.IGNORECASE)
_BY_NAME = re.compile(r"\b[Bb]y\s+([A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,3})\s*$")
_DOT_TIME = re.compile(r"(\d)\.(\d{2})")
_DATE_NOISE = re.compile(
    r"\b(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|sday|nesday|rsday|urday)?\b|"
    r"\b(?:at|on|the|of|and|[ap]\.?m\.?|utc|gmt|bst|cet|cest|eet|eest|et|est|edt|ct|cst|cdt|pt|"
    r"pst|pdt|kyiv time|local time|time)\b|[,|•·()\-–—:]",
    re.IGNORECASE,
)


# --- data file --------------------------------------------------------------------------------
@dataclass(frozen=True)
class Rule:
    """One kind of boilerplate line, from the data file."""

    reason: str
    exact: frozenset[str]
    prefixes: tuple[str, ...]
    regexes: tuple[re.Pattern[str], ...]
    max_words: int
    ends_body: bool


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


def _compile(patterns: Iterable[str], flags: int = re.IGNORECASE) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p, flags) for p in patterns)


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
                )
            )
        for key, value in table.get("metadata", {}).items():
            meta.setdefault(key, []).extend(value)
        promo.extend(table.get("promo", {}).get("regex", []))
        bio.extend(table.get("bio", {}).get("regex", []))
        note.extend(table.get("editor_note", {}).get("regex", []))
        about.extend(table.get("company_about", {}).get("regex", []))
    return Phrases(
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
    words = [w.lower() for w in _WORD.findall(text[:20000])]
    if len(words) < 20:
        return None
    best, best_rate = None, 0.0
    for code in STOPLISTS:
        stop = stopwords(code)
        rate = sum(w in stop for w in words) / len(words)
        if rate > best_rate:
            best, best_rate = code, rate
    return best if best_rate >= 0.2 else None


# --- text helpers -----------------------------------------------------------------------------
def clean(text: str) -> str:
    """HTML entities decoded, invisible characters dropped, whitespace collapsed."""
    if "&" in text:
        text = html.unescape(text)
    text = "".join(
        " " if ch in "\u00a0\u2007\u202f\t" else ch
        for ch in text
        if ch not in "\u200b\u200c\u200d\u2060\ufeff\u00ad"
    )
    text = "".join(ch for ch in text if ch in "\n " or unicodedata.category(ch)[0] != "C")
    if "[" in text:
        text = _FOOTNOTE_REF.sub("", text)
    return _SPACES.sub(" ", text).strip()


def _lower(text: str) -> str:
    t = text.lower().replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    return _SPACES.sub(" ", t).strip().lstrip("•·|›»>→*#▪◦‣—– ").strip()


def _key(low: str) -> str:
    return low.strip(_EDGE)


def _starts(low: str, prefix: str) -> bool:
    if not low.startswith(prefix):
        return False
    if len(low) == len(prefix) or not prefix[-1].isalnum():
        return True
    return not low[len(prefix)].isalnum()


def match_rule(text: str, phrases: Phrases) -> Rule | None:
    """The first boilerplate rule that matches the whole line ``text``."""
    low = _lower(text)
    key = _key(low)
    if not key:
        return None
    words = len(text.split())
    # A whole-line match beats a prefix of another rule ("More on this topic" is a related box,
    # not a "More on this: ..." link).
    for rule in phrases.rules:
        if key in rule.exact:
            return rule
    for rule in phrases.rules:
        if words > rule.max_words:
            continue
        if any(_starts(low, p) or _starts(key, p) for p in rule.prefixes):
            return rule
        if any(r.search(low) for r in rule.regexes):
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
    if len(words) <= 3 and text.rstrip("\"'”’)").endswith(("...", "…")):
        return False  # "Loading comments...", "Search CNN...": placeholders, not sentences
    if len(words) >= 2 and _TERMINAL.search(text):
        return True
    if len(words) >= 3 and _COLON_END.search(text):
        return True
    if len(words) <= 40 and _INNER_STOP.search(text):
        # "Arthur Pemberton at his home on Sunday. He said he ..." with no final stop: a photo
        # caption (a paragraph that has sentences ends with one).
        return False
    if len(words) >= 20:
        stop = phrases.stopwords
        if not stop:
            return True
        return sum(w.lower().strip(_EDGE) in stop for w in words) / len(words) >= 0.2
    return False


def parse_date(text: str) -> datetime | None:
    """A date (and time) in ``text``; naive unless the text gives an offset."""
    m = _DATE.search(text)
    if not m:
        return None
    from dateutil import parser as dateparser

    chunk = m.group(0)
    rest = text[m.end() : m.end() + 30]
    t = _TIME.search(rest) if "T" not in chunk and ":" not in chunk else None
    if t and not rest[: t.start()].strip(" ,|/•·-–—at").strip():
        chunk = chunk + " " + _DOT_TIME.sub(r"\1:\2", t.group(0))
    else:
        before = text[max(0, m.start() - 20) : m.start()]
        tb = _TIME.search(before)
        if tb:
            chunk = chunk + " " + _DOT_TIME.sub(r"\1:\2", tb.group(0))
    chunk = re.sub(r"([ap])\.\s?m\.?", r"\1m", chunk, flags=re.IGNORECASE)
    dayfirst = bool(re.match(r"\d{1,2}[./]\d{1,2}[./]\d{4}", chunk)) and "/" not in chunk
    try:
        return dateparser.parse(chunk, dayfirst=dayfirst)
    except (ValueError, OverflowError, TypeError):
        return None


# --- metadata lines ---------------------------------------------------------------------------
@dataclass(frozen=True)
class Meta:
    kind: str  # "date", "updated", "reading_time", "audio_notice", "byline", "copyright"
    value: Any
    reason: str
    author: str | None = None
    """A name on the same line ("Posted on March 3, 2024 by Ruth Okafor")."""
    date: datetime | None = None
    """A date on the same line ("By Ines Carvalho | Published 2 October 2024")."""


def _looks_like_name(name: str) -> bool:
    parts = [p for p in re.split(r"\s+", name.strip()) if p]
    if not 1 <= len(parts) <= 9:
        return False
    joiners = {"and", "&", "de", "van", "von", "der", "den", "da", "la", "le", "di", "du", "y"}
    return all(p[0].isupper() or p.lower() in joiners or p[0] in "@'" for p in parts)


def _byline_name(raw: str) -> str:
    """The name(s) in a byline: up to a role or date after a separator; "A, B and C" whole."""
    # (";" ends the name: "Reporting by Kaori Sato; Editing by Mark Heinrich")
    name = re.split(r"\s*[|•·;]\s*|\s+[-–—]\s+|\s+(?:for|FOR)\s+", raw)[0].strip()
    parts = [p.strip() for p in name.split(",")]
    if (
        len(parts) > 1
        and re.search(r"\s(?:and|&)\s", parts[-1])
        and all(1 <= len(p.split()) <= 7 and _looks_like_name(p) for p in parts)
    ):
        return name  # several authors: "Lena Vogt, Markus Brandt and Jan Petersen"
    return parts[0]


def bare_name(text: str, phrases: Phrases) -> bool:
    """A line that is only a person's name (or names): an author line without "By".

    Two to four capitalized words each ("Emily Peck", "Ben Quinn and Severin Carrell"); no
    digits or punctuation of a sentence; no word that names an organisation or a section.
    """
    if any(c.isdigit() for c in text) or re.search(r"[.!?:;,|/()@#]$|[:;|/()@#]", text):
        return False
    # "A, B, C, and D": an analysts' team (the Oxford comma before the last name).
    names = re.split(r"\s*,\s*(?:and|&)\s+|\s+(?:and|&)\s+|\s*,\s*", text.strip())
    if not 1 <= len(names) <= 6:
        return False
    for name in names:
        words = name.split()
        if not 2 <= len(words) <= 4:
            return False
        for w in words:
            low = w.lower().strip(".'’")
            if low in phrases.not_name or low in phrases.stopwords and low not in _PARTICLES:
                return False
            if low in _PARTICLES:
                continue
            # "Emily", "O'Neill", "Jean-Luc", "J." - not "BBC", not "iPhone".
            core = w.replace("'", "").replace("’", "").replace("-", "").rstrip(".")
            if not (core.isalpha() and w[0].isupper()):
                return False
            if (len(core) > 2 and core.isupper()) or (w[1:2].isupper() and w[1:2].isalpha()):
                return False
    return not _DATE_WORD.search(text)


_PARTICLES = frozenset(
    {"de", "van", "von", "der", "den", "da", "la", "le", "di", "du", "bin", "al"}
)
_DATE_WORD = re.compile(
    # Not "May", "June", "April", "August": they are also first names.
    r"\b(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|today|yesterday|january|february|march|"
    r"july|september|october|november|december)\b",
    re.IGNORECASE,
)
_NAME_DATE = re.compile(r"^\s*([A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){1,3})\s*[—–|•·]\s*\S")
_TIME_ONLY = re.compile(
    r"^\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?\s*(?:[A-Z]{2,5}|[+-]\d{2}:?\d{2})?$", re.IGNORECASE
)


# Copying a page whose date, time and "Updated" sit in separate elements glues them together:
# "January 9, 20252:14 PM GMTUpdated 2 hours ago". Split them again before reading the line.
_GLUED_YEAR_TIME = re.compile(r"\b((?:19|20)\d{2})(?=\d{1,2}:\d{2}\b)")
_GLUED_UPDATED = re.compile(r"(?<=[A-Za-z])(?=(?:Updated|Published)\b)")
# A relative "updated" note after an absolute date says nothing more about the date.
_UPDATED_AGO = re.compile(
    r"\bupdated\s+(?:\d+|an?|one)\s+(?:seconds?|minutes?|mins?|hours?|hrs?|days?)\s+ago\b",
    re.IGNORECASE,
)


def match_meta(text: str, phrases: Phrases) -> Meta | None:
    """Metadata shown as a line of the page: date, byline, reading time, audio notice."""
    text = _GLUED_UPDATED.sub(" ", _GLUED_YEAR_TIME.sub(r"\1 ", text))
    low = _lower(text)
    words = len(text.split())
    if words > 25:
        return None
    for r in phrases.reading_time:
        m = r.search(low)
        if m:
            try:
                return Meta("reading_time", int(m.group(1)), "reading time (metadata)")
            except (IndexError, ValueError):
                return Meta("reading_time", None, "reading time (metadata)")
    for r in phrases.audio_notice:
        if r.search(low):
            return Meta("audio_notice", text.strip(), "audio notice (metadata)")
    if words <= 14 and _DATE.search(text):
        rest = _DATE.sub(" ", text)
        rest = _TIME.sub(" ", rest)
        rest = _UPDATED_AGO.sub(" ", rest)
        rest_low = _lower(rest)
        updated = False
        for p in phrases.date_prefix:
            if _starts(rest_low, p):
                updated = updated or p in phrases.updated_prefix
                rest_low = rest_low[len(p) :]
                break
        rest_low = _DATE_NOISE.sub(" ", rest_low)
        if len(rest_low.split()) <= 3 and not _TERMINAL.search(rest_low.strip()):
            # "Posted 3 Mar, updated 4 Mar" is the publication date; "Updated: 4 Mar" is not.
            up = re.search(r"\bupdated\b", low)
            first = _DATE.search(low)
            before = up is not None and (first is None or up.start() < first.start())
            kind = "updated" if updated or before else "date"
            by = _BY_NAME.search(text) or _NAME_DATE.match(text)
            author = by.group(1) if by and _looks_like_name(by.group(1)) else None
            if author and _DATE_WORD.search(author):
                author = None  # "Saturday — 15 March": a weekday, not a name
            return Meta(kind, parse_date(text), "date (metadata)", author)
    for r in phrases.byline:
        m = r.match(text.strip())
        if m:
            name = _byline_name(m.group("author"))
            if name.isupper():
                name = name.title()  # "By DEREK GATOPOULOS"
            if _looks_like_name(name):
                date = parse_date(text) if _DATE.search(text) else None
                return Meta("byline", name, "byline (metadata)", date=date)
    for r in phrases.copyright:
        m = r.match(low)
        if m and words <= 20:
            pub = None
            m2 = r.match(text.strip())
            if m2 and m2.groupdict().get("publication"):
                pub = m2.group("publication").strip(_EDGE) or None
            return Meta("copyright", pub, "footer or copyright")
    return None


_AI_WORDS = re.compile(r"\b(?:AI|artificial intelligence|automated|synthetic|text-to-speech)\b")


class _MetaSink:
    """Collects metadata found on lines; the first value of each kind wins."""

    def __init__(self) -> None:
        self.values: dict[str, Any] = {}

    def add(self, meta: Meta) -> None:
        if meta.value is not None and meta.kind not in self.values:
            self.values[meta.kind] = meta.value
        elif (
            meta.kind == "audio_notice"
            and _AI_WORDS.search(str(meta.value))
            and not _AI_WORDS.search(str(self.values.get("audio_notice", "")))
        ):
            # A player label ("Listen to this article") and the notice that says the audio or
            # text was machine-made: the notice is the one worth keeping.
            self.values[meta.kind] = meta.value
        if meta.author and "byline" not in self.values:
            self.values["byline"] = meta.author
        if meta.date and "date" not in self.values:
            self.values["date"] = meta.date

    def metadata(self, **extra: Any) -> Metadata:
        v = self.values
        fields: dict[str, Any] = {
            "author": v.get("byline"),
            "published": v.get("date") or v.get("updated"),
            "reading_time_minutes": v.get("reading_time"),
            "audio_notice": v.get("audio_notice"),
            "publication": v.get("copyright"),
        }
        for key, value in extra.items():
            if value not in (None, "", ()):
                fields[key] = value
        return Metadata(**fields)


# --- blocks and the shared body filters -------------------------------------------------------
@dataclass
class Block:
    """A candidate piece of the article: a heading or a paragraph, with its input line."""

    kind: str  # "heading" | "para"
    text: str
    pos: int = -1
    """Index of the input line (copied text) or block it came from."""


def _content_words(text: str, stop: frozenset[str]) -> set[str]:
    return {w.lower() for w in _WORD.findall(text) if w.lower() not in stop and len(w) > 2}


def strip_dateline(text: str) -> tuple[str, str | None]:
    """Remove a wire dateline ("KYIV (AP) — ") from the start of a paragraph."""
    for pattern in (_DATELINE, _AGENCY_DATELINE, _RELEASE_DATELINE):
        m = pattern.match(text)
        if m and len(text) - m.end() > 40:
            head = m.group("dl")
            letters = [c for c in head if c.isalpha()]
            # A dateline's place name is in capitals; "The (big) - ..." is not a dateline.
            if pattern is not _DATELINE or sum(c.isupper() for c in letters[:6]) >= 3:
                return text[m.end() :], head.strip()
    return text, None


def _peel_tail(
    blocks: list[Block], removed: list[tuple[int, Removed]], phrases: Phrases
) -> list[Block]:
    """Drop what follows articles: next story teasers, author bios, promos."""
    changed = True
    while changed:
        changed = False
        paras = [b for b in blocks if b.kind == "para"]
        if len(paras) <= MIN_BODY_LEFT:
            break
        last = blocks[-1]
        # Author bio as the last paragraph.
        if last.kind == "para" and any(r.search(last.text) for r in phrases.bio):
            removed.append((last.pos, Removed(last.text, "author bio")))
            blocks.pop()
            changed = True
            continue
        # A promo addressed to the reader.
        if (
            last.kind == "para"
            and len(last.text.split()) <= 80
            and any(r.search(last.text) for r in phrases.promo)
            and re.search(r"\b(?:you|your|us|our|we)\b", last.text, re.IGNORECASE)
        ):
            removed.append((last.pos, Removed(last.text, "promo after the body")))
            blocks.pop()
            changed = True
            continue
        # The next story's headline and lede: a long headline near the end, followed by at most
        # MAX_TEASER_LEDE paragraphs. Real section headings are shorter than headlines, and a body
        # rarely has exactly one heading just before its last paragraph.
        heads = [i for i, b in enumerate(blocks) if b.kind == "heading"]
        if not heads:
            break
        h = heads[-1]
        if h >= MIN_BODY_LEFT and _company_about(blocks[h:], phrases):
            for b in blocks[h:]:
                removed.append(
                    (b.pos, Removed(b.text, "company boilerplate after a press release"))
                )
            del blocks[h:]
            changed = True
            continue
        after = len(blocks) - h - 1
        words = len(blocks[h].text.split())
        others = [len(blocks[i].text.split()) for i in heads[:-1]]
        if (
            after <= MAX_TEASER_LEDE
            and h >= MIN_BODY_LEFT
            and words >= TEASER_MIN_WORDS
            and (not others or words >= max(others) + 4 or words >= 10)
        ):
            removed.append(
                (blocks[h].pos, Removed(blocks[h].text, "teaser of another story (headline)"))
            )
            for b in blocks[h + 1 :]:
                removed.append((b.pos, Removed(b.text, "teaser of another story (lede)")))
            del blocks[h:]
            changed = True
    # A heading with nothing after it is not a section.
    while blocks and blocks[-1].kind == "heading":
        b = blocks.pop()
        removed.append((b.pos, Removed(b.text, "heading with no text after it")))
    return blocks


def _company_about(tail: list[Block], phrases: Phrases) -> bool:
    """ "About Northwind Health" / "Northwind Health is a nonprofit ...": the standard company
    paragraphs at the end of a press release, which name the company from the heading."""
    head, paras = tail[0], tail[1:]
    if not 1 <= len(paras) <= 4 or len(head.text.split()) > 8:
        return False
    m = next(
        (r.match(head.text.strip()) for r in phrases.about if r.match(head.text.strip())), None
    )
    if m is None:
        return False
    name = m.group("name").strip(_EDGE)
    words = name.split()
    if not words or not all(w[:1].isupper() or w[:1].isdigit() for w in words):
        return False  # "About the author", "About this story": other rules
    return paras[0].text.startswith(words[0]) or name in paras[0].text


def _sections(blocks: Sequence[Block]) -> tuple[Section, ...]:
    sections: list[Section] = []
    heading: str | None = None
    paras: list[str] = []
    for b in blocks:
        if b.kind == "heading":
            if paras or heading:
                sections.append(Section(heading, tuple(paras)))
            heading, paras = b.text, []
        else:
            paras.append(b.text)
    if paras or heading:
        sections.append(Section(heading, tuple(paras)))
    return tuple(s for s in sections if s.paragraphs)


def filter_blocks(
    blocks: Sequence[Block],
    title: str,
    phrases: Phrases,
    sink: _MetaSink,
    removed: list[tuple[int, Removed]],
) -> list[Block]:
    """The TTS filters shared by HTML and Markdown: boilerplate lines, metadata, repeats, tail."""
    out: list[Block] = []
    seen = {_key(_lower(title))}
    for i, block in enumerate(blocks):
        text = clean(block.text)
        if not text:
            continue
        meta = match_meta(text, phrases)
        rule = None if meta is not None else match_rule(strip_dateline(text)[0], phrases)
        if rule is not None:
            if rule.reason in _SIGNUP_REASONS:
                _drop_signup_box(out, removed)
            if rule.ends_body and out and len(out) >= 2:
                for rest in blocks[i:]:
                    removed.append((rest.pos, Removed(clean(rest.text), rule.reason)))
                break
            removed.append((block.pos, Removed(text, rule.reason)))
            continue
        if meta is not None:
            sink.add(meta)
            removed.append((block.pos, Removed(text, meta.reason)))
            continue
        key = _key(_lower(text))
        # A short line said twice is a pull quote or page chrome; a long paragraph given twice
        # is kept (the real-page sets have such pages and count both).
        if key in seen and (key == _key(_lower(title)) or len(text.split()) <= 20):
            why = "title repeated" if key == _key(_lower(title)) else "repeated line"
            removed.append((block.pos, Removed(text, why)))
            continue
        seen.add(key)
        if block.kind == "para" and _all_caps_promo(text):
            removed.append((block.pos, Removed(text, "promo link (a paragraph in capitals)")))
            continue
        if block.kind == "para" and not out:
            text, dateline = strip_dateline(text)
            if dateline:
                removed.append((block.pos, Removed(dateline, "dateline")))
        out.append(Block(block.kind, text, block.pos))
    return _peel_tail(out, removed, phrases)


_SIGNUP_REASONS = ("newsletter sign-up fine print", "newsletter or membership appeal")


def _drop_signup_box(out: list[Block], removed: list[tuple[int, Removed]]) -> None:
    """A newsletter box before its sign-up fine print: the newsletter's name (a short line
    without a full stop) and its one-sentence pitch ("Playbook" / "The unofficial guide to
    official Washington, every morning."). A body paragraph is not preceded by such a name."""
    if len(out) < 4:
        return
    name, pitch = out[-2], out[-1]
    if (
        len(name.text.split()) <= 4
        and not _TERMINAL.search(name.text)
        and len(pitch.text.split()) <= 25
        and not _INNER_STOP.search(pitch.text)
    ):
        for b in (name, pitch):
            removed.append((b.pos, Removed(b.text, "newsletter box (name and pitch)")))
        del out[-2:]


def _all_caps_promo(text: str) -> bool:
    """A paragraph in capitals ("MISSING HIKERS IN NATIONAL PARKS: WHAT TO KNOW") is a link to
    another story or a sign-up prompt: body text is not set in capitals."""
    letters = [c for c in text if c.isalpha()]
    return len(text.split()) >= 5 and len(letters) >= 20 and all(c.isupper() for c in letters)


# --- copied page text -------------------------------------------------------------------------
@dataclass
class _Line:
    text: str
    rule: Rule | None = None
    meta: Meta | None = None
    prose: bool = False
    bullet: bool = False
    bio: bool = False
    """Reads like an author bio ("Jane Doe is a reporter at ..."): prose, but not the story's."""
    score: float = -1.0
    """The line model's probability that this line is article body (-1: not scored)."""
    row: Any = None
    """The line's feature row (for ``clean --explain``)."""

    @property
    def words(self) -> int:
        return len(self.text.split())

    @property
    def plain(self) -> bool:
        """Neither boilerplate nor metadata."""
        return self.rule is None and self.meta is None


def _classify(lines: list[str], phrases: Phrases, use_model: bool = True) -> list[_Line | None]:
    out: list[_Line | None] = []
    for raw in lines:
        text = clean(raw)
        if not text:
            out.append(None)
            continue
        ln = _Line(text)
        body_text, _ = strip_dateline(text)
        ln.meta = match_meta(text, phrases)
        if ln.meta is None:
            ln.rule = match_rule(body_text, phrases)
        ln.bullet = bool(_BULLET.match(text)) and ln.words >= 2
        ln.prose = ln.plain and is_prose(text, phrases)
        ln.bio = ln.prose and any(r.search(text) for r in phrases.bio)
        out.append(ln)
    _mark_boxes(out)
    if use_model:
        _score_lines(out)
    return out


# The line model (model.py) scores every line; the scores are kept on the lines. Letting them
# overrule the rules (promote a line the model is sure of, veto a "sentence" it is sure is
# chrome, restore dropped lines inside the body) was measured: +0.003 body F1 on the training
# sets and five of the project's own fixtures broken, so the rules decide for now.
def _score_lines(lines: list[_Line | None]) -> None:
    from . import features, model

    present = [ln for ln in lines if ln is not None]
    if not present:
        return
    x = features.line_features(
        [ln.text for ln in present],
        [ln.rule is not None for ln in present],
        [ln.meta is not None for ln in present],
        [ln.prose for ln in present],
    )
    for ln, q, row in zip(present, model.probabilities(x), x, strict=True):
        ln.score, ln.row = float(q), row


def _mark_boxes(lines: list[_Line | None]) -> None:
    """Lines that take their meaning from their neighbours.

    * A caption without a final full stop right after a photo credit ("Getty Images" /
      "Campaigners have held protests ...") is the photo's caption.
    * A short line between two lines of a related-links box ("list 2 of 4" / headline /
      "list 3 of 4") is one of its links, even when it reads as a question.
    """
    present = [ln for ln in lines if ln is not None]
    _mark_link_boxes(present)
    _mark_sponsor_blocks(present)
    _mark_appeal_boxes(present)
    for ln in present:
        if ln.plain and not ln.prose and not ln.bullet and _credited_caption(ln.text):
            ln.rule = _CAPTION_RULE
    for k, ln in enumerate(present):
        if not ln.plain or ln.bullet:
            continue
        prev = present[k - 1] if k else None
        nxt = present[k + 1] if k + 1 < len(present) else None
        if (
            _is_caption(prev)
            and prev is not None
            and 5 <= ln.words <= 30
            and prev.words >= 2  # "Photo" / "Video" alone are menu items, not credits
            and not _TERMINAL.search(ln.text)
            and not _COLON_END.search(ln.text)
            and prev.rule is not None
        ) or (
            ln.words <= 15
            and prev is not None
            and nxt is not None
            and prev.rule is not None
            and nxt.rule is not None
            and prev.rule.reason in _INLINE_CLOSERS
            and nxt.rule.reason in _INLINE_CLOSERS
        ):
            ln.rule, ln.prose = prev.rule, False
        elif (
            _is_caption(prev)
            and prev is not None
            and prev.words >= 2
            and 3 <= ln.words <= 15
            and not re.search(r"[.!?]\s", ln.text)
            and (nxt is None or not nxt.prose)
        ):
            # A one-sentence caption after a credit, with no paragraph going on after it.
            ln.rule, ln.prose = prev.rule, False
        elif (
            prev is not None
            and nxt is not None
            and prev.plain
            and not prev.prose
            and 1 <= prev.words <= 4
            and nxt.prose
            and _caption_like(ln)
            and _credit_like(prev.text)
            and sum(x is not None and x.prose for x in present[: k - 1]) >= 2
        ):
            # "Environment Agency" / "Dead fish were found along ...": a caption after a credit
            # that the data file does not know; the credit goes with it.
            ln.rule = prev.rule = _CAPTION_RULE
            ln.prose = prev.prose = False


_APPEAL_REASONS = ("newsletter or membership appeal", "admin link")


def _mark_appeal_boxes(present: list[_Line]) -> None:
    """A paragraph between two lines of a membership box ("Become a member" / "Our
    investigations take months ... Members make this work possible." / "Join our community")
    is the box's pitch, not the story."""
    for k in range(1, len(present) - 1):
        ln, prev, nxt = present[k], present[k - 1], present[k + 1]
        if not ln.prose or ln.words > 60 or prev.rule is None or nxt.rule is None:
            continue
        reasons = (prev.rule.reason, nxt.rule.reason)
        if all(r in _APPEAL_REASONS for r in reasons) and _APPEAL_REASONS[0] in reasons:
            ln.rule, ln.prose = (
                nxt.rule if nxt.rule.reason == _APPEAL_REASONS[0] else prev.rule,
                False,
            )


def _credited_caption(text: str) -> bool:
    """A photo caption ending in its credit after the full stop, with no final stop
    ("Governor Elvira Nabiullina at a press conference in Moscow. Kremlin.ru")."""
    if _TERMINAL.search(text) or not _INNER_STOP.search(text):
        return False
    head, _, tail = text.rpartition(". ")
    words, tail_words = head.split(), tail.split()
    if not 5 <= len(words) <= 40 or not 1 <= len(tail_words) <= 4 or not _credit_like(tail):
        return False
    lower = sum(w[:1].islower() for w in words[1:])
    return lower >= 0.3 * (len(words) - 1)


def _mark_link_boxes(present: list[_Line]) -> None:
    """A bare "Related" / "Read more" label inside the body: the short lines after it, up to
    the next paragraph, are its links - even a question or a headline cut off with "..."."""
    box: _Line | None = None  # the label of the links box we are in
    first = False
    prose_seen = 0
    for k, ln in enumerate(present):
        if (
            ln.rule is not None
            and ln.rule.reason in _INLINE_CLOSERS
            and ln.words <= 4
            and prose_seen >= 2
            and (box is None or ln.rule is not box.rule)
        ):
            box, first = ln, True
            continue
        if box is not None and ln.plain and not ln.bullet and ln.words <= 15:
            cut = ln.text.rstrip("\"'”’)").endswith(("...", "…"))
            nxt = present[k + 1] if k + 1 < len(present) else None
            # ...but a line right before the paragraph, after the box's first link, may be a
            # section heading ("Related" / two links / "A new target" / paragraph).
            heading = (
                not first
                and nxt is not None
                and nxt.prose
                and not ln.prose
                # A section heading is about its section; a link is about another story.
                # (loosely for a short line: a linked headline is long, a heading short)
                and _shares_words(
                    ln.text, [x.text for x in present[k + 1 : k + 4]], loose=ln.words <= 8
                )
            )
            if cut or (first and ln.text.endswith("?")) or (not ln.prose and not heading):
                ln.rule, ln.prose = box.rule, False
        first = False
        if ln.prose:
            box = None
            prose_seen += 1


# Function words of four letters or more. (The jusText stoplists are too broad here: they hold
# content words such as "line", "time", "new".)
_FUNCTION = frozenset(
    [
        "about",
        "after",
        "again",
        "also",
        "been",
        "before",
        "being",
        "between",
        "both",
        "could",
        "does",
        "doing",
        "down",
        "during",
        "each",
        "from",
        "further",
        "have",
        "having",
        "here",
        "into",
        "just",
        "more",
        "most",
        "much",
        "must",
        "once",
        "only",
        "other",
        "over",
        "same",
        "should",
        "some",
        "such",
        "than",
        "that",
        "their",
        "theirs",
        "them",
        "then",
        "there",
        "these",
        "they",
        "this",
        "those",
        "through",
        "under",
        "until",
        "very",
        "were",
        "what",
        "when",
        "where",
        "which",
        "while",
        "whom",
        "will",
        "with",
        "would",
        "your",
        "yours",
        "said",
        "says",
    ]
)


_CALL_TO_ACTION = re.compile(r"(?:→|->|›|»|>>)\s*$")
SPONSOR_SPAN = 4
"""Lines an ad may hold between its label ("Sponsored by X") and its call to action."""


def _mark_sponsor_blocks(present: list[_Line]) -> None:
    """A sponsor message in a newsletter: "SPONSORED BY X" / pitch / "Try X free →". Everything
    between an advertisement label and a short call to action with an arrow is the ad (with no
    such closing line within a few lines, the label alone is dropped and the text stays)."""
    for k, ln in enumerate(present):
        if ln.rule is None or ln.rule.reason != "advertisement":
            continue
        span = present[k + 1 : k + 2 + SPONSOR_SPAN]
        end = next(
            (j for j, x in enumerate(span) if x.words <= 8 and _CALL_TO_ACTION.search(x.text)),
            None,
        )
        if end is None or end == 0:
            continue
        for x in span[: end + 1]:
            if (x.rule is None and x.meta is None) or x is span[end]:
                x.rule, x.prose, x.meta = ln.rule, False, None


def _stems(text: str) -> set[str]:
    """Content words, crudely stemmed (a plural -s off), for overlap tests."""
    out = set()
    for w in _WORD.findall(text.lower()):
        if len(w) >= 4 and w not in _FUNCTION:
            out.add(w[:-1] if w.endswith("s") and len(w) > 4 else w)
    return out


def _shares_words(text: str, others: list[str], loose: bool = False) -> bool:
    """Whether ``text`` shares a content word with ``others``; ``loose`` compares the words'
    first five letters, so that "protects" meets "protection" and "armor" meets "armored"."""
    if not loose:
        return bool(_stems(text) & _stems(" ".join(others)))
    return bool({w[:5] for w in _stems(text)} & {w[:5] for w in _stems(" ".join(others))})


def _caption_like(ln: _Line) -> bool:
    """A sentence-case line without a final stop, longer than a section heading."""
    words = ln.text.split()
    if not 8 <= len(words) <= 40 or _TERMINAL.search(ln.text) or _COLON_END.search(ln.text):
        return False
    lower = sum(w[:1].islower() for w in words[1:])
    return lower >= 0.5 * (len(words) - 1)


def _credit_like(text: str) -> bool:
    """Short, capitalized, no sentence punctuation: "Environment Agency", "Reuters/John Doe"."""
    words = text.split()
    return not re.search(r"[.!?:,;]$", text) and all(
        w[:1].isupper() or w[:1] in "/©" or w.lower() in ("of", "and", "the", "for", "via")
        for w in words
    )


_CAPTION_RULE = Rule(
    reason="image caption or photo credit (caption after a credit line)",
    exact=frozenset(),
    prefixes=(),
    regexes=(),
    max_words=0,
    ends_body=False,
)

_NUMERIC = re.compile(r"^(?:[-+−–]\s*[$€£¥]?\s*[\d.,]+%?|[$€£¥]?[\d,]*\.\d+%?|[\d.,]+\s*%)$")
_BOX_FILLERS = ("advertisement", "share/follow prompt")
_INLINE_CLOSERS = ("related headlines after the body", "'read also' link inside the body")


# Buttons copied together, with no space between them ("$1,499 at Google$1,499 at Amazon").
_GLUED_BUTTONS = re.compile(r"[a-z][$€£¥]\d")
_CELL_WORDS = ("admin link", "page chrome")
LIST_MIN_ITEMS = 3
"""Short lines under a heading inside the body that make a list or a table (not one line)."""
LIST_MAX_ITEM_WORDS = 10
LIST_MEAN_ITEM_WORDS = 6.0
"""Ingredients and table cells are short; the linked headlines of a box are not."""


def _listed(lines: list[_Line | None]) -> tuple[set[int], set[int]]:
    """(headings, items) of lists and tables inside the body: a heading-like line after a
    paragraph ("Ingredients", "How the major indexes closed"), then at least three short lines
    that are not sentences (ingredients, table cells copied one a line), then paragraphs again.
    A links box differs: its label is boilerplate and its headlines are long; a menu at the
    foot of the page differs: no paragraphs follow it."""
    heads: set[int] = set()
    items: set[int] = set()
    present = [i for i, x in enumerate(lines) if x is not None]
    k = 0
    prev: _Line | None = None  # the last line before ``h`` that is not boilerplate
    while k < len(present):
        h = present[k]
        ln = lines[h]
        k += 1
        before = prev
        if ln is not None and ln.rule is None:
            prev = ln
        if (
            ln is None
            or before is None
            or not before.prose
            or before.meta is not None
            or not ln.plain
            or ln.prose
            or ln.bullet
            or not 1 <= ln.words <= LIST_MAX_ITEM_WORDS
            or _TERMINAL.search(ln.text)
            or not ln.text[:1].isupper()
            or not any(c.islower() for c in ln.text)  # a ticker ("HG1"), not a heading
        ):
            continue
        run: list[int] = []
        m = k
        while m < len(present):
            x = lines[present[m]]
            assert x is not None
            if x.rule is not None and x.rule.reason in _BOX_FILLERS:
                m += 1
                continue
            if run and x.words == 1 and x.rule is not None and x.rule.reason in _CELL_WORDS:
                run.append(present[m])  # a table column named like a button ("Close")
                m += 1
                continue
            if (
                not x.plain
                or x.prose
                or x.words > LIST_MAX_ITEM_WORDS
                or _GLUED_BUTTONS.search(x.text)
            ):
                break
            run.append(present[m])
            m += 1
        after = [lines[j] for j in present[m : m + 4]]
        if (
            len(run) >= LIST_MIN_ITEMS
            and after
            and after[0] is not None
            and after[0].prose  # the list ends where the paragraphs go on
            and sum(lines[j].words for j in run) / len(run) <= LIST_MEAN_ITEM_WORDS  # type: ignore[union-attr]
            and sum(1 for x in after if x is not None and x.prose and not x.bio) >= 2
        ):
            heads.add(h)
            items.update(run)
            k = m
    return heads, items


def _best_run(lines: list[_Line | None]) -> tuple[int, int] | None:
    """(first, last) line index of the body: the run of prose with the most words, joined with
    neighbouring runs that an inline box (score card, "Related" links, promo) cut off."""
    heads, items = _listed(lines)
    listed = heads | items
    runs: list[list[int]] = []  # [score, first, last, prose lines]
    start = last = -1
    score = gap = prose = 0
    allowed = MAX_GAP

    def close() -> None:
        nonlocal start, score, prose
        if start >= 0:
            runs.append([score, start, last, prose])
        start, score, prose = -1, 0, 0

    for i, ln in enumerate(lines):
        if ln is None:
            continue
        if (ln.rule is not None and ln.rule.ends_body) or (
            ln.meta is not None and ln.meta.kind == "byline"
        ):
            close()  # a byline after prose opens the author box, not more article
            continue
        if start >= 0 and ln.rule is not None and ln.rule.reason == "wire-service credits":
            prose += 1  # "X contributed reporting." closes the article: the run before is its end
            continue
        if ln.prose:
            if start < 0:
                start = i
            last, gap = i, 0
            if not ln.bio:  # bios keep a run going but do not make it the article
                score += ln.words
                prose += 1
            allowed = LIST_GAP if _COLON_END.search(ln.text) else MAX_GAP
        elif (
            start >= 0
            and ln.plain
            and not ln.bullet
            and not _NUMERIC.match(ln.text)
            and i not in listed  # a list or table under a heading, more paragraphs after it
        ):
            gap += 1  # (a price box's numbers, "43.12" / "-1.91%", are not text between)
            if gap > allowed:
                close()
    close()
    if not runs:
        return None
    b = max(range(len(runs)), key=lambda k: runs[k][0])
    first, end = runs[b][1], runs[b][2]

    def joinable(lo: int, hi: int, other: list[int]) -> bool:
        between = [x for x in lines[lo + 1 : hi] if x is not None]
        if len(between) > MERGE_GAP:
            return False
        if (
            lo == end
            and len(between) == 1
            and between[0].rule is not None
            and between[0].rule.reason == "related headlines after the body"
            and _COLON_END.search(between[0].text)
            and other[3] >= 2
        ):
            return True  # "In other news:" and sentences: the digest goes on (see _body_label)
        if other[3] < MERGE_MIN_PROSE or other[0] < MERGE_MIN_WORDS:
            # A short run: the last paragraphs of the article after an inline links box,
            # only when the box really is one (a label and its links) and it lists more than
            # one story or the run has more than one paragraph (a next-story teaser is one
            # headline and one lede).
            links = _inline_box(between)
            return lo == end and links > 0 and (links >= 2 or other[3] >= 2)
        for x in between:
            if x.meta is not None and x.meta.kind == "byline":
                return False
            if x.rule is not None and x.rule.ends_body and x.rule.reason not in _INLINE_CLOSERS:
                return False
        return True

    k = b + 1
    while k < len(runs) and joinable(end, runs[k][1], runs[k]):
        end = runs[k][2]
        k += 1
    k = b - 1
    while k >= 0 and joinable(runs[k][2], first, runs[k]):
        first = runs[k][1]
        k -= 1
    return first, end


def _inline_box(between: list[_Line]) -> int:
    """Number of links in ``between`` if it is only an inline links box ("Read more:" /
    headline / date / "Advertisement"), else 0."""
    links = 0
    label = False
    for x in between:
        if x.rule is not None and x.rule.reason in _BOX_FILLERS:
            continue  # "Advertisement", "Share this article" inside the box
        if x.meta is not None and x.meta.kind in ("date", "updated") and label:
            continue
        closer = x.rule is not None and x.rule.reason in _INLINE_CLOSERS
        if not label:
            if not closer or x.words > 4:
                return 0
            label = True
            continue
        if (closer or x.plain) and not x.prose and not x.bullet and x.words <= 15:
            links += 1
            continue
        return 0
    return links


def _is_caption(ln: _Line | None) -> bool:
    return ln is not None and ln.rule is not None and ln.rule.reason.startswith("image caption")


def _find_title(lines: list[_Line | None], start: int, phrases: Phrases) -> int | None:
    """Index of the headline that leads into the body starting at ``start``."""
    best: tuple[float, int] | None = None
    limit = min(len(lines), start + 4)
    for i in range(limit):
        ln = lines[i]
        if ln is None or not ln.plain or ln.bullet:
            continue
        # A final full stop only counts against a headline (scored below): some headlines are
        # two sentences ("I quit my job. Here's what I learned.").
        if not 2 <= ln.words <= 30 or ln.text.endswith((",", ";", ":")):
            continue
        after = [x for x in lines[i + 1 : i + 12] if x is not None][:5]
        before = next((x for x in reversed(lines[:i]) if x is not None), None)
        # Metadata lines (date, byline, reading time) right below: the strongest title signal.
        score = 3.0 if any(x.meta is not None for x in after) else 0.0
        if any(x.rule is not None for x in after[:3]):
            score += 1.0
        between = [x for x in lines[i + 1 : start] if x is not None]
        loose = [x for x in between if x.plain and not x.prose and not _is_dek(x, phrases)]
        if after and after[0].plain and _is_dek(after[0], phrases) and not _is_dek(ln, phrases):
            score += 1.0  # a headline followed by its standfirst
        if (
            i < start
            and len(between) <= 12
            and not any(x.prose and x.words < 10 for x in between)
            and len(loose) <= 3
            and all(x.words <= 6 for x in loose)
        ):
            score += 2.0
        if i >= start and score < 3.0:
            continue
        if ln.prose and i >= start:
            score -= 1.0
        if 5 <= ln.words <= 25:
            score += 1.0
        if ln.words >= 7:
            score += 0.5
        if ln.text.rstrip("\"'”’»)").endswith("."):
            score -= 2.5  # a quoted standfirst or a sentence; headlines rarely end with a stop
        score += 0.08 * min(ln.words, 20)  # the headline is the longest line of the page header
        if ln.words <= 2:
            score -= 1.5  # labels ("Contributing columnist"), rarely headlines
        if ln.words <= 3 and all(w[:1].isupper() for w in ln.text.split()):
            score -= 2.0  # a person's name (author line), not a headline
        elif ln.words > 3 and bare_name(ln.text, phrases):
            score -= 3.0  # a team of authors ("A, B, C, and D")
        # A line next to a photo credit is the photo's caption.
        if _is_caption(before) or _is_caption(after[0] if after else None):
            score -= 3.0
        score -= 0.05 * abs(start - i)
        if best is None or score > best[0]:
            best = (score, i)
    if best is None:
        return None
    # Headline first, standfirst second: a dek-like line right under a headline-like line of
    # similar length is the standfirst. (A kicker or section label above is much shorter;
    # a headline in quotes is still a headline, not a sentence.)
    i = best[1]
    prev_i = next((j for j in range(i - 1, -1, -1) if lines[j] is not None), None)
    cur, prev = lines[i], None if prev_i is None else lines[prev_i]
    if (
        prev is not None
        and cur is not None
        and prev.plain
        and (not prev.prose or _quoted_headline(prev.text))
        and not prev.bullet
        and prev.words >= max(4, cur.words // 2)
        and prev.words <= 30
        and not _TERMINAL.search(prev.text.strip("\"'“”‘’"))
        and _is_dek(cur, phrases)
    ):
        return prev_i
    return i


def _quoted_headline(text: str) -> bool:
    """A headline that is a quote ("'I found a message in a bottle'"): in quotes, no stop."""
    t = text.strip()
    return len(t) > 2 and t[0] in "\"'“‘" and t[-1] in "\"'”’" and not _TERMINAL.search(t[1:-1])


def _is_dek(ln: _Line, phrases: Phrases) -> bool:
    """A standfirst without a final full stop: long, with the stop words of a sentence."""
    words = ln.text.split()
    if len(words) < 10 or not phrases.stopwords:
        return len(words) >= 14
    return sum(w.lower().strip(_EDGE) in phrases.stopwords for w in words) / len(words) >= 0.15


def _prev_line(lines: list[_Line | None], i: int) -> _Line | None:
    return next((x for x in reversed(lines[:i]) if x is not None), None)


def _next_line(lines: list[_Line | None], i: int) -> _Line | None:
    for ln in lines[i + 1 :]:
        if ln is not None and ln.rule is None:
            return ln
    return None


def _text_article(source: Source, phrases: Phrases) -> Article:
    lines = _classify(source.text.split("\n"), phrases)
    run = _best_run(lines)
    if run is None:
        raise InputError(source.path, NO_BODY)
    start, end = run
    t = _find_title(lines, start, phrases)
    sink = _MetaSink()
    removed: list[tuple[int, Removed]] = []
    title = ""
    if t is not None:
        title = lines[t].text  # type: ignore[union-attr]
        if t >= start:
            start = next((i for i in range(t + 1, end + 1) if lines[i] and lines[i].prose), end + 1)
    title_at = -1 if t is None else t
    # An author line without "By" ("Emily Peck"): a bare name between the headline and the body.
    author_at = -1
    # "By Kasha Patel" / "and" / "Naema Ahmed": a byline that the page's layout split in lines.
    co_authors: dict[int, str] = {}
    present = [j for j, x in enumerate(lines) if x is not None]
    for k, j in enumerate(present[:-2]):
        ln = lines[j]
        if ln is None or ln.meta is None or ln.meta.kind != "byline":
            continue
        joiner, name = lines[present[k + 1]], lines[present[k + 2]]
        if (
            joiner is not None
            and name is not None
            and joiner.text.lower() in ("and", "&")
            and bare_name(name.text, phrases)
        ):
            co_authors[present[k + 1]] = co_authors[present[k + 2]] = name.text
            ln.meta = replace(ln.meta, value=f"{ln.meta.value} and {name.text}")
        break
    if t is not None:
        seen_prose = seen_lines = 0
        for j in range(t + 1, len(lines)):
            ln = lines[j]
            if ln is None:
                continue
            seen_lines += 1
            seen_prose += ln.prose
            if seen_prose >= 2 or seen_lines > 10:
                break  # the body has begun: a name here is a person in the story
            if ln.plain and not ln.prose and bare_name(ln.text, phrases):
                author_at = j
                break
    seen: set[str] = {_key(_lower(title))} if title else set()
    # Paragraphs (and the title): a short line found inside one is a pull quote; a short line
    # found inside an earlier list item is a heading announced by a digest ("Key developments").
    seen_para: set[str] = set(seen)
    blocks: list[Block] = []
    list_mode = False
    toc, toc_headings = _table_of_contents(lines, title_at + 1, end)
    list_heads, list_items = _listed(lines)
    for i, ln in enumerate(lines):
        if ln is None or i == title_at:
            continue
        text = ln.text
        if start < i < end and i in list_heads:
            blocks.append(Block("heading", text, i))
            continue
        nxt_line = _next_line(lines, i)
        if (
            start < i < end
            and i in list_items
            and not (nxt_line is not None and nxt_line.prose and text[:1].isalpha())
        ):
            # (the last short line before the paragraphs, if a word, is a heading: "Method")
            blocks.append(Block("para", _BULLET_MARK.sub("", text) or text, i))
            continue
        if ln.meta is not None:
            sink.add(ln.meta)
        if ln.rule is not None and start < i < end and _body_label(lines, i):
            blocks.append(Block("heading", text, i))
            continue
        if ln.rule is not None or ln.meta is not None:
            reason = ln.rule.reason if ln.rule is not None else ln.meta.reason  # type: ignore[union-attr]
            removed.append((i, Removed(text, reason)))
            continue
        if i == author_at or i in co_authors:
            removed.append((i, Removed(text, "byline (metadata, a name line)")))
            continue
        if i < title_at or (t is None and i < start):
            removed.append((i, Removed(text, "page header or navigation (before the title)")))
            continue
        if i > end:
            reason = (
                "text after the body (bio, promo or other stories)"
                if ln.prose
                else "related headlines after the body"
            )
            removed.append((i, Removed(text, reason)))
            continue
        if i < start:
            prev = _prev_line(lines, i)
            last_before_body = _next_line(lines, i) is lines[start]
            if (
                last_before_body
                and prev is not None
                and prev is not lines[title_at]
                and prev.plain
                and not prev.prose
                and 1 <= prev.words <= 4
                and _credit_like(prev.text)
                and _caption_like(ln)
            ):
                removed.append((i, Removed(text, "image caption (after a credit line)")))
            elif (ln.prose and ln.words >= 6) or _is_dek(ln, phrases):
                blocks.append(Block("para", text, i))  # a standfirst (dek) belongs to the story
            elif (
                last_before_body
                and prev is not None
                and _TIME_ONLY.match(prev.text)
                and ln.words <= MAX_HEADING_WORDS
                and text[:1].isalnum()
                and not _TERMINAL.search(text)
            ):
                # A live blog: "17.45 GMT" / "Closing summary" / first entry.
                blocks.append(Block("heading", text, i))
            else:
                removed.append((i, Removed(text, "page header line (between title and body)")))
            continue
        if i in toc:
            removed.append((i, Removed(text, "table of contents (the heading follows below)")))
            continue
        key = _key(_lower(text))
        if i in toc_headings and key not in seen:
            seen.add(key)
            blocks.append(Block("heading", text, i))
            continue
        if key in seen or (
            ln.words <= 40
            and len(key) >= 20
            and any(key in k for k in (seen if ln.prose else seen_para))
        ):
            removed.append((i, Removed(text, "repeated line (pull quote or duplicate)")))
            continue
        if ln.prose:
            seen.add(key)
            seen_para.add(key)
            blocks.append(Block("para", text, i))
            list_mode = bool(_COLON_END.search(text))
            continue
        nxt = _next_line(lines, i)
        if ln.bullet or list_mode:
            seen.add(key)
            blocks.append(Block("para", _BULLET_MARK.sub("", text) or text, i))
            list_mode = True
            continue
        after = next((x for x in lines[i + 1 :] if x is not None), None)
        if (
            ln.words <= MAX_HEADING_WORDS
            and nxt is not None
            # A section does not open with an ad break: a line before one is a promo teaser.
            and not (
                after is not None
                and after.rule is not None
                and after.rule.reason == "advertisement"
            )
            and (nxt.prose or nxt.bullet)
            and (text[:1].isalnum() or text[:1] in "\"'“‘¿¡")
        ):
            if _named_caption(text, blocks):
                removed.append(
                    (i, Removed(text, "image caption (a person and what the story said)"))
                )
                continue
            seen.add(key)
            blocks.append(Block("heading", text, i))
            continue
        removed.append((i, Removed(text, "short line inside the body (not a sentence)")))
    # The dateline opens the first paragraph, or the second after a standfirst that is a sentence.
    for first in [b for b in blocks if b.kind == "para" and b.pos >= start][:2]:
        new, dateline = strip_dateline(first.text)
        if dateline:
            first.text = new
            removed.append((first.pos, Removed(dateline, "dateline")))
            break
    if author_at >= 0 and "byline" not in sink.values:
        sink.values["byline"] = lines[author_at].text  # type: ignore[union-attr]
    blocks = _peel_tail(blocks, removed, phrases)
    sections = _sections(blocks)
    if not sections:
        raise InputError(source.path, NO_BODY)
    if not title:
        title = _fallback_title(source)
    language = guess_language("\n".join(b.text for b in blocks))
    return Article(
        title=title,
        sections=sections,
        metadata=sink.metadata(language=language),
        removed=_in_order(removed),
    )


def _named_caption(text: str, blocks: list[Block]) -> bool:
    """A photo caption between paragraphs: "Sarah Pengelly with the bottle she found near
    Padstow" - a person's name, then a lower-case word, no final stop, and nothing that the
    paragraphs before have not said. (A section heading names what comes next.)"""
    words = text.split()
    if not 6 <= len(words) <= 20 or _TERMINAL.search(text):
        return False
    name = words[:2]
    if not all(w[:1].isupper() and w.isalpha() and w[1:].islower() for w in name):
        return False
    if not words[2][:1].islower() or words[2].lower() in _FUNCTION_START:
        return False
    rest = words[2:]
    if sum(w[:1].isupper() for w in rest) > 0.25 * len(rest):
        return False  # Title Case: a heading ("Ukrainian Operations in the Russian Federation")
    # The paragraphs just before (a bounded look-back keeps long pages linear).
    earlier = [b.text for b in blocks[-CAPTION_LOOKBACK:] if b.kind == "para"]
    if not earlier:
        return False
    new = _stems(text) - _stems(" ".join(earlier))
    return len(new) <= 1


CAPTION_LOOKBACK = 20
"""Blocks before a caption-like line whose words it may repeat."""


# Words after two capitalized ones that make a heading, not a caption ("Labour is ...").
_FUNCTION_START = frozenset({"is", "are", "was", "were", "and", "or", "vs", "v"})


def _body_label(lines: list[_Line | None], i: int) -> bool:
    """A label of the related-links kind that introduces sentences ("In other news:" / two
    paragraphs) inside the body is a heading of the story: a links box lists headlines."""
    ln = lines[i]
    if ln is None or ln.rule is None or ln.rule.reason != "related headlines after the body":
        return False
    if not _COLON_END.search(ln.text) or ln.words > 5:
        return False
    nxt = [x for x in lines[i + 1 :] if x is not None][:2]
    return len(nxt) == 2 and all(x.prose and x.plain and x.words >= 8 for x in nxt)


def _table_of_contents(lines: list[_Line | None], lo: int, hi: int) -> tuple[set[int], set[int]]:
    """A table of contents: short lines in the body that come back, later in the body, each
    right before a paragraph - the first copy is the contents entry, the second the heading.
    (Dropping the second as a repeat would lose the headings and read the list.)"""
    where: dict[str, list[int]] = {}
    for i in range(max(lo, 0), min(hi, len(lines) - 1) + 1):
        ln = lines[i]
        if ln is not None and ln.plain and not ln.bullet and ln.words <= MAX_HEADING_WORDS:
            where.setdefault(_key(_lower(ln.text)), []).append(i)
    entries: set[int] = set()
    headings: set[int] = set()
    for key, at in where.items():
        if len(at) < 2 or not key:
            continue
        nxt = _next_line(lines, at[-1])
        if nxt is not None and nxt.prose and nxt.words > lines[at[-1]].words:  # type: ignore[union-attr]
            entries.update(at[:-1])
            headings.add(at[-1])
    # One repeated line is a pull quote or a slip; a contents list names two sections or more.
    if len(headings) < 2:
        return set(), set()
    return entries, headings


def _in_order(removed: list[tuple[int, Removed]]) -> tuple[Removed, ...]:
    """Removed lines in input order (the tail checks find some of them late)."""
    return tuple(r for _, r in sorted(removed, key=lambda pr: pr[0]))


def _fallback_title(source: Source) -> str:
    stem = getattr(source.path, "stem", "") or "Untitled"
    return re.sub(r"[-_]+", " ", stem).strip().capitalize() or "Untitled"


# --- HTML -------------------------------------------------------------------------------------
_META_TIME = re.compile(
    r"""<meta[^>]+(?:property|name|itemprop)=["'](?:article:published_time|og:published_time|"""
    r"""datePublished|publish[-_]?date|pubdate|date|dc\.date|dcterms\.created|sailthru\.date|"""
    r"""parsely-pub-date)["'][^>]*>""",
    re.IGNORECASE,
)
_CONTENT = re.compile(r"""content=["']([^"']+)["']""", re.IGNORECASE)
_JSONLD_TIME = re.compile(r""""datePublished"\s*:\s*"([^"]+)\"""")
_TIME_TAG = re.compile(r"""<time[^>]+datetime=["']([^"']+)["']""", re.IGNORECASE)
_HTML_LANG = re.compile(r"""<html[^>]*\blang=["']?([A-Za-z]{2,3})""", re.IGNORECASE)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_BLOCK_TAGS = ("p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "figcaption", "blockquote", "td")


def _html_published(markup: str) -> datetime | None:
    """The full publication timestamp (trafilatura keeps only the day)."""
    from dateutil import parser as dateparser

    candidates: list[str] = []
    for m in _META_TIME.finditer(markup):
        c = _CONTENT.search(m.group(0))
        if c:
            candidates.append(c.group(1))
    candidates += _JSONLD_TIME.findall(markup)
    candidates += _TIME_TAG.findall(markup)
    for c in candidates:
        try:
            return dateparser.isoparse(c.strip())
        except (ValueError, OverflowError):
            try:
                return dateparser.parse(c.strip())
            except (ValueError, OverflowError, TypeError):
                continue
    return None


def _html_visible_blocks(markup: str) -> list[str]:
    """Text of the page's block elements, to report what the extractor left out."""
    import lxml.html

    try:
        root = lxml.html.document_fromstring(markup)
    except (ValueError, TypeError, lxml.etree.ParserError):
        return []
    for bad in root.xpath("//script|//style|//noscript|//template|//head"):
        bad.drop_tree()
    out: list[str] = []
    for el in root.iter(*_BLOCK_TAGS):
        if any(a.tag in _BLOCK_TAGS for a in el.iterancestors()):
            continue
        text = clean(el.text_content())
        if text:
            out.append(text)
    return out


def _html_editor_note(visible: list[str], kept: list[Block], phrases: Phrases) -> list[Block]:
    """A correction or editor's note right after the body that the extractor left out (it sits
    in the page's footer container): "Correction: March 4, 2025" / "An earlier version ..."."""
    if not kept or not phrases.editor_note:
        return []
    last = _key(_lower(kept[-1].text))
    at = next((i for i, v in enumerate(visible) if last and last in _key(_lower(v))), None)
    if at is None:
        return []
    out: list[Block] = []
    follow = False  # a dated label: the note itself is the next block
    for text in visible[at + 1 : at + 4]:
        low = _lower(text)
        if any(r.search(low) for r in phrases.editor_note) or (follow and is_prose(text, phrases)):
            out.append(Block("para", text, -1))
            follow = len(text.split()) <= 6 and not _TERMINAL.search(text)
            continue
        break
    # A note is sentences; a bare label with nothing after it is not read.
    return out if any(_TERMINAL.search(b.text) for b in out) else []


def _html_standfirst(description: str, visible: list[str], kept: list[Block]) -> str | None:
    """The standfirst that trafilatura left out: the page's description, when the page also
    shows it as a block before the body (a summary only in <meta> is not part of the page)."""
    if not description or not kept or len(description.split()) < 5:
        return None
    want = _key(_lower(description))
    first = _key(_lower(kept[0].text))
    if want in first or any(want in _key(_lower(b.text)) for b in kept[:3]):
        return None
    at = next((i for i, v in enumerate(visible) if _key(_lower(v)) == want), None)
    body_at = next((i for i, v in enumerate(visible) if first and first in _key(_lower(v))), None)
    if at is None or body_at is None or at >= body_at:
        return None
    return visible[at]


# Class names that mark a standfirst (summary under the headline) in page templates; the
# part of a class name between hyphens/underscores is compared ("c-article-teaser-text").
_STANDFIRST_CLASS = frozenset(
    ["standfirst", "summary", "teaser", "intro", "lead", "lede", "dek", "deck", "subtitle"]
    + ["subheadline", "subhead", "excerpt", "strapline"]
)
_CLASS_PARTS = re.compile(r"[\s_-]+")


def _html_standfirst_element(markup: str, kept: list[Block], phrases: Phrases) -> str | None:
    """The standfirst that trafilatura left out, from an element the template marks as one
    (class "standfirst", "article-teaser-text", "intro"...) between the headline and the
    body's first paragraph. Summaries in sidebars and teasers of other stories come after the
    body's first paragraph or inside navigation, and are not taken."""
    import lxml.html

    if not kept:
        return None
    try:
        root = lxml.html.document_fromstring(markup)
    except (ValueError, TypeError, lxml.etree.ParserError):
        return None
    first = _key(_lower(kept[0].text))[:80]
    seen_h1 = root.find(".//h1") is None
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        if el.tag == "h1":
            seen_h1 = True
            continue
        if (
            el.tag in ("p", "div")
            and len(el) <= 3  # a paragraph, not a container of the whole body
            and first
            and first in _key(_lower(clean(el.text_content())))
        ):
            return None  # the body has begun
        if not seen_h1 or el.tag in ("script", "style", "figure", "figcaption", "nav", "aside"):
            continue
        parts = set(_CLASS_PARTS.split((el.get("class") or "").lower()))
        if not parts & _STANDFIRST_CLASS:
            continue
        if el.xpath(".//img|.//figure|.//time|ancestor::nav|ancestor::aside|ancestor::figure"):
            continue
        text = clean(el.text_content())
        if 5 <= len(text.split()) <= 80 and (
            is_prose(text, phrases) or _is_dek(_Line(text), phrases)
        ):
            if all(_key(_lower(text)) not in _key(_lower(b.text)) for b in kept[:3]):
                return text
            return None
    return None


_READING_TIME_META = re.compile(
    r"""(?:"timeRequired"\s*:\s*"PT(\d+)M"|<meta[^>]+content=["'](\d+)\s*min(?:ute)?s?["'])""",
    re.IGNORECASE,
)


def _html_page_meta(markup: str, phrases: Phrases) -> list[Meta]:
    """Reading time and AI-audio notice shown anywhere on the page, not only in the body
    (trafilatura keeps the article text; "3 min read" sits in the header)."""
    import lxml.html

    out: list[Meta] = []
    m = _READING_TIME_META.search(markup)
    if m:
        out.append(Meta("reading_time", int(m.group(1) or m.group(2)), "reading time (metadata)"))
    try:
        root = lxml.html.document_fromstring(markup)
    except (ValueError, TypeError, lxml.etree.ParserError):
        return out
    for bad in root.xpath("//script|//style|//noscript|//template|//head"):
        bad.drop_tree()
    for node in root.xpath("//text()"):
        text = clean(str(node))
        if text and len(text) <= 120 and len(text.split()) <= 12:
            meta = match_meta(text, phrases)
            if meta is not None and meta.kind in ("reading_time", "audio_notice"):
                out.append(meta)
    return out


def _html_article(source: Source, phrases: Phrases) -> Article:
    import trafilatura
    from lxml import etree

    # lxml refuses strings with control characters; a browser ignores them too.
    markup = _CONTROL.sub("", source.text)
    if not re.search(r"<[a-zA-Z!/]", markup):
        return _text_article(source, phrases)
    options: dict[str, Any] = {
        "output_format": "xml",
        "include_formatting": False,
        "include_comments": False,
        "include_tables": True,
        "include_images": False,
        "include_links": False,
        "with_metadata": True,
        "deduplicate": False,
    }
    # favor_precision measured best on the public real-page sets (benchmarks/extract_score.py);
    # the default and then favor_recall are the fallbacks when it keeps next to nothing.
    xml = trafilatura.extract(markup, favor_precision=True, **options)
    if not xml or len(xml) < 400:
        xml = trafilatura.extract(markup, **options) or xml
    if not xml or len(xml) < 400:
        xml = trafilatura.extract(markup, favor_recall=True, **options) or xml
    if not xml:
        return _html_fallback(source, phrases, markup)
    try:
        doc = etree.fromstring(xml.encode("utf-8"))
    except etree.XMLSyntaxError:
        return _html_fallback(source, phrases, markup)
    main = doc.find("main")
    blocks: list[Block] = []
    removed: list[tuple[int, Removed]] = []
    for pos, el in enumerate([] if main is None else main):
        text = clean("".join(el.itertext()))
        if el.tag == "head":
            blocks.append(Block("heading", text, pos))
        elif el.tag == "list":
            for item in el.iter("item"):
                blocks.append(Block("para", clean("".join(item.itertext())), pos))
        elif el.tag in ("p", "quote"):
            blocks.append(Block("para", text, pos))
        elif el.tag == "table":
            # Read row by row (cells joined): the public real-page sets count tables as body.
            for row in el.iter("row"):
                cells = [clean("".join(c.itertext())) for c in row.iter("cell")]
                line = ", ".join(c for c in cells if c)
                if line:
                    blocks.append(Block("para", line, pos))
        elif el.tag == "code":
            # Preformatted text: its prose paragraphs are read (a plain-text RFC is all <pre>),
            # program text is not.
            for chunk in re.split(r"\n\s*\n", "".join(el.itertext())):
                chunk = clean(chunk)
                if not chunk:
                    continue
                if _looks_like_code(chunk):
                    removed.append((pos, Removed(chunk, "code block")))
                else:
                    blocks.append(Block("para", chunk, pos))
        elif text:
            blocks.append(Block("para", text, pos))
    title = clean(doc.get("title") or "")
    if not title:
        heads = [b for b in blocks if b.kind == "heading"]
        title = heads[0].text if heads else _fallback_title(source)
    # A kicker or section label above the headline inside the article element ("Transport"):
    # page header, not story. (A standfirst comes under the headline, not over it.)
    title_key = _key(_lower(title))
    at = next(
        (
            k
            for k, b in enumerate(blocks[:5])
            if b.kind == "heading" and _key(_lower(b.text)) == title_key
        ),
        0,
    )
    if all(not is_prose(b.text, phrases) and len(b.text.split()) <= 6 for b in blocks[:at]):
        for b in blocks[:at]:
            removed.append((b.pos, Removed(b.text, "page header line (before the title)")))
        blocks = blocks[at:]
    while blocks and blocks[0].kind == "heading" and _key(_lower(blocks[0].text)) == title_key:
        blocks.pop(0)
    sink = _MetaSink()
    kept = filter_blocks(blocks, title, phrases, sink, removed)
    sections = _sections(kept)
    if not sections:
        return _html_fallback(source, phrases, markup)
    visible = _html_visible_blocks(markup)
    kept.extend(_html_editor_note(visible, kept, phrases))
    sections = _sections(kept)
    standfirst = _html_standfirst(
        clean(doc.get("description") or ""), visible, kept
    ) or _html_standfirst_element(markup, kept, phrases)
    if standfirst:
        kept.insert(0, Block("para", standfirst, -1))
        sections = _sections(kept)
    for meta in _html_page_meta(markup, phrases):
        sink.add(meta)
    kept_text = " ".join([title, *(b.text for b in kept)])
    dropped = {_key(_lower(r.line)) for _, r in removed}
    outside: list[Removed] = []
    for text in visible:
        if text not in kept_text and _key(_lower(text)) not in dropped:
            outside.append(Removed(text, "outside the article body (HTML extractor)"))
    lang = doc.get("language") or (_HTML_LANG.search(markup[:5000]) or [None, None])[1]
    tags = tuple(
        t.strip()
        for t in ",".join(filter(None, [doc.get("tags"), doc.get("categories")])).split(",")
        if t.strip()
    )
    published = _html_published(markup)
    if published is None and doc.get("date"):
        published = parse_date(doc.get("date") or "")
    metadata = sink.metadata(
        author=clean(doc.get("author") or "") or None,
        publication=clean(doc.get("sitename") or "") or None,
        published=published,
        url=doc.get("url") or None,
        language=(lang or "").lower() or guess_language(kept_text),
        description=clean(doc.get("description") or "") or None,
        tags=tags,
    )
    return Article(
        title=title,
        sections=sections,
        metadata=metadata,
        removed=_in_order(removed) + tuple(outside),
    )


_CODE_CHARS = frozenset("{}[]();=<>$\\")


def _looks_like_code(text: str) -> bool:
    """Program text, not prose: trafilatura also marks embedded posts (tweets) as code."""
    return sum(ch in _CODE_CHARS for ch in text) >= max(2, 0.03 * len(text))


def _html_fallback(source: Source, phrases: Phrases, markup: str) -> Article:
    """When trafilatura finds nothing: the page's block texts, cleaned like copied text."""
    text = "\n".join(_html_visible_blocks(markup))
    if not text.strip():
        raise InputError(source.path, NO_BODY)
    return _text_article(replace(source, text=text, kind="text"), phrases)


# --- Markdown ---------------------------------------------------------------------------------
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)


def _inline_text(token: Any) -> str:
    """Text of an inline token: links read as their text, images dropped."""
    parts: list[str] = []
    for child in token.children or []:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif child.type == "html_inline":
            continue
    return clean("".join(parts))


def _front_matter(text: str, removed: list[tuple[int, Removed]]) -> tuple[dict[str, Any], str]:
    m = _FRONT_MATTER.match(text)
    if not m:
        return {}, text
    import yaml

    try:
        data = yaml.safe_load(m.group(1))
    except yaml.YAMLError:
        removed.append((-1, Removed("(front matter)", "front matter that is not valid YAML")))
        data = None
    return (data if isinstance(data, dict) else {}), text[m.end() :]


def _as_str(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, list | tuple):
        value = ", ".join(str(v) for v in value)
    return clean(str(value)) or None


def _as_datetime(value: Any) -> datetime | None:
    if isinstance(value, datetime):
        return value
    if hasattr(value, "year") and hasattr(value, "month"):  # a date
        return datetime(value.year, value.month, value.day)
    if isinstance(value, str):
        return parse_date(value)
    return None


def _markdown_article(source: Source, phrases: Phrases) -> Article:
    from markdown_it import MarkdownIt

    removed: list[tuple[int, Removed]] = []
    front, body = _front_matter(source.text, removed)
    tokens = MarkdownIt("commonmark").enable("table").parse(body)
    blocks: list[Block] = []
    title = _as_str(front.get("title")) or ""
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if tok.type == "heading_open":
            text = _inline_text(tokens[i + 1])
            if tok.tag == "h1" and not title:
                title = text
            elif text:
                blocks.append(Block("heading", text, i))
            i += 3
            continue
        if tok.type == "inline":
            text = _inline_text(tok)
            if text:
                blocks.append(Block("para", text, i))
            elif tok.children and any(c.type == "image" for c in tok.children):
                alt = clean(tok.content)
                removed.append((i, Removed(alt, "image")))
        elif tok.type in ("fence", "code_block"):
            removed.append((i, Removed(tok.content.strip(), "code block")))
        elif tok.type == "html_block":
            text = clean(re.sub(r"<[^>]*>", " ", tok.content))
            if text:
                removed.append((i, Removed(text, "raw HTML block")))
        elif tok.type == "table_open":
            j = i
            cells: list[str] = []
            while j < len(tokens) and tokens[j].type != "table_close":
                if tokens[j].type == "inline":
                    cells.append(_inline_text(tokens[j]))
                j += 1
            removed.append((i, Removed(" | ".join(cells), "table (not read aloud)")))
            i = j + 1
            continue
        i += 1
    if not title:
        title = _fallback_title(source)
    sink = _MetaSink()
    kept = filter_blocks(blocks, title, phrases, sink, removed)
    sections = _sections(kept)
    if not sections:
        raise InputError(source.path, NO_BODY)
    tags = front.get("tags") or front.get("keywords") or front.get("categories") or ()
    if isinstance(tags, str):
        tags = [t for t in re.split(r"[,\s]+", tags) if t]
    published = _as_datetime(front.get("date") or front.get("published"))
    reading = front.get("reading_time") or front.get("reading_time_minutes")
    metadata = sink.metadata(
        author=_as_str(front.get("author") or front.get("authors")),
        publication=_as_str(front.get("publication") or front.get("site")),
        published=published,
        reading_time_minutes=reading if isinstance(reading, int) else None,
        url=_as_str(front.get("url") or front.get("canonical_url")),
        language=_as_str(front.get("lang") or front.get("language"))
        or guess_language(" ".join(b.text for b in kept)),
        description=_as_str(front.get("description") or front.get("summary")),
        tags=tuple(str(t) for t in tags) if isinstance(tags, list | tuple) else (),
    )
    return Article(title=title, sections=sections, metadata=metadata, removed=_in_order(removed))


# --- entry point ------------------------------------------------------------------------------
def _extract(source: Source) -> Article:
    """``extract`` without the safety net (tests call this so that bugs show as themselves)."""
    language = guess_language(source.text) if source.kind == "text" else None
    phrases = load_phrases(language or "en")
    if source.kind == "html":
        article = _html_article(source, phrases)
    elif source.kind == "markdown":
        article = _markdown_article(source, phrases)
    else:
        article = _text_article(source, phrases)
    if not article.title.strip():  # a page whose heading held nothing readable
        article = replace(article, title=_title_from_name(source.path))
    return article


def _title_from_name(path: Path | str) -> str:
    """A readable title from the file name ("city-council_vote.html" -> "City council vote")."""
    words = re.sub(r"[-_.]+", " ", Path(path).stem).strip()
    return words[:1].upper() + words[1:] if words else "Untitled article"


def extract(source: Source) -> Article:
    """The article in ``source``: title, sections, metadata, and every line dropped (and why).

    Raises ``InputError`` when nothing reads as an article body; never anything else.
    """
    try:
        return _extract(source)
    except InputError:
        raise
    except (RecursionError, MemoryError) as exc:
        raise InputError(source.path, f"input too deeply nested or too large: {exc}") from exc
    except Exception as exc:  # noqa: BLE001 - the contract: only InputError leaves this stage
        raise InputError(source.path, f"could not extract the article: {exc!r}") from exc
