"""extract/traf.py runs trafilatura's pipeline stage by stage: with its comparison stage always on,
it must give what trafilatura's own ``bare_extraction`` gives (a trafilatura upgrade that changes
its stages shows here)."""

from __future__ import annotations

from pathlib import Path

import pytest

from audio_article.extract import traf

trafilatura = pytest.importorskip("trafilatura")
etree = pytest.importorskip("lxml.etree")

PAGES = sorted((Path(__file__).parent / "data").rglob("*.html"))
FIELDS = ("title", "author", "url", "hostname", "description", "sitename", "date", "categories")


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_same_as_bare_extraction(page: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(traf, "FALLBACK_LENGTH", 10**9)
    tree = trafilatura.load_html(page.read_text("utf-8", errors="replace"))
    if tree is None:
        pytest.skip("not a page trafilatura takes")
    before = etree.tostring(tree)
    theirs = trafilatura.bare_extraction(tree, **traf.TRAFILATURA)
    ours = traf.bare_extraction(tree)
    assert etree.tostring(tree) == before  # the caller's tree is left intact
    assert (ours is None) == (theirs is None)
    if ours is not None:
        assert etree.tostring(ours.body) == etree.tostring(theirs.body)
        for field in (*FIELDS, "tags"):
            assert getattr(ours, field) == getattr(theirs, field), field


def test_date_only_when_asked() -> None:
    page = Path(__file__).parent / "data" / "pages" / "news-article-schema.html"
    tree = trafilatura.load_html(page.read_text("utf-8"))
    assert traf.bare_extraction(tree, need_date=False).date is None
