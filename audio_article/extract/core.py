"""Stage 2: ``Source`` -> ``Article`` (title, sections, metadata; boilerplate out).

The front end is chosen by the source's kind: copied page text (``text``), HTML (``html``) or
Markdown (``markdown``). Site-specific words live in ``audio_article/data/boilerplate/<lang>.toml``;
the code only holds signals that hold across sites (position, length, punctuation, repetition,
stop words). Every dropped line is recorded in ``Article.removed`` with a reason.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from ..errors import InputError
from ..models import Article, Source
from .html import _html_article
from .markdown import _markdown_article
from .phrases import guess_language, load_phrases
from .site import drop_shared
from .text import _text_article


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


def extract(source: Source, shared: frozenset[int] = frozenset()) -> Article:
    """The article in ``source``: title, sections, metadata, and every line dropped (and why).

    ``shared``: the keys of the page's lines that other pages of its batch show too
    (``site.shared_lines``); those lines are dropped as the site's template (``site.drop_shared``).
    Raises ``InputError`` when nothing reads as an article body; never anything else.
    """
    try:
        return drop_shared(_extract(source), shared)
    except InputError:
        raise
    except (RecursionError, MemoryError) as exc:
        raise InputError(source.path, f"input too deeply nested or too large: {exc}") from exc
    except Exception as exc:  # noqa: BLE001 - the contract: only InputError leaves this stage
        raise InputError(source.path, f"could not extract the article: {exc!r}") from exc
