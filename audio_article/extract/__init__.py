"""Extract: the article in a source (title, sections, metadata) and every line left out, and why.

Copied page text goes through ``text`` (a line model over general features, ``features`` and
``model``, combined with the rule data in ``data/boilerplate``); HTML through trafilatura with
the same filters (``rules``); Markdown through markdown-it.
"""

from __future__ import annotations

from .rules import (
    NO_BODY,
    _extract,
    bare_name,
    clean,
    extract,
    guess_language,
    is_prose,
    load_phrases,
    match_meta,
    match_rule,
    parse_date,
    stopwords,
    strip_dateline,
)

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
