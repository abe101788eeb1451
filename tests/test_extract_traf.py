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
    monkeypatch.setattr(traf, "ESCALATE", False)  # (ours only: trafilatura's balanced mode)
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


def _br_page() -> object:
    """A page whose article is text broken by <br>, its opening written straight into the
    <article> before the first break, under a long menu."""
    paras = [
        "Opening paragraph of the story, written straight into the article element before any "
        "break, tells what happened."
    ] + [
        f"Paragraph {k} goes on with the story and says a little more about what happened and "
        "why it matters to readers."
        for k in range(2, 9)
    ]
    menu = "".join(f"<li><a href='/s{i}'>Section {i}</a></li>" for i in range(30))
    return trafilatura.load_html(
        f"<html><head><title>T</title></head><body><div class='header'><ul>{menu}</ul></div>"
        f"<article class='arti-body'>{'<br><br>'.join(paras)}</article></body></html>"
    )


def test_recall_retry_keeps_the_opening_before_the_first_break() -> None:
    # trafilatura's recall mode reads the text after each <br> but not the container's own text
    # before the first one (www.rbbtoday.com in the mercury set lost its opening paragraph).
    _body, text = traf._recall_retry(_br_page(), None, "short", None)
    assert text.startswith("Opening paragraph of the story")
    assert "Paragraph 8 goes on" in text


def test_lift_lead_text_wraps_only_text_before_a_break() -> None:
    tree = etree.fromstring(
        "<body><article>A lead written straight in the article.<lb/>Next.</article>"
        "<div>Short<lb/>x</div><div>Text before a paragraph of its own.<p>P</p></div></body>"
    )
    traf._lift_lead_text(tree)
    art = tree.find("article")
    assert art.text is None and art[0].tag == "p"
    assert art[0].text == "A lead written straight in the article."
    assert tree.findall("div")[0].text == "Short"  # under 20 characters: left
    assert tree.findall("div")[1].text.startswith("Text before")  # no break after it: left


def test_page_text_length_is_html2txts_without_touching_the_tree() -> None:
    from trafilatura.baseline import html2txt

    markup = """<html><head><title>T</title><style>p { color: red }</style></head><body>
    <header><a href="/">Home</a></header>
    <p>The opening paragraph of the story, in one line.</p>
    <aside><p>Related: another story</p><footer>nested</footer></aside>
    <div class="site-footer" id="x"><p>About us</p></div>
    <div class="main" id="footer-ish"><p>Kept: the first of class and id names no footer</p></div>
    <script>var tracking = 1;</script><svg><text>icon</text></svg>
    <p>The second paragraph.</p>
    <footer>Copyright</footer>
    </body></html>"""
    for page in [markup, *(p.read_text("utf-8", errors="replace") for p in PAGES[:20])]:
        tree = trafilatura.load_html(page)
        if tree is None:
            continue
        before = etree.tostring(tree)
        got = traf._page_text_length(tree)
        assert etree.tostring(tree) == before
        want = len(html2txt(tree))
        # (spaces between blocks are counted, not laid out: off by a character or two; any
        # left-out part counted in would be off by its whole text, 8 characters or more here)
        if page is markup:
            assert abs(got - want) <= 2, (got, html2txt(tree))
        else:  # + consent banners, which html2txt leaves out by class name (up to 8% here)
            assert abs(got - want) <= 0.1 * want, page[:80]
