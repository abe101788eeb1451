"""Text helpers every front end shares: cleaning a line, comparing lines, wire datelines,
and the word lists of ``data/extract/words.toml`` (loaded once).
"""

from __future__ import annotations

import html
import re
import tomllib
import unicodedata
from importlib import resources

from ..models import Removed, Source

WORDS: dict = tomllib.loads(
    (resources.files("audio_article") / "data" / "extract" / "words.toml").read_text("utf-8")
)
"""The extractor's word lists (function words, name particles, template class names...)."""

NO_BODY = "no article body found (nothing that reads as paragraphs of sentences)"
_TERMINAL = re.compile(r"[.!?…。！？।॥؟۔][\"'”’»)\]」』）]*$")
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


# (regexes, not str.translate with a dict: that looks every character up, and ``clean`` runs
# on every text node of a page)
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_AS_SPACE = re.compile("[\u00a0\u2007\u202f\t]")


# Scripts written without spaces between words (Chinese, Japanese): two characters count as a
# word, so that the length thresholds mean the same in every language.
_UNSPACED = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]")


def word_count(text: str) -> int:
    """Words in ``text``; in Chinese or Japanese, half the characters."""
    n = len(text.split())
    if text.isascii():
        return n
    unspaced = len(_UNSPACED.findall(text))
    return n + unspaced // 2 if unspaced else n


def clean(text: str) -> str:
    """HTML entities decoded, invisible characters dropped, whitespace collapsed."""
    if "&" in text:
        text = html.unescape(text)
    if text.isascii():
        text = text.replace("\t", " ")
    else:
        text = _AS_SPACE.sub(" ", _INVISIBLE.sub("", text))
    # (printable text has no control or format characters; newlines are kept)
    if not text.isprintable() and not text.replace("\n", " ").isprintable():
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


def _in_order(removed: list[tuple[int, Removed]]) -> tuple[Removed, ...]:
    """Removed lines in input order (the tail checks find some of them late)."""
    return tuple(r for _, r in sorted(removed, key=lambda pr: pr[0]))


def _fallback_title(source: Source) -> str:
    stem = getattr(source.path, "stem", "") or "Untitled"
    return re.sub(r"[-_]+", " ", stem).strip().capitalize() or "Untitled"
