"""Extract: the article in a source (title, sections, metadata) and every line left out, and why.

Copied page text goes through ``text`` (lines classified in ``marks``, the body found in
``body``, the title in ``title``; a line model over general features, ``features`` and ``model``,
scores the lines for ``clean --explain``); HTML through trafilatura (``html``) with the shared block filters
(``blocks``); Markdown through markdown-it (``markdown``). ``core`` picks the front end; word
lists are in ``data/extract/words.toml``, site phrases in ``data/boilerplate/<lang>.toml``.
"""

from __future__ import annotations

from .common import NO_BODY, clean, strip_dateline
from .core import _extract, extract
from .metadata import bare_name, match_meta, parse_date
from .phrases import guess_language, is_prose, load_phrases, match_rule, stopwords

__all__ = [
    "NO_BODY",
    "_extract",
    "bare_name",
    "clean",
    "extract",
    "guess_language",
    "is_prose",
    "load_phrases",
    "match_meta",
    "match_rule",
    "parse_date",
    "stopwords",
    "strip_dateline",
]
