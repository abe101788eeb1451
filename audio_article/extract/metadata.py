"""Metadata shown as lines of the page (date, byline, reading time, audio notice, copyright),
kept apart from the text that is read, and the sink that collects it into ``Metadata``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from ..models import Metadata
from .common import _EDGE, _TERMINAL, WORDS, _lower, _starts
from .phrases import Phrases

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
    r"|\b\d{4}/\d{1,2}/\d{1,2}\b"
    r"|\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日)",  # Chinese, Japanese
    re.IGNORECASE,
)
# Month names of other languages (data/extract/words.toml): name -> month number.
_FOREIGN_MONTHS = {
    name: k + 1 for names in WORDS["months"].values() for k, name in enumerate(names)
}
_FOREIGN_MONTH = "|".join(sorted(map(re.escape, _FOREIGN_MONTHS), key=len, reverse=True))
_FOREIGN_DATE = re.compile(
    rf"\b(\d{{1,2}})(?:er|º|°|\.)?\s+(?:de\s+)?({_FOREIGN_MONTH})\s+(?:de\s+)?(\d{{4}})\b",
    re.IGNORECASE,
)
_DATE = re.compile(f"{_DATE.pattern}|{_FOREIGN_DATE.pattern}", re.IGNORECASE)
_TIME = re.compile(r"\b\d{1,2}[:.]\d{2}(?::\d{2})?\s*(?:[ap]\.?\s?m\.?)?(?!\w)", re.IGNORECASE)
_BY_NAME = re.compile(r"\b[Bb]y\s+([A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,3})\s*$")
_DOT_TIME = re.compile(r"(\d)\.(\d{2})")
_DATE_NOISE = re.compile(
    r"\b(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|sday|nesday|rsday|urday)?\b|"
    r"\b(?:at|on|the|of|and|[ap]\.?m\.?|utc|gmt|bst|cet|cest|eet|eest|et|est|edt|ct|cst|cdt|pt|"
    r"pst|pdt|kyiv time|local time|time|"
    + "|".join(map(re.escape, WORDS["date_noise"]))
    + r")\b|[,|•·()\-–—:]",
    re.IGNORECASE,
)


def parse_date(text: str) -> datetime | None:
    """A date (and time) in ``text``; naive unless the text gives an offset."""
    m = _DATE.search(text)
    if not m:
        return None
    from dateutil import parser as dateparser

    chunk = m.group(0)
    cjk = re.fullmatch(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日", chunk)
    foreign = _FOREIGN_DATE.fullmatch(chunk)
    if cjk:
        chunk = "{}-{:0>2}-{:0>2}".format(*cjk.groups())
    elif foreign:
        day, month, year = foreign.groups()
        chunk = f"{year}-{_FOREIGN_MONTHS[month.lower()]:0>2}-{int(day):0>2}"
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
    return all(p[0].isupper() or p.lower() in _JOINERS or p[0] in "@'" for p in parts)


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


_PARTICLES = frozenset(WORDS["name_particles"])
_JOINERS = frozenset(WORDS["name_joiners"])
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


def match_notice(text: str, phrases: Phrases) -> Meta | None:
    """The reading time or audio notice on a line (``match_meta``'s first two kinds)."""
    text = _GLUED_UPDATED.sub(" ", _GLUED_YEAR_TIME.sub(r"\1 ", text))
    if len(text.split()) > 25:
        return None
    return _notice(text, _lower(text), phrases)


def _notice(text: str, low: str, phrases: Phrases) -> Meta | None:
    if phrases.notice_any is not None and not phrases.notice_any.search(low):
        return None  # (one search instead of one a pattern)
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
    return None


def match_meta(text: str, phrases: Phrases) -> Meta | None:
    """Metadata shown as a line of the page: date, byline, reading time, audio notice."""
    text = _GLUED_UPDATED.sub(" ", _GLUED_YEAR_TIME.sub(r"\1 ", text))
    low = _lower(text)
    words = len(text.split())
    if words > 25:
        return None
    notice = _notice(text, low, phrases)
    if notice is not None:
        return notice
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
