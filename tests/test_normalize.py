"""Normalization: (written, spoken) tables from news copy, and properties for any text."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from audio_article.lexicon import Lexicon
from audio_article.models import Segment
from audio_article.normalize import (
    Substitution,
    explain,
    normalize,
    normalize_segments,
    year_words,
)

TABLE = Path(__file__).parent / "data" / "normalize" / "en.tsv"


def _cases() -> list[tuple[str, str]]:
    rows = []
    for line in TABLE.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        written, spoken = line.split("\t")
        rows.append((written, spoken))
    return rows


CASES = _cases()
LEXICON = Lexicon.for_language("en")


def test_table_is_large() -> None:
    assert len(CASES) >= 450


@pytest.mark.parametrize(("written", "spoken"), CASES, ids=[c[0][:40] for c in CASES])
def test_news_table(written: str, spoken: str) -> None:
    assert normalize(written, "en", LEXICON) == spoken


def test_table_output_is_stable() -> None:
    unstable = [s for _, s in CASES if normalize(s, "en", LEXICON) != s]
    assert unstable == []


def test_one_argument_call_uses_english_without_lexicon() -> None:
    assert normalize("Kyiv on Dec. 26") == "Kyiv on December twenty-sixth"


@pytest.mark.parametrize(
    ("year", "words"),
    [(2025, "twenty twenty-five"), (2008, "two thousand eight"), (1905, "nineteen oh five"),
     (1900, "nineteen hundred"), (2000, "two thousand"), (2010, "twenty ten"),
     (1066, "ten sixty-six")],
)  # fmt: skip
def test_year_words(year: int, words: str) -> None:
    assert year_words(year) == words


def test_explain_lists_rules_and_lexicon_entries() -> None:
    spoken, subs = explain("HUR reported on Dec. 26 that Kyiv paid $5 million.", "en", LEXICON)
    assert spoken == (
        "H.U.R reported on December twenty-sixth that Keev paid five million dollars."
    )
    rules = {s.rule for s in subs}
    assert {"date:month-day", "money:currency-before", "lexicon:respell", "lexicon:spell"} <= rules
    assert Substitution("lexicon:respell", "Kyiv", "Keev") in subs
    assert Substitution("date:month-day", "Dec. 26", "December twenty-sixth") in subs


def test_every_rule_has_a_unique_name() -> None:
    from audio_article.normalize.en import english as _english

    names = [rule.name for rule in _english().rules]
    assert len(names) == len(set(names)) > 90
    needs = {rule.name: rule.needs_digits for rule in _english().rules}
    assert needs["date:month-day"] and needs["address:street"]
    assert not needs["acronym:capitals"] and not needs["date:month-abbreviation"]


def test_unknown_language_falls_back_and_says_so() -> None:
    # (de, fr, es and uk have their own rules: tests/test_lang_*.py)
    spoken, subs = explain("Il 26 dic. 2024", "it")
    assert spoken == "Il 26 dic. 2024"
    assert subs[0].rule == "fallback"
    assert "it" in subs[0].spoken


def test_regional_english_uses_english_rules() -> None:
    assert normalize("in 2025", "en-GB") == "in twenty twenty-five"


def test_normalize_segments_fills_spoken_only() -> None:
    seg = Segment(index=0, kind="sentence", text="On Dec. 26.", spoken="", pause_after_ms=450)
    (out,) = normalize_segments([seg])
    assert out.spoken == "On December twenty-sixth."
    assert (out.text, out.index, out.pause_after_ms) == (seg.text, 0, 450)


def test_lexicon_case_sensitive_entry_leaves_other_cases(tmp_path: Path) -> None:
    path = tmp_path / "voice.toml"
    path.write_text(
        '[entries]\nUS = { spell = true }\nNice = { respell = "Neess", match_case = true }\n'
    )
    lexicon = Lexicon.load([path])
    assert normalize("Tell us, US officials in Nice, nice", "en", lexicon) == (
        "Tell us, U.S officials in Neess, nice"
    )


# --- properties --------------------------------------------------------------------------------

NEWS_TOKENS = [
    "Dec.", "26", "2024", "Jan. 1, 2025", "$350", "billion", "12,000", "3.5%", "HUR", "NATO",
    "F-16s", "km", "5", "p.m.", "9", "a.m.", "Gen.", "St.", "No.", "(", ")", "—", "“", "”", "&",
    "/", "#", "1990s", "2014-2022", "1st", "III", "World", "War", "Kyiv", "€2bn", "-5°C", "½",
    "U.S.", "said", "the", "on", "in", ",", ".", "🎉", "https://a.com/x", "a@b.org", "'", "-",
    "3:37", "PM", "Su-34", "10-15", "+", "%", "0.5", "1/2", "007", "MPs", "etc.", "°",
    "555-1234", "(212)", "+1", "202-555-0143", "Boeing", "737", "MAX", "A320", "2A6", "4x4", "x2",
    "€3.50", "a", "facility", "12/26/2024", "26.12.2024", "9-11", "ET", "D-N.Y.,", "Calif.",
    "FY2024", "Q3", "5G", "10k", "2.3m", "people", "min", "bps", "km-long", "1990-91", "OPEC+",
    "−2%", "–", "¾", "Inc.", "gov't", "Ph.D.", "(AP)", "NYPD", "call", "311", "21:00",
]  # fmt: skip

news_text = st.lists(st.sampled_from(NEWS_TOKENS), min_size=1, max_size=14).map(" ".join)
any_text = st.text(max_size=80)
# Text dense in digits, signs and separators: the characters the number rules read.
symbol_text = st.text(
    alphabet=st.sampled_from("0123456789 .,-–−/:+%$€£₴₽#°x()'½kmbnKMGAaDpQ"), max_size=40
)


@settings(max_examples=300, deadline=None)
@given(st.one_of(news_text, any_text, symbol_text))
def test_never_crashes_and_leaves_no_digits(text: str) -> None:
    spoken = normalize(text, "en", LEXICON)
    assert not re.search(r"\d", spoken)


@settings(max_examples=300, deadline=None)
@given(news_text)
def test_idempotent_on_spoken_text(text: str) -> None:
    once = normalize(text, "en", LEXICON)
    assert normalize(once, "en", LEXICON) == once


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("No. 10 said", "Number ten said"),  # opens the sentence: keeps the capital
        ('It ended. "No. 3 was next."', "It ended. Number three was next."),
        ("He was ranked No. 3 in Europe.", "He was ranked number three in Europe."),
    ],
)
def test_number_abbreviation_takes_sentence_case(written: str, spoken: str) -> None:
    assert normalize(written) == spoken


@pytest.mark.parametrize("word", ["HIMARS", "PAC", "NASAMS", "COVID", "COP"])
def test_acronyms_said_as_words_keep_capitals(word: str) -> None:
    assert normalize(f"the {word} units").split()[1] == word
