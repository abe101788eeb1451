"""The copied-text title model (``extract/title_text.py``): its weights load and choose."""

from __future__ import annotations

from pathlib import Path

from audio_article.extract import title_text
from audio_article.extract.core import _extract
from audio_article.models import Source

BODY = (
    "The council voted on Tuesday to spend more on road repairs next year, after a winter "
    "that left many streets in poor shape.\n\n"
    "Officials said the extra money would come from reserves and would not raise taxes for "
    "residents this year or next.\n\n"
    "Work is expected to start in the spring and to last until the end of the summer."
)


def extract_text(text: str) -> str:
    return _extract(Source(path=Path("page.txt"), text=text, kind="text")).title


def test_weights_match_the_features() -> None:
    w = title_text.load_weights()
    assert len(w.coef) == len(title_text.NAMES) == len(w.mean) == len(w.scale)


def test_plain_file_title_is_its_first_line() -> None:
    assert extract_text("Council Backs Road Repairs\n\n" + BODY) == "Council Backs Road Repairs"


def test_headline_under_a_menu_above_a_byline() -> None:
    page = (
        "Home\nNews\nSport\nWeather\nLocal\n"
        "Council backs extra spending on road repairs after a harsh winter\n"
        "By Jane Smith\n12 March 2025\nShare\n" + BODY + "\nMost popular\nContact us\n"
    )
    assert extract_text(page) == (
        "Council backs extra spending on road repairs after a harsh winter"
    )


def test_a_body_sentence_is_not_the_title_without_metadata_under_it() -> None:
    cands = title_text.candidates
    from audio_article.extract.body import _best_run
    from audio_article.extract.marks import _classify
    from audio_article.extract.phrases import load_phrases

    phrases = load_phrases("en")
    lines = _classify(BODY.split("\n"), phrases)
    start, end = _best_run(lines)
    assert start == 0 and cands(lines, start, phrases, end) == []


def test_explain_ranks_the_chosen_title_first(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from audio_article.cli import cli

    page = tmp_path / "page.txt"
    page.write_text(
        "Home\nNews\nSport\nCouncil backs extra spending on road repairs after a harsh winter\n"
        "By Jane Smith\n12 March 2025\n" + BODY + "\n",
        encoding="utf-8",
    )
    out = CliRunner().invoke(cli, ["clean", "--explain", str(page)]).output
    section = out.split("# Title")[1].split("# Removed")[0]
    first = section.split("\n- ")[1]
    assert first.startswith("Council backs extra spending on road repairs after a harsh winter")
    assert "title probability" in first


def test_a_dated_line_in_any_language_is_no_candidate() -> None:
    from audio_article.extract.marks import _Line
    from audio_article.extract.phrases import load_phrases

    phrases = load_phrases("en")
    for dated in (
        "Posted on Maret 30, 2015 by Admin",
        "Opublikowano: 12 marca 2023",
        "12. března 2023",
    ):
        assert title_text.dated_or_signed(_Line(dated), phrases), dated
    for headline in ("Top 10 films of 2023", "From 12 March 2024, new rules for landlords"):
        assert not title_text.dated_or_signed(_Line(headline), phrases), headline
