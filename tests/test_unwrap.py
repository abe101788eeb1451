"""Hard-wrapped copied text (an RFC, a mailing-list post) made into paragraphs again."""

from __future__ import annotations

import textwrap

from audio_article.extract.unwrap import unwrap, wrap_width

PARAS = [
    "Many services for data storage are available over the internet. This specification "
    "describes a vendor-independent interface for such services. It is based on https, CORS "
    "and bearer tokens, and on the metaphor of folders containing documents and subfolders.",
    "The actions the interface exposes are listed below, each with the request that performs "
    "it and the responses a server may give, so that a client written against one server "
    "works against any other that follows this document.",
] * 3


def test_a_wrapped_document_gets_its_paragraphs_back() -> None:
    wrapped = "\n\n".join(textwrap.fill(p, 72) for p in PARAS)
    assert wrap_width(wrapped.split("\n")) is not None
    assert unwrap(wrapped).split("\n\n") == PARAS


def test_list_items_stay_apart() -> None:
    wrapped = "\n\n".join(textwrap.fill(p, 72) for p in PARAS)
    page = wrapped + "\n\n" + textwrap.fill(PARAS[0], 72) + "\n* GET a folder\n* PUT a document"
    out = unwrap(page).split("\n")
    assert out[-2:] == ["* GET a folder", "* PUT a document"]


def test_a_browser_copy_and_verse_are_left_alone() -> None:
    page = "\n".join(PARAS)  # a browser copy: one line per paragraph
    assert unwrap(page) == page
    verse = "\n".join(
        [
            "I know it took a long time, but now I'm here",
            "Only one, only one for me",
            "I'm pretty sure I don't need anything else at all",
            "You're the only one",
        ]
        * 4
    )
    assert unwrap(verse) == verse
