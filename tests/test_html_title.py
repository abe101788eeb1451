"""An HTML page's title, chosen among the sources the page names itself by."""

from __future__ import annotations

import lxml.etree as etree

from audio_article.extract.html import _read_element
from audio_article.extract.phrases import load_phrases
from audio_article.extract.title import html_title


def test_headline_agrees_with_a_title_whose_site_follows_an_unknown_separator() -> None:
    # (mercury set: asahi.com, sanwa.co.jp) a full-width colon or bar, or none, before the site
    for title in (
        "メディア芸術祭賞、「チコちゃんに叱られる！」が受賞：朝日新聞デジタル",
        "メディア芸術祭賞、「チコちゃんに叱られる！」が受賞。｜朝日新聞デジタル",
    ):
        found = {"title": [title], "h1": ["メディア芸術祭賞、「チコちゃんに叱られる！」が受賞"]}
        assert html_title(found, None, None, "www.asahi.com") == found["h1"][0]


def test_site_name_at_the_end_agrees_with_nothing() -> None:
    # A short <h1> that ends the <title> is the site's logo, not the headline.
    found = {"title": ["A Long Headline About Something Else | The New Republic"], "h1": []}
    found["h1"] = ["The New Republic"]
    assert (
        html_title(found, None, None, "newrepublic.com") == "A Long Headline About Something Else"
    )
    found = {
        "title": ["这个约会软件，想用你和对方的相似好恶来帮你找对象_好奇心日报"],
        "h1": ["好奇心日报"],
    }
    assert (
        html_title(found, None, None, "www.qdaily.com")
        == "这个约会软件，想用你和对方的相似好恶来帮你找对象"
    )


def test_long_heading_ending_like_a_sentence_is_a_paragraph() -> None:
    # BuzzFeed sets its paragraphs in <h2>: read as paragraphs, not as section headings.
    out: list = []
    el = etree.fromstring(
        "<div><head>Reaction</head><head>A few months ago, a 17-year-old artist from Romania drew"
        " this image and shared it on Instagram.</head></div>"
    )
    _read_element(el, 0, out, [], load_phrases("en"))
    assert [(b.kind, b.text[:12]) for b in out] == [
        ("heading", "Reaction"),
        ("para", "A few months"),
    ]


def test_a_meta_element_with_several_properties_names_the_title() -> None:
    import lxml.html

    from audio_article.extract.title import title_candidates

    tree = lxml.html.fromstring(
        "<html><head><title>Title Element</title>"
        '<meta property="x:title dc:title" content="My title"/>'
        '<meta property="og:description twitter:description"/></head>'
        "<body><h1>Test document title</h1><p>Text.</p></body></html>"
    )
    found = title_candidates(tree)
    assert found["dc:title"] == ["My title"]
    assert html_title(found, None, None, None) == "My title"


def _page_title(head: str, body: str) -> str:
    import lxml.html

    from audio_article.extract.title import title_candidates

    tree = lxml.html.fromstring(f"<html><head>{head}</head><body>{body}<p>Text.</p></body></html>")
    return html_title(title_candidates(tree), None, None, None)


def test_a_meta_content_kept_in_value_is_read() -> None:
    # (pages saved by Postlight's parser tooling, the Mercury test set)
    head = '<title>Site</title><meta name="og:title" value="The real headline of this page"/>'
    assert _page_title(head, "") == "The real headline of this page"
