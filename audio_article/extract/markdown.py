"""Markdown -> ``Article``: markdown-it tokens, YAML front matter as metadata."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from ..errors import InputError
from ..models import Article, Removed, Source
from .blocks import Block, _sections, filter_blocks
from .common import NO_BODY, _fallback_title, _in_order, clean
from .metadata import _MetaSink, parse_date
from .phrases import Phrases, guess_language

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
