"""A page's side of the batch's template (``audio_article.site``): its lines as keys, and
its article without the lines that other pages of the batch show too.

Measured (``benchmarks/extract_site.py``, copied text, the pages of one site as a batch): on the
newspaper set's 48 sites with two pages, body F1 0.924 -> 0.933; on the trafilatura set's six
sites with several, 0.767 -> 0.788; HTML is unchanged within 0.001 (trafilatura leaves out most
of a template by itself).

Lines are keyed by a stable hash of their normalized text (8 bytes, the same in every worker
process: Python's ``hash`` of a string is not), so a page's evidence is a small set of integers,
cheap to ship from a pool or a cluster.
"""

from __future__ import annotations

import hashlib
from dataclasses import replace

from ..models import Article, Removed, Section, Source
from ..site import PageLines
from .common import _TERMINAL, _key, _lower

PARAGRAPH_CHARS = 120
"""A line this long that ends like a sentence reads as a paragraph of a story: it is never
dropped as the template's (one story told on two pages shares such paragraphs)."""

REASON = "repeated on other pages of this batch (the site's menus, promos or footer)"


def line_key(text: str) -> int:
    """A line's key: a stable 64-bit hash of its text, case and edge punctuation aside."""
    return _hash(_key(_lower(text)))


def _hash(key: str) -> int:
    return int.from_bytes(hashlib.blake2b(key.encode("utf-8"), digest_size=8).digest(), "big")


def _paragraph(low: str) -> bool:
    return len(low) >= PARAGRAPH_CHARS and _TERMINAL.search(low) is not None


def page_lines(source: Source) -> PageLines:
    """The keys of the lines a reader of ``source`` sees (copied text: its lines; HTML and
    Markdown: one line per laid-out block, as a browser's select-all copy gives them)."""
    text = source.text if source.kind == "text" else _rendered_text(source)
    lines: set[int] = set()
    paragraphs: set[int] = set()
    for ln in text.split("\n"):
        low = _lower(ln)
        key = _key(low)
        if not key:
            continue
        h = _hash(key)
        lines.add(h)
        if _paragraph(low):
            paragraphs.add(h)
    return PageLines.of(lines, paragraphs)


def _rendered_text(source: Source) -> str:
    import lxml.html
    from lxml import etree

    from .html_page import _page_text, _visible_root

    markup = source.text
    if source.kind == "markdown":
        from markdown_it import MarkdownIt

        markup = MarkdownIt("commonmark").render(markup)
    if not markup.strip():
        return ""
    try:
        root = lxml.html.document_fromstring(markup)
    except (etree.ParserError, ValueError):  # nothing an HTML parser reads: no lines
        return ""
    return _page_text(_visible_root(root))


def drop_shared(article: Article, shared: frozenset[int] | set[int]) -> Article:
    """``article`` without the headings and paragraphs that other pages of the batch show too.

    The title is never dropped (it is not a body line), nor a line that reads as a paragraph;
    a heading over nothing but shared lines goes with them; and if nothing of the body would be
    left, nothing is dropped.
    """
    if not shared:
        return article

    def dropped(text: str) -> bool:
        return line_key(text) in shared and not _paragraph(_lower(text))

    sections: list[Section] = []
    gone: list[Removed] = []
    for section in article.sections:
        heading = section.heading
        if heading and dropped(heading):
            gone.append(Removed(heading, REASON))
            heading = None
        paragraphs = []
        for para in section.paragraphs:
            if dropped(para):
                gone.append(Removed(para, REASON))
            else:
                paragraphs.append(para)
        if paragraphs and heading is None and section.heading and sections:
            # its heading went: the paragraphs go on with the section before
            last = sections.pop()
            sections.append(Section(last.heading, (*last.paragraphs, *paragraphs)))
        elif paragraphs:
            sections.append(Section(heading, tuple(paragraphs)))
        elif heading:
            gone.append(Removed(heading, REASON))
    if not gone or not sections:
        return article
    return replace(article, sections=tuple(sections), removed=(*article.removed, *gone))
