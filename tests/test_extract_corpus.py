"""Extraction on a corpus of pages in the layouts of real sites (content invented).

Each ``tests/data/pages/<name>.<txt|html|md>`` has a sidecar ``<name>.json``:
``title``, ``must_contain`` / ``must_not_contain`` (substrings of what would be read aloud),
optional ``metadata`` (expected values), and for .txt/.html ``body_first`` / ``body_last``:
the first and last body block (prefixes), which give the gold body for token precision/recall
(every block between them, minus any that contain a ``must_not_contain`` string), plus the
optional ``standfirst`` blocks (the summary under the headline, part of what is read).
"""

from __future__ import annotations

import json
import re
from collections import Counter
from datetime import datetime
from pathlib import Path

import lxml.html
import pytest

from audio_article.extract import extract
from audio_article.models import Article
from audio_article.read import read_source

PAGES = Path(__file__).resolve().parent / "data" / "pages"
SUFFIXES = (".txt", ".html", ".md")
FIXTURES = sorted(p for p in PAGES.iterdir() if p.suffix in SUFFIXES)
MIN_MEAN_F1 = 0.95
MIN_PAGE_F1 = 0.80


def spec(path: Path) -> dict:
    return json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))


def spoken(article: Article) -> str:
    return "\n".join([article.title, *article.blocks])


def tokens(text: str) -> Counter[str]:
    return Counter(w.lower() for w in re.findall(r"\w+", text))


def page_blocks(path: Path) -> list[str]:
    """The page's text blocks in order, independent of the extractor."""
    if path.suffix == ".txt":
        text = path.read_text(encoding="utf-8")
        return [line.strip() for line in text.splitlines() if line.strip()]
    # Bytes, so that lxml honours the page's own <meta charset> (some pages are not UTF-8).
    root = lxml.html.document_fromstring(path.read_bytes())
    tags = ("p", "h1", "h2", "h3", "h4", "li", "blockquote", "figcaption")
    blocks = []
    for el in root.iter(*tags):
        if any(a.tag in tags for a in el.iterancestors()):
            continue
        t = " ".join(el.text_content().split())
        if t:
            blocks.append(t)
    return blocks


def gold_body(path: Path) -> str:
    s = spec(path)
    blocks = page_blocks(path)
    first = next(i for i, b in enumerate(blocks) if b.startswith(s["body_first"]))
    last = next(i for i, b in enumerate(blocks) if b.startswith(s["body_last"]))
    assert first <= last, path.name
    out = []
    for b in blocks[first : last + 1]:
        for needle in s["must_not_contain"]:
            # A needle at the start of a long block is a dateline-like prefix; else drop the block.
            if b.startswith(needle) and len(b[len(needle) :].split()) >= 8:
                b = b[len(needle) :]
            elif needle in b:
                b = ""
        # A pull quote repeats a sentence of the body; it is not read twice.
        if b and not any(b.strip(" .\"'“”") in o for o in out):
            out.append(b)
    return "\n".join([*s.get("standfirst", []), *out])


def scores(path: Path, article: Article) -> tuple[float, float, float]:
    """Token precision, recall and F1 of the body (title excluded)."""
    got, want = tokens("\n".join(article.blocks)), tokens(gold_body(path))
    overlap = sum((got & want).values())
    p = overlap / max(1, sum(got.values()))
    r = overlap / max(1, sum(want.values()))
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


@pytest.fixture(scope="module")
def articles() -> dict[Path, Article]:
    return {p: extract(read_source(p)) for p in FIXTURES}


# Target from issue 4: at least 25 copied pages, 10 HTML and 3 Markdown pages.
MIN_PAGES = {".txt": 25, ".html": 10, ".md": 3}


def test_corpus_size() -> None:
    kinds = Counter(p.suffix for p in FIXTURES)
    assert all(kinds[s] >= n for s, n in MIN_PAGES.items()), kinds


# Held-out pages the extractor does not pass yet, and why. Strict: a fix makes the test fail
# until its entry is removed here.
KNOWN_GAPS: dict[str, str] = {
    # Blind round 4 (held out when written); what the extractor still gets wrong.
    "govuk-press-release.txt": "a full-sentence photo caption with no credit is read",
    "blog-many-comments.txt": "a full-sentence photo caption with no credit is read",
    # Blind round 8.
    "euronews-listen-reading-time.txt": "a d/m/y date with a slash (03/02/2025 on a European "
    "site) is read as m/d/y: nothing on a copied page says which order the site uses",
    # Since the title model (issue 11): a two-sentence headline ending with a full stop, under
    # a menu of one-word section names, ranks below the section name "Markets".
    "business-insider-readnext.txt": "a two-sentence headline with a final stop, under a menu, "
    "loses to a section name",
    "sports-report.txt": "the score line under the headline ('Harbour City 2-1 Northgate', every "
    "word of it in the body) edges out the headline",
}


def _page_param(p: Path) -> object:
    gap = KNOWN_GAPS.get(p.name)
    marks = [pytest.mark.xfail(reason=gap, strict=True)] if gap else []
    return pytest.param(p, id=p.name, marks=marks)


@pytest.mark.parametrize("path", [_page_param(p) for p in FIXTURES])
def test_page(path: Path, articles: dict[Path, Article]) -> None:
    s = spec(path)
    article = articles[path]
    text = spoken(article)
    assert article.title == s["title"]
    for needle in s["must_contain"]:
        assert needle in text, f"missing: {needle!r}"
    for needle in s["must_not_contain"]:
        assert needle not in text, f"should not be read: {needle!r}"
    for key, value in s.get("metadata", {}).items():
        got = getattr(article.metadata, key)
        if isinstance(got, datetime):
            got = got.replace(tzinfo=None).isoformat()
        if isinstance(got, tuple):
            got = list(got)
        assert got == value, key
    removed = {r.line for r in article.removed}
    assert all(r.reason for r in article.removed)
    # Every boilerplate line that was on the page is accounted for in --explain.
    if path.suffix == ".txt":
        for needle in s["must_not_contain"]:
            on_page = [b for b in page_blocks(path) if needle in b]
            assert (
                not on_page
                or any(any(needle in r for r in removed) for _ in on_page)
                or (any(b not in text for b in on_page))
            )


def test_body_precision_recall(articles: dict[Path, Article]) -> None:
    rows = []
    for path in FIXTURES:
        if path.suffix == ".md":
            continue
        rows.append((path.name, *scores(path, articles[path])))
    mean = [sum(r[i] for r in rows) / len(rows) for i in (1, 2, 3)]
    print(
        f"\nbody tokens over {len(rows)} pages: precision {mean[0]:.3f} recall {mean[1]:.3f} "
        f"F1 {mean[2]:.3f}"
    )
    for name, p, r, f in sorted(rows, key=lambda r: r[3])[:5]:
        print(f"  lowest: {name}: P {p:.3f} R {r:.3f} F1 {f:.3f}")
    assert mean[2] >= MIN_MEAN_F1
    worst = [r for r in rows if r[3] < MIN_PAGE_F1]
    assert not worst, worst
