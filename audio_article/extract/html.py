"""HTML -> ``Article``: trafilatura finds the body and the metadata (XML output keeps headings);
the shared block filters (``blocks``) then apply, and a page trafilatura finds nothing in is read
as copied text.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from ..errors import InputError
from ..models import Article, Removed, Source
from .blocks import Block, _sections, filter_blocks
from .common import _TERMINAL, NO_BODY, _fallback_title, _in_order, _key, _lower, clean, word_count
from .html_page import (
    _html_editor_note,
    _html_page_meta,
    _html_published,
    _html_standfirst,
    _html_standfirst_element,
    _html_visible_blocks,
    _page_text,
    _visible_root,
)
from .metadata import _MetaSink, parse_date
from .phrases import Phrases, guess_language, is_prose
from .text import _text_article
from .title import html_title, title_candidates
from .traf import bare_extraction

_HTML_LANG = re.compile(r"""<html[^>]*\blang=["']?([A-Za-z]{2,3})""", re.IGNORECASE)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


SHORT_BODY = 20
"""Words of body below which trafilatura's extraction is checked against the page's copy."""


def _html_article(source: Source, phrases: Phrases) -> Article:
    import trafilatura

    # lxml refuses strings with control characters; a browser ignores them too.
    markup = _CONTROL.sub("", source.text)
    if not re.search(r"<[a-zA-Z!/]", markup):
        return _text_article(source, phrases)
    tree = trafilatura.load_html(markup)  # parsed once: trafilatura works on a copy
    if tree is None:  # a fragment ("<p>...</p>" alone), which trafilatura does not take
        return _html_fallback(source, phrases, _parse_fragment(source, markup))
    published = _html_published(markup)
    doc = bare_extraction(tree, need_date=published is None)
    heads = title_candidates(tree)
    root = _visible_root(tree)
    main = None if doc is None else doc.body
    if doc is None or main is None or not len(main):
        return _html_fallback(source, phrases, root)
    blocks: list[Block] = []
    removed: list[tuple[int, Removed]] = []
    if main.text and clean(main.text):
        blocks.append(Block("para", clean(main.text), -1))
    for pos, el in enumerate(main):
        _read_element(el, pos, blocks, removed, phrases)
    title = html_title(heads, doc.title, doc.sitename, doc.hostname)
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
    kept_words = sum(len(b.text.split()) for b in kept)
    if kept_words < SHORT_BODY:
        # Next to nothing kept (a date, a caption): the page read as copied text, if that
        # finds a real body.
        try:
            fallback = _html_fallback(source, phrases, root, title)
        except InputError:
            if not sections:
                raise
        else:
            if not sections or len(" ".join(fallback.blocks).split()) > 3 * kept_words:
                return fallback
    visible = _html_visible_blocks(root)
    kept.extend(_html_editor_note(visible, kept, phrases))
    sections = _sections(kept)
    standfirst = _html_standfirst(
        clean(doc.description or ""), visible, kept
    ) or _html_standfirst_element(root, kept, phrases)
    if standfirst:
        kept.insert(0, Block("para", standfirst, -1))
        sections = _sections(kept)
    for meta in _html_page_meta(markup, root, phrases):
        sink.add(meta)
    kept_text = " ".join([title, *(b.text for b in kept)])
    dropped = {_key(_lower(r.line)) for _, r in removed}
    outside: list[Removed] = []
    for text in visible:
        if text not in kept_text and _key(_lower(text)) not in dropped:
            outside.append(Removed(text, "outside the article body (HTML extractor)"))
    lang = getattr(doc, "language", None) or (_HTML_LANG.search(markup[:5000]) or [None, None])[1]
    tags = tuple(
        dict.fromkeys(t.strip() for t in [*(doc.tags or []), *(doc.categories or [])] if t.strip())
    )
    if published is None and doc.date:
        published = parse_date(doc.date)
    metadata = sink.metadata(
        author=clean(doc.author or "") or None,
        publication=clean(doc.sitename or "") or None,
        published=published,
        url=doc.url or None,
        language=(lang or "").lower() or guess_language(kept_text),
        description=clean(doc.description or "") or None,
        tags=tags,
    )
    return Article(
        title=title,
        sections=sections,
        metadata=metadata,
        removed=_in_order(removed) + tuple(outside),
    )


_HTML_TAGS = {
    **{f"h{n}": "head" for n in range(1, 7)},
    "ul": "list",
    "ol": "list",
    "blockquote": "quote",
    "pre": "code",
}
"""HTML tags left in a body trafilatura took from readability, as its own tags."""
_BLOCK_TAGS = frozenset(("head", "list", "p", "quote", "table", "code", *_HTML_TAGS))
"""Elements read as blocks of their own. A container around them (a readability or recall-mode
body keeps HTML's ``<div><div><p>...``) is read child by child, not as one glued paragraph."""


def _read_element(
    el: Any, pos: int, blocks: list[Block], removed: list[tuple[int, Removed]], phrases: Phrases
) -> None:
    """Append the blocks of one element of trafilatura's body (and the text after it)."""
    # (lxml's tag-filtered walk stops at the first block inside: no Python test per descendant,
    # which each level of a deep <div> nest repeated over its whole subtree)
    if el.tag not in _BLOCK_TAGS and next(el.iterdescendants(*_BLOCK_TAGS), None) is not None:
        lead = clean(el.text or "")
        if lead:
            blocks.append(Block("para", lead, pos))
        for child in el:
            _read_element(child, pos, blocks, removed, phrases)
    else:
        _read_block(el, pos, blocks, removed, phrases)
    tail = clean(el.tail or "")
    if tail:  # text right after a heading, outside any paragraph element
        blocks.append(Block("para", tail, pos))


def _read_block(
    el: Any, pos: int, blocks: list[Block], removed: list[tuple[int, Removed]], phrases: Phrases
) -> None:
    text = clean("".join(el.itertext()))
    tag = _HTML_TAGS.get(el.tag, el.tag)
    if tag == "head" and not (word_count(text) >= 12 and _TERMINAL.search(text)):
        blocks.append(Block("heading", text, pos))
    elif tag == "list":
        for item in el.iter("item", "li"):
            blocks.append(Block("para", clean("".join(item.itertext())), pos))
    elif tag in ("p", "quote", "head"):
        # (a "heading" of a dozen words or more that ends like a sentence is a paragraph set in
        # heading type: BuzzFeed's <h2> paragraphs)
        blocks.append(Block("para", text, pos))
    elif tag == "table":
        # Read row by row (cells joined): the public real-page sets count tables as body.
        for row in el.iter("row"):
            cells = [clean("".join(c.itertext())) for c in row.iter("cell")]
            line = ", ".join(c for c in cells if c)
            if line:
                blocks.append(Block("para", line, pos))
    elif tag == "code":
        # Preformatted text: its prose paragraphs are read (a plain-text RFC is all <pre>),
        # program text is not.
        for chunk in re.split(r"\n\s*\n", "".join(el.itertext())):
            chunk = clean(chunk)
            if not chunk:
                continue
            if _looks_like_code(chunk, phrases):
                removed.append((pos, Removed(chunk, "code block")))
            else:
                blocks.append(Block("para", chunk, pos))
    elif text:
        blocks.append(Block("para", text, pos))


_CODE_CHARS = frozenset("{}[]();=<>$\\")


def _looks_like_code(text: str, phrases: Phrases) -> bool:
    """Program text, not prose: trafilatura also marks embedded posts (tweets) as code. A
    paragraph of a plain-text document set in <pre> (an RFC) has a few brackets but the stop
    words of a sentence."""
    signs = sum(ch in _CODE_CHARS for ch in text)
    if signs < max(2, 0.03 * len(text)):
        return False
    words = text.split()
    if signs >= 0.08 * len(text) or len(words) < 8 or not phrases.stopwords:
        return True
    return sum(w.lower() in phrases.stopwords for w in words) / len(words) < 0.25


def _parse_fragment(source: Source, markup: str) -> Any:
    import lxml.html

    try:
        return _visible_root(lxml.html.document_fromstring(markup))
    except (ValueError, TypeError, lxml.etree.ParserError) as exc:
        raise InputError(source.path, NO_BODY) from exc


def _html_fallback(source: Source, phrases: Phrases, root: Any, title: str = "") -> Article:
    """When trafilatura keeps (next to) nothing: the page's text as a browser copy gives it, read
    as copied text."""
    text = _page_text(root)
    if not text.strip():
        raise InputError(source.path, NO_BODY)
    article = _text_article(replace(source, text=text, kind="text"), phrases)
    return replace(article, title=title) if title else article
