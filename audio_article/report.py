"""Plain-text and JSON views of an Article (for `clean`)."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from .models import Article


def article_text(article: Article) -> str:
    """The title line, then headings and paragraphs, blank lines between."""
    return "\n\n".join((article.title, *article.blocks))


def article_json(article: Article) -> dict[str, Any]:
    meta = asdict(article.metadata)
    if article.metadata.published:
        meta["published"] = article.metadata.published.isoformat()
    meta["tags"] = list(article.metadata.tags)
    return {
        "title": article.title,
        "metadata": meta,
        "sections": [
            {"heading": s.heading, "paragraphs": list(s.paragraphs)} for s in article.sections
        ],
        "paragraphs": list(article.blocks),
        "removed": [{"line": r.line, "reason": r.reason} for r in article.removed],
    }
