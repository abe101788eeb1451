"""The HTML reader's handling of trafilatura's body elements."""

from __future__ import annotations

import lxml.etree as etree

from audio_article.extract.blocks import Block
from audio_article.extract.html import _read_element
from audio_article.extract.phrases import load_phrases


def _blocks(xml: str) -> list[Block]:
    out: list[Block] = []
    _read_element(etree.fromstring(xml), 0, out, [], load_phrases("en"))
    return out


def test_container_read_child_by_child() -> None:
    # A body taken from readability keeps HTML containers: each paragraph is its own block,
    # not one paragraph with the words glued at the joins ("publishedSome").
    got = _blocks(
        "<div><div><p>First paragraph was published.</p><h2>A heading</h2>"
        "<p>Second paragraph here.</p><ul><li>one item</li><li>two item</li></ul></div></div>"
    )
    assert [(b.kind, b.text) for b in got] == [
        ("para", "First paragraph was published."),
        ("heading", "A heading"),
        ("para", "Second paragraph here."),
        ("para", "one item"),
        ("para", "two item"),
    ]


def test_inline_container_is_one_paragraph() -> None:
    assert [b.text for b in _blocks("<div>Some <b>bold</b> text.</div>")] == ["Some bold text."]
