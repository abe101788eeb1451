"""The title of an HTML page: the candidate (<title>, og:title, JSON-LD headline, <h1>...) that
the page's other sources agree with, without the site's name. (A copied page's title is chosen
by the model in ``title_text``.)
"""

from __future__ import annotations

import re
from typing import Any

from .common import clean

# --- HTML: the title the page's own sources agree on ---------------------------------------------
_TITLE_SEP = re.compile(r"\s+[|–—\-·•»:/\\~]+\s+|\s*[|_]{1,2}\s*|\s+::\s+")
_NORM = re.compile(r"\w+")
_META_TITLES = ("og:title", "twitter:title", "dc:title", "dcterms.title", "parsely-title")
_META_SITES = ("og:site_name", "application-name", "apple-mobile-web-app-title", "twitter:site")
_LD_HEADLINE = re.compile(r'"headline"\s*:\s*"((?:[^"\\]|\\.){3,400})"')
_SOURCE_ORDER = ("h1", "og:title", "ld", "twitter:title", "dc:title", "dcterms.title")
_SOURCE_ORDER += ("parsely-title", "title")


def _norm(text: str) -> str:
    return " ".join(_NORM.findall(text.casefold()))


def title_candidates(tree: Any) -> dict[str, list[str]]:
    """Where an HTML page names itself: <title>, the title metadata (Open Graph, Twitter,
    Dublin Core, JSON-LD headline), the <h1> elements, and the site's own name."""
    out: dict[str, list[str]] = {"sites": []}

    def add(key: str, text: str | None) -> None:
        text = clean(text or "")
        if text and len(text) <= 400:
            out.setdefault(key, []).append(text)

    head_title = tree.find(".//head/title")
    if head_title is None:
        head_title = next((t for t in tree.iter("title") if t.getparent().tag != "svg"), None)
    if head_title is not None:
        add("title", head_title.text_content())
    for meta in tree.iter("meta"):
        # (a page saved by Postlight's parser tooling keeps a <meta>'s content in "value")
        content = meta.get("content", meta.get("value"))
        # (RDFa: one element may carry several properties, "og:title twitter:title"; its
        # content counts once, as one source)
        keys = (meta.get("property") or meta.get("name") or "").lower().split()
        key = next((k for k in keys if k in _META_TITLES), None)
        if key:
            add(key, content)
        elif any(k in _META_SITES for k in keys):
            add("sites", content)
    for script in tree.iter("script"):
        if (script.get("type") or "").lower() == "application/ld+json" and script.text:
            for m in _LD_HEADLINE.finditer(script.text):
                add("ld", m.group(1).replace('\\"', '"').replace("\\/", "/"))
    for h1 in tree.iter("h1"):
        add("h1", h1.text_content())
        if len(out.get("h1", ())) >= 3:
            break
    return out


def _parts(text: str) -> list[str]:
    return [p for p in (_norm(x) for x in _TITLE_SEP.split(text)) if p]


def _strip_site(text: str, sites: set[str]) -> str:
    """``text`` without a site name at its start or end ("How to Build a Terrarium | eHow")."""
    pieces = [p for p in _TITLE_SEP.split(text) if p.strip()]
    if len(pieces) < 2:
        return text

    def site(piece: str) -> bool:
        return _is_site(_norm(piece), sites)

    seps = _TITLE_SEP.findall(text)
    lo, hi = 0, len(pieces)
    while hi - lo > 1 and site(pieces[hi - 1]):
        hi -= 1
    while hi - lo > 1 and site(pieces[lo]):
        lo += 1
    if (lo, hi) == (0, len(pieces)):
        return text
    out = pieces[lo]
    for k in range(lo + 1, hi):
        out += seps[k - 1] + pieces[k]
    return out.strip()


def _is_site(n: str, sites: set[str]) -> bool:
    """The normalized text ``n`` is one of the site's names: equal, squashed into one ("npr"
    in "nprorg"), or mostly a host's label ("The New Republic", newrepublic.com)."""
    squashed = n.replace(" ", "")
    return bool(n) and any(
        n == s
        or (len(squashed) >= 3 and squashed in s)
        or (len(s) >= 5 and s in squashed and len(s) >= 0.6 * len(squashed))
        for s in sites
    )


def _agree(a: str, b: str) -> bool:
    """``a`` names the same page as ``b``: equal, a separated part of it, or a long part of it."""
    na, nb = _norm(a), _norm(b)
    if not na or not nb:
        return False
    if na == nb or na in _parts(b) or nb in _parts(a):
        return True
    short, long_ = sorted((na, nb), key=len)
    if len(short.split()) >= 4 and f" {short} " in f" {long_} ":
        return True
    # the headline, then the site's name after a separator the split does not know (CJK
    # "...が受賞：朝日新聞デジタル", "...を発売。｜サンワサプライ", "...DOMを扱う MOONGIFT")
    # (most of it: a site's name is the short end of a title, and agrees with nothing)
    return (
        len(short) >= 12
        and len(short) >= 0.5 * len(long_)
        and (long_.startswith(short + " ") or long_.endswith(" " + short))
    )


_HIERARCHY = re.compile(r"\s[|\-–—\\/>»]\s")


def _drop_edge_part(title: str) -> str:
    """A <title> nothing else on the page confirms: the part after its last separator is the
    site's name ("Lorem ipsum dolor sit amet – My website"); if what is left is under three
    words, the site's name was the first part ("draft-04 - remoteStorage"). (Readability's rule.)"""
    cuts = list(_HIERARCHY.finditer(title))
    if not cuts:
        return title
    head = title[: cuts[-1].start()].strip()
    if len(head.split()) >= 3:
        return head
    tail = title[cuts[0].end() :].strip()
    return tail if len(tail.split()) >= 1 else title


def html_title(
    found: dict[str, list[str]], extracted: str | None, sitename: str | None, host: str | None
) -> str:
    """The page's title: among its candidates (``title_candidates``), the one most of the
    page's other sources agree with, without the site's name; else the first title metadata."""
    # (a page that gives its headline as its "application-name" does not name a site by it)
    named = {_norm(t) for key in _SOURCE_ORDER if key != "h1" for t in found.get(key, ())}
    sites = {_norm(s) for s in [*found.get("sites", ()), sitename or ""] if _norm(s)} - named
    if host:
        labels = [x for x in host.lower().split(".") if x not in ("www", "m", "amp", "com")]
        sites.update(x for x in labels if len(x) >= 3)
    # An <h1> that is an edge part of <title> and nothing else names is the site's logo
    # ("好奇心日报" of "..._智能_好奇心日报").
    title_parts = _parts(found["title"][0]) if found.get("title") else []
    for h1 in found.get("h1", ()):
        n = _norm(h1)
        if (
            len(title_parts) >= 2
            and n == title_parts[-1]
            and len(title_parts[0]) > len(n)
            and n not in named
        ):
            sites.add(n)
    cands: list[tuple[int, str, str]] = []  # (source rank, source, text)
    for rank, key in enumerate(_SOURCE_ORDER):
        for text in found.get(key, ()):
            stripped = _strip_site(text, sites).strip(" ¶#§")
            if _norm(stripped) and not _is_site(_norm(stripped), sites):
                cands.append((rank, key, stripped))
    # The site's name sits at an edge of <title>: of two candidates that agree with different
    # parts of it, the one that agrees with the earlier part is the headline.
    pieces = _TITLE_SEP.split(found["title"][0]) if found.get("title") else []

    def piece(text: str) -> int:
        return next((k for k, p in enumerate(pieces) if _agree(text, p)), 0)

    best: tuple[tuple[int, int, int], str] | None = None
    for rank, key, text in cands:
        support = len({k for _, k, other in cands if k != key and _agree(text, other)})
        score = (support, -piece(text), -rank)
        if support and (best is None or score > best[0]):
            best = (score, text)
    if best is not None:
        return best[1]
    # Nothing agrees: the title metadata; else <title>, unless it is a single word and the page
    # has one <h1>.
    by_key: dict[str, str] = {}
    for _rank, key, text in sorted(cands):
        by_key.setdefault(key, text)
    for key in _SOURCE_ORDER[1:-1]:
        if key in by_key:
            return by_key[key]
    h1s = found.get("h1", [])
    if "title" in by_key and not (len(h1s) == 1 and len(_norm(by_key["title"]).split()) < 2):
        return _drop_edge_part(by_key["title"])
    if "h1" in by_key:
        return by_key["h1"]
    if extracted:
        return _strip_site(clean(extracted), sites)
    return cands[0][2] if cands else ""
