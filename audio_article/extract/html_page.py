"""What an HTML page shows outside the body trafilatura extracts: the full publication time, the
page's visible blocks (to report what was left out), an editor's note after the body, the
standfirst, reading time and AI-audio notice.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from .blocks import Block
from .common import _TERMINAL, WORDS, _key, _lower, clean
from .marks import _Line
from .metadata import Meta, match_notice
from .phrases import Phrases, is_prose
from .title_text import is_dek as _is_dek

_META_TIME = re.compile(
    r"""<meta[^>]+(?:property|name|itemprop)=["'](?:article:published_time|og:published_time|"""
    r"""datePublished|publish[-_]?date|pubdate|date|dc\.date|dcterms\.created|sailthru\.date|"""
    r"""parsely-pub-date)["'][^>]*>""",
    re.IGNORECASE,
)
_CONTENT = re.compile(r"""content=["']([^"']+)["']""", re.IGNORECASE)
_JSONLD_TIME = re.compile(r""""datePublished"\s*:\s*"([^"]+)\"""")
_TIME_TAG = re.compile(r"""<time[^>]+datetime=["']([^"']+)["']""", re.IGNORECASE)
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


def _visible_root(tree: Any) -> Any:
    """The page as shown: ``tree`` without scripts, styles, templates and <head> (in place)."""
    root = tree
    for bad in root.xpath("//script|//style|//noscript|//template|//head"):
        bad.drop_tree()
    return root


def _html_visible_blocks(root: Any) -> list[str]:
    """Text of the page's block elements, to report what the extractor left out."""
    from lxml import etree

    out: list[str] = []
    inside = 0  # open block elements: only the outermost block of a nest is taken
    for event, el in etree.iterwalk(root, events=("start", "end"), tag=_BLOCK_TAGS):
        if event == "end":
            inside -= 1
            continue
        if not inside:
            text = clean(el.text_content())
            if text:
                out.append(text)
        inside += 1
    return out


# Elements a browser lays out as blocks: a copy of the page breaks lines around them.
_LAYOUT_BLOCKS = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "br",
        "dd",
        "details",
        "dialog",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "table",
        "td",
        "th",
        "tr",
        "ul",
    ]
)


def _page_text(root: Any) -> str:
    """The page as a browser's select-all + copy gives it: one line per laid-out block."""
    from lxml import etree

    parts: list[str] = []
    for event, el in etree.iterwalk(root, events=("start", "end")):
        tag = el.tag if isinstance(el.tag, str) else None
        if event == "start":
            if tag in _LAYOUT_BLOCKS:
                parts.append("\0")
            if tag and el.text:
                parts.append(el.text)
        else:
            if tag in _LAYOUT_BLOCKS:
                parts.append("\0")
            if el.tail and el is not root:
                parts.append(el.tail)
    lines = (" ".join(chunk.split()) for chunk in "".join(parts).split("\0"))
    return "\n".join(ln for ln in lines if ln)


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
_STANDFIRST_CLASS = frozenset(WORDS["standfirst_classes"])
_CLASS_PARTS = re.compile(r"[\s_-]+")


def _html_standfirst_element(root: Any, kept: list[Block], phrases: Phrases) -> str | None:
    """The standfirst that trafilatura left out, from an element the template marks as one
    (class "standfirst", "article-teaser-text", "intro"...) between the headline and the
    body's first paragraph. Summaries in sidebars and teasers of other stories come after the
    body's first paragraph or inside navigation, and are not taken."""
    if not kept:
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


_TEXT_NODES: list[Any] = []


def _text_nodes(root: Any) -> list[str]:
    """Every text node of ``root``, as plain strings (lxml's default keeps a parent link each)."""
    if not _TEXT_NODES:
        from lxml import etree

        _TEXT_NODES.append(etree.XPath("//text()", smart_strings=False))
    return _TEXT_NODES[0](root)


def _html_page_meta(markup: str, root: Any, phrases: Phrases) -> list[Meta]:
    """Reading time and AI-audio notice shown anywhere on the page, not only in the body
    (trafilatura keeps the article text; "3 min read" sits in the header)."""
    out: list[Meta] = []
    m = _READING_TIME_META.search(markup)
    if m:
        out.append(Meta("reading_time", int(m.group(1) or m.group(2)), "reading time (metadata)"))
    for node in _text_nodes(root):
        if len(node) > 400 or node.isspace():  # (a paragraph's text, not a label; layout)
            continue
        text = clean(str(node))
        if text and len(text) <= 120 and len(text.split()) <= 12:
            meta = match_notice(text, phrases)
            if meta is not None:
                out.append(meta)
    return out
