"""The title. Copied page: the line that leads into the body (scored on what follows it, its
length and its punctuation). HTML: the candidate (<title>, og:title, JSON-LD headline, <h1>...)
that the page's other sources agree with, without the site's name.
"""

from __future__ import annotations

import re
from typing import Any

from .common import _EDGE, _TERMINAL, clean
from .marks import _is_caption, _Line, _stems
from .metadata import _DATE, _TIME, bare_name
from .phrases import Phrases

TITLE_OVERLAP = 1.5
"""Weight of the share of a candidate's content words that the body's opening repeats."""


def _dated_or_signed(ln: _Line, phrases: Phrases) -> bool:
    """A short line with a date or a clock time, or one that opens like a byline ("by Laura
    June Topolsky July 10, 2015", "1:39 PM ET"): page metadata the rules did not parse, not a
    headline."""
    if ln.words > 12:
        return False
    if _DATE.search(ln.text) or _TIME.search(ln.text):
        rest = _TIME.sub(" ", _DATE.sub(" ", ln.text))
        if len(_WORDS.findall(rest)) <= 3 or _BY.search(rest):
            return True
    return any(r.match(ln.text) for r in phrases.byline)


# An item of a nested list as text renderers mark it ("+ South Florida", "o Phase-divergence").
_NESTED_ITEM = re.compile(r"^\s*(?:\+|o(?=\s+[A-Z]))\s+")
_WORDS = re.compile(r"[^\W\d_]{2,}")
_BY = re.compile(r"(?:^|\s)by\s", re.IGNORECASE)


def _find_title(lines: list[_Line | None], start: int, phrases: Phrases) -> int | None:
    """Index of the headline that leads into the body starting at ``start``."""
    best: tuple[float, int] | None = None
    limit = min(len(lines), start + 4)
    # The headline names what the story is about: its content words come back in the body.
    opening = [x.text for x in lines[start : start + 60] if x is not None and x.prose][:12]
    body_words = {w[:5] for w in _stems(" ".join(opening))}
    for i in range(limit):
        ln = lines[i]
        if ln is None or not ln.plain or ln.bullet:
            continue
        # A final full stop only counts against a headline (scored below): some headlines are
        # two sentences ("I quit my job. Here's what I learned.").
        if not 2 <= ln.words <= 30 or ln.text.endswith((",", ";", ":")):
            continue
        if _dated_or_signed(ln, phrases) or _NESTED_ITEM.match(ln.text):
            continue
        after = [x for x in lines[i + 1 : i + 12] if x is not None][:5]
        before = next((x for x in reversed(lines[:i]) if x is not None), None)
        # Metadata lines (date, byline, reading time) right below: the strongest title signal.
        score = 3.0 if any(x.meta is not None for x in after) else 0.0
        if any(x.rule is not None for x in after[:3]):
            score += 1.0
        between = [x for x in lines[i + 1 : start] if x is not None]
        loose = [x for x in between if x.plain and not x.prose and not _is_dek(x, phrases)]
        if after and after[0].plain and _is_dek(after[0], phrases) and not _is_dek(ln, phrases):
            score += 1.0  # a headline followed by its standfirst
        if (
            i < start
            and len(between) <= 12
            and not any(x.prose and x.words < 10 for x in between)
            and len(loose) <= 3
            and all(x.words <= 6 for x in loose)
        ):
            score += 2.0
        if i >= start and score < 3.0:
            continue
        if ln.prose and i >= start:
            score -= 1.0
        if 5 <= ln.words <= 25:
            score += 1.0
        if ln.words >= 7:
            score += 0.5
        if ln.text.rstrip("\"'”’»)").endswith("."):
            score -= 2.5  # a quoted standfirst or a sentence; headlines rarely end with a stop
        score += 0.08 * min(ln.words, 20)  # the headline is the longest line of the page header
        if ln.words <= 2:
            score -= 1.5  # labels ("Contributing columnist"), rarely headlines
        if ln.words <= 3 and all(w[:1].isupper() for w in ln.text.split()):
            score -= 2.0  # a person's name (author line), not a headline
        elif ln.words > 3 and bare_name(ln.text, phrases):
            score -= 3.0  # a team of authors ("A, B, C, and D")
        # A line next to a photo credit is the photo's caption.
        if _is_caption(before) or _is_caption(after[0] if after else None):
            score -= 3.0
        score -= 0.05 * abs(start - i)
        own = {w[:5] for w in _stems(ln.text)}
        if own and body_words:
            score += TITLE_OVERLAP * len(own & body_words) / len(own)
        if best is None or score > best[0]:
            best = (score, i)
    if best is None:
        return None
    # Headline first, standfirst second: a dek-like line right under a headline-like line of
    # similar length is the standfirst. (A kicker or section label above is much shorter;
    # a headline in quotes is still a headline, not a sentence.)
    i = best[1]
    prev_i = next((j for j in range(i - 1, -1, -1) if lines[j] is not None), None)
    cur, prev = lines[i], None if prev_i is None else lines[prev_i]
    if (
        prev is not None
        and cur is not None
        and prev.plain
        and (not prev.prose or _quoted_headline(prev.text))
        and not prev.bullet
        and prev.words >= max(4, cur.words // 3)
        and prev.words <= 30
        and not _TERMINAL.search(prev.text.strip("\"'“”‘’"))
        and (_is_dek(cur, phrases) or (cur.words >= 6 and bool(_TERMINAL.search(cur.text))))
    ):
        return prev_i
    return i


def _quoted_headline(text: str) -> bool:
    """A headline that is a quote ("'I found a message in a bottle'"): in quotes, no stop."""
    t = text.strip()
    return len(t) > 2 and t[0] in "\"'“‘" and t[-1] in "\"'”’" and not _TERMINAL.search(t[1:-1])


def _is_dek(ln: _Line, phrases: Phrases) -> bool:
    """A standfirst without a final full stop: long, with the stop words of a sentence."""
    words = ln.text.split()
    if len(words) < 10 or not phrases.stopwords:
        return len(words) >= 14
    return sum(w.lower().strip(_EDGE) in phrases.stopwords for w in words) / len(words) >= 0.15


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
        key = (meta.get("property") or meta.get("name") or "").strip().lower()
        if key in _META_TITLES:
            add(key, meta.get("content"))
        elif key in _META_SITES:
            add("sites", meta.get("content"))
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
        n = _norm(piece)
        squashed = n.replace(" ", "")
        return bool(n) and any(n == s or (len(squashed) >= 3 and squashed in s) for s in sites)

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


def _agree(a: str, b: str) -> bool:
    """``a`` names the same page as ``b``: equal, a separated part of it, or a long part of it."""
    na, nb = _norm(a), _norm(b)
    if not na or not nb:
        return False
    if na == nb or na in _parts(b) or nb in _parts(a):
        return True
    short, long_ = sorted((na, nb), key=len)
    return len(short.split()) >= 4 and f" {short} " in f" {long_} "


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
    cands: list[tuple[int, str, str]] = []  # (source rank, source, text)
    for rank, key in enumerate(_SOURCE_ORDER):
        for text in found.get(key, ()):
            stripped = _strip_site(text, sites).strip(" ¶#§")
            if _norm(stripped) and _norm(stripped) not in sites:
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
