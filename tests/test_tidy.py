"""Tidy: copied text mended before sentence splitting (audio_article/tidy.py)."""

from __future__ import annotations

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from audio_article.segment import split_sentences
from audio_article.tidy import join_soft_wraps, tidy, unglue


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("It was a cold \nnight in the city.", "It was a cold night in the city."),
        ("Putter King Trophy\nwon by a stroke", "Putter King Trophy\nwon by a stroke"),
        ("It ended. features\ncontact manager", "It ended. features\ncontact manager"),
        ("This is the U.S. Senate. <em>Yes.</em> <em>It is</em>!", "This is the U.S. Senate. Yes. It is!"),
        ('<h2 class="lined">Hello</h2>\n<p>A test.</p>', "Hello\nA test."),
        ('<bpt i="0" type="bold">&lt;b&gt;</bpt>J1.txt<ept i="1">&lt;/b&gt;</ept>', "J1.txt"),
        ("Hello{b^&gt;1&lt;b^} hello{b^>1<b^}.", "Hello hello."),
        ("x <y and z> w", "x <y and z> w"),
        ("About Me.......5\n  Chapter 2 ...... 6", "About Me\nChapter 2"),
        ("Remove long strings of dots........please.", "Remove long strings of dots please."),
        ("\nW\nA\nRN\nI\nNG\n", "WARNING"),
        ("`So what?' asks Rep. Dicks, ``really''.", "'So what?' asks Rep. Dicks, \"really\"."),
        ("Hello World. \\ r \\ nHello.", "Hello World.\nHello."),
        ("see file:///tmp and ////Header", "see file:///tmp and Header"),
        ("Hello world.Today is Tuesday.Mr. Smith", "Hello world. Today is Tuesday. Mr. Smith"),
        ("Mail Jane.Doe@example.com or www.Example.com", "Mail Jane.Doe@example.com or www.Example.com"),
    ],
)  # fmt: skip
def test_tidy(text: str, expected: str) -> None:
    assert tidy(text) == expected


def test_join_soft_wraps_keeps_hard_breaks() -> None:
    assert join_soft_wraps("One line ends.\nnext starts low\n\nand a blank") == [
        "One line ends.",
        "next starts low",
        "and a blank",
    ]


def test_unglue_leaves_numbers_and_initials() -> None:
    assert unglue("It cost 1.5M in the U.S.A. today") == "It cost 1.5M in the U.S.A. today"


def test_split_sentences_tidies_first() -> None:
    text = "This is the U.S. Senate my friends. <em>Yes.</em> <em>It is</em>!"
    assert split_sentences(text) == ["This is the U.S. Senate my friends.", "Yes.", "It is!"]


@given(st.text(max_size=200))
@example("A\rA\rA\x85")  # letter-a-line under a NEL break (a line only splitlines saw)
def test_tidy_never_crashes_and_is_idempotent(text: str) -> None:
    once = tidy(text)
    assert tidy(once) == once
