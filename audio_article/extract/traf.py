"""trafilatura's extraction of a page, as ``bare_extraction(favor_precision=True)`` runs it,
without the work whose result is not used or cannot change it.

``bare_extraction`` spends half its time on a page in parts that rarely matter here:

- the comparison with readability-lxml and jusText after its own pass (``compare_extraction``,
  a third of the time): run only when the main pass is short (under ``FALLBACK_LENGTH``
  characters), "unclean" (navigation or form elements in it), without paragraph text or mostly
  tables - trafilatura's own reasons to switch, but for "readability found twice as much", which
  on the 1,184 public real-page sets happened above that length on 4 pages (F1 unchanged at three
  decimals). ``fast=True`` is no substitute: it also changes the main pass and costs F1;
- the publication date (htmldate), which the page's own markup gives first (``html_page``):
  searched only when asked for;
- the licence and the plain-text rendering of the body, which are not used.

The stages are trafilatura's own functions, called in its order; a trafilatura without them
(another version) gets the whole ``bare_extraction``.
"""

from __future__ import annotations

from contextlib import suppress
from copy import copy
from typing import Any

# One trafilatura call per page: favor_precision measured best on the public real-page sets
# (benchmarks/extract_score.py). htmldate's extensive search (dateparser over every text node)
# is left out: the publication time comes from the page's own markup (html_page).
DATE_PARAMS = {"extensive_search": False, "original_date": True}
TRAFILATURA: dict[str, Any] = {
    "favor_precision": True,
    "include_formatting": False,
    "include_comments": False,
    "include_tables": True,
    "include_images": False,
    "include_links": False,
    "with_metadata": True,
    "deduplicate": False,
    "date_extraction_params": DATE_PARAMS,
}

FALLBACK_LENGTH = 1500
"""Characters of trafilatura's own extraction under which readability and jusText are compared
with it (trafilatura itself compares on every page)."""

ESCALATION_LENGTH = 3000
"""Characters of the precision pass under which a page it covers little of is read again in
trafilatura's recall mode (its own escalation in balanced mode, ``trafilatura_sequence``)."""
ESCALATION_PAGE_SHARE = 0.2
"""... when it holds less than this share of the page's text (trafilatura's html2txt)."""
ESCALATION_ACCEPT_RATIO = 1.5
"""The recall-mode body replaces the precision one when it is this much longer."""
ESCALATE = True
"""Measured (HTML, ours; with ``_lift_lead_text``) newspaper F1 0.969 -> 0.974, readability
0.960 -> 0.966, goose3 R 0.971 -> 0.972, trafilatura 0.929 -> 0.930, mercury R 0.892 -> 0.892;
it runs on the few pages whose precision body is short and costs them one more pass."""

_OPTIONS: list[Any] = []


def _options() -> Any:
    from trafilatura.settings import Extractor

    if not _OPTIONS:
        _OPTIONS.append(
            Extractor(
                output_format="python",
                precision=True,
                comments=False,
                formatting=False,
                links=False,
                images=False,
                tables=True,
                dedup=False,
                with_metadata=True,
                date_params=DATE_PARAMS,
            )
        )
    return _OPTIONS[0]


def bare_extraction(tree: Any, need_date: bool = True) -> Any:
    """trafilatura's ``Document`` for ``tree`` (left intact), or None when it finds no text.
    ``need_date``: search the publication date (``Document.date``)."""
    import trafilatura

    try:
        from trafilatura.core import _forum_thread_page, _prepare_tree
        from trafilatura.external import SANITIZED_XPATH, compare_extraction
        from trafilatura.htmlprocessing import prune_unwanted_nodes
        from trafilatura.main_extractor import extract_content
        from trafilatura.xpaths import (
            RAW_TREE_PRUNE_XPATH,
            REMOVE_COMMENTS_AND_LISTS_XPATH,
            REMOVE_COMMENTS_XPATH,
        )
    except ImportError:  # another trafilatura: its whole pipeline
        return trafilatura.bare_extraction(tree, **TRAFILATURA)

    options = _options()
    tree = copy(tree)
    try:
        document = _metadata(tree, need_date)
        # trafilatura_sequence, for favor_precision without comments: the raw-tree prunes, the
        # cleaning and tag conversion, the comment prune, the main pass, the comparison.
        is_forum = _forum_thread_page(tree)
        tree = prune_unwanted_nodes(tree, RAW_TREE_PRUNE_XPATH)
        tree = prune_unwanted_nodes(tree, REMOVE_COMMENTS_AND_LISTS_XPATH)
        cleaned, backup = _prepare_tree(tree, options, document.url)
        if not is_forum:
            cleaned = prune_unwanted_nodes(cleaned, REMOVE_COMMENTS_XPATH)
        body, text = extract_content(cleaned, options)
        if (
            len(text) < FALLBACK_LENGTH
            or body.xpath(SANITIZED_XPATH)
            or not body.xpath(".//p//text()")
            or len(body.findall(".//table")) > len(body.findall(".//p"))
        ):
            body, text = compare_extraction(backup, copy(tree), body, text, options)
        if ESCALATE and len(text) < ESCALATION_LENGTH:
            body, text = _recall_retry(tree, body, text, document.url)
    except (TypeError, ValueError):  # (what bare_extraction gives up on)
        return None
    if len(text) < options.min_output_size and options.min_output_comm_size > 0:
        return None
    document.body = body
    document.raw_text = text
    return document


def _recall_retry(tree: Any, body: Any, text: str, url: str | None) -> tuple[Any, str]:
    """trafilatura's own escalation (``trafilatura_sequence`` stage 4, balanced mode only) for
    the precision pass: a short body covering little of the page is read again in recall mode
    and replaced when that is clearly longer (a page whose article precision mode prunes)."""
    from trafilatura.core import _prepare_tree
    from trafilatura.external import compare_extraction
    from trafilatura.main_extractor import extract_content

    if not text or len(text) >= ESCALATION_PAGE_SHARE * _page_text_length(tree):
        return body, text
    options = copy(_options())
    options.focus = "recall"
    cleaned, backup = _prepare_tree(tree, options, url)
    _lift_lead_text(cleaned)
    r_body, r_text = extract_content(cleaned, options)
    r_body, r_text = compare_extraction(backup, copy(tree), r_body, r_text, options)
    if len(r_text) >= options.min_extracted_size and len(r_text) > ESCALATION_ACCEPT_RATIO * len(
        text
    ):
        return r_body, r_text
    return body, text


_LEFT_OUT = ("aside", "fencedframe", "footer", "script", "style", "svg", "template")


def _page_text_length(tree: Any) -> int:
    """About ``len(trafilatura.html2txt(tree))``, the page's text without its asides, footers,
    scripts and styles, measured in place: html2txt copies the tree to delete them and tests
    every element's class and id against a cookie-banner pattern: 6.7 ms median per page on the
    public sets, against 1.2 ms for this; the length is within 1.1% on 4 pages in 5, and the
    retry decision the same on all 1,324 pages.
    (Written here because trafilatura has no in-place measure; banners are counted.)"""
    body = tree.find(".//body")
    if body is None:
        return 0
    total = len(" ".join(body.text_content().split()))
    for el in body.iter(*_LEFT_OUT, "div"):
        if el.tag == "div" and not _footer_div(el):
            continue
        if any(a.tag in _LEFT_OUT or _footer_div(a) for a in el.iterancestors()):
            continue  # inside one already counted out
        gone = len(" ".join(el.text_content().split()))
        total -= gone + 1 if gone else 0  # its text and the space that set it apart
    return max(total, 0)


def _footer_div(el: Any) -> bool:
    """html2txt's ``div[contains(@class|@id, 'footer')]``: the first of the two attributes."""
    if el.tag != "div":
        return False
    first = next((v for k, v in el.attrib.items() if k in ("class", "id")), "")
    return "footer" in first


_LEAD_HOLDERS = frozenset(("article", "div", "section", "main", "td"))


def _lift_lead_text(tree: Any) -> None:
    """Text written straight into a container and broken by ``<br>`` (``<article>Opening
    paragraph.<br><br>Second...``) becomes a ``<p>`` of its own. Recall mode reads the text
    after each break but not the container's own text before the first one, and so loses the
    opening paragraph (www.rbbtoday.com in the mercury set)."""
    from lxml.etree import Element

    for el in tree.iter(*_LEAD_HOLDERS):
        lead = el.text
        if not lead or len(lead.strip()) < 20 or len(el) == 0 or el[0].tag != "lb":
            continue
        p = Element("p")
        p.text, el.text = lead, None
        el.insert(0, p)


def _metadata(tree: Any, need_date: bool) -> Any:
    """trafilatura's ``extract_metadata`` without the licence, and the date only if needed."""
    from courlan import extract_domain
    from htmldate import find_date
    from trafilatura.metadata import (
        META_URL,
        examine_meta,
        extract_author,
        extract_catstags,
        extract_meta_json,
        extract_sitename,
        extract_title,
        extract_url,
    )

    metadata = examine_meta(tree)
    if metadata.author and " " not in metadata.author:
        metadata.author = None
    with suppress(Exception):  # trafilatura's own guard (bugs in its JSON-LD reader)
        metadata = extract_meta_json(tree, metadata)
    if not metadata.title:
        metadata.title = extract_title(tree)
    if not metadata.author:
        metadata.author = extract_author(tree)
    if not metadata.url:
        metadata.url = extract_url(tree, None)
    if metadata.url:
        metadata.hostname = extract_domain(metadata.url, fast=True)
    if need_date:
        metadata.date = find_date(tree, **DATE_PARAMS, url=metadata.url)
    if not metadata.sitename:
        metadata.sitename = extract_sitename(tree)
    if metadata.sitename:
        metadata.sitename = metadata.sitename.lstrip("@")
        if (
            metadata.sitename
            and "." not in metadata.sitename
            and not metadata.sitename[0].isupper()
        ):
            metadata.sitename = metadata.sitename.title()
    elif metadata.url:
        found = META_URL.match(metadata.url)
        if found:
            metadata.sitename = found[1]
    if not metadata.categories:
        metadata.categories = extract_catstags("category", tree)
    if not metadata.tags:
        metadata.tags = extract_catstags("tag", tree)
    metadata.clean_and_trim()
    return metadata
