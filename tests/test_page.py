"""Word timings on the written text, credits, and the episode/index pages (no browser here)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from audio_article.config import Options
from audio_article.credits import credit, self_named
from audio_article.engines.pyttsx3_engine import espeak_words
from audio_article.models import Article, Cue, Metadata, Section, Segment, Word
from audio_article.page import load_episode, render_episode, write_pages
from audio_article.pipeline import convert_file
from audio_article.timings import written_word_starts


def cue(text: str, spoken: str, words: list[tuple[str, float]], end: float = 5000.0) -> Cue:
    at, out = 0, []
    for w, ms in words:
        i = spoken.index(w, at)
        out.append(Word(i, i + len(w), ms))
        at = i + len(w)
    return Cue(Segment(0, "sentence", text, spoken, 0), 0.0, end, tuple(out))


def test_rewritten_words_take_the_times_of_what_replaced_them() -> None:
    c = cue(
        "On Dec. 26, HUR said Kyiv won.",
        "On December twenty-sixth, H.U.R said Keev won.",
        [("On", 0), ("December", 200), ("twenty", 700), ("H.U.R", 1500), ("said", 2100),
         ("Keev", 2500), ("won", 2900)],
    )  # fmt: skip
    assert written_word_starts(c) == (0, 200, 700, 1500, 2100, 2500, 2900)


def test_unspoken_written_words_go_with_the_next_word_and_times_never_go_back() -> None:
    c = cue("Prices — up 5% — rose.", "Prices, up five percent, rose.",
            [("Prices", 0), ("up", 400), ("five", 600), ("percent", 900), ("rose", 1600)])  # fmt: skip
    starts = written_word_starts(c)
    assert len(starts) == 6
    assert list(starts) == sorted(starts)
    assert starts[0] == 0 and starts[2] == 400 and starts[-1] == 1600


def test_no_engine_words_no_word_timings() -> None:
    assert written_word_starts(cue("A b.", "A b.", [])) == ()


def test_espeak_events_become_words() -> None:
    # eSpeak NG: 1-based character positions; a number spoken as several words repeats events
    text = "In 2024 café."
    events = [(1, 2, 0), (4, 4, 2205), (5, 4, 4410), (5, 4, 6615), (9, 4, 11025)]
    words = espeak_words(events, len(text), 22050, 22050)
    assert [text[w.start : w.end] for w in words] == ["In", "2024", "café"]
    assert [w.start_ms for w in words] == [0.0, 100.0, 500.0]


def article(*paragraphs: str, **meta: object) -> Article:
    return Article("A title", (Section(None, paragraphs),), Metadata(**meta))  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("The Kyiv Independent could not verify these claims.", "The Kyiv Independent"),
        ("The Associated Press could not independently verify the footage.",
         "The Associated Press"),
        ("Police could not verify the claims.", None),
        ("Officials said. Reuters could not verify the report.", None),
        ("The Moscow Times has reached out to the ministry for comment.", "The Moscow Times"),
    ],
)  # fmt: skip
def test_a_newsroom_names_itself_in_its_disclaimers(text: str, name: str | None) -> None:
    found = self_named(article(text))
    assert (found[0] if found else None) == name


def test_credits_precedence_and_notes() -> None:
    a = article("The Kyiv Independent could not verify these claims.")
    guessed = credit(a, Options()).metadata
    assert guessed.publication == "The Kyiv Independent" and guessed.author is None
    assert any("named in the text" in g for g in guessed.guessed)
    assert any(g.startswith("artist") for g in guessed.guessed)
    told = credit(a, Options(author="Jane Doe", publication="Kyiv Independent")).metadata
    assert (told.author, told.publication, told.guessed) == ("Jane Doe", "Kyiv Independent", ())
    page_says = article("Text.", author="Ann", publication="Daily")
    assert credit(page_says, Options(fallback_publication="Other")).metadata.publication == "Daily"
    assert credit(article("Text."), Options(fallback_publication="Other")).metadata.publication == (
        "Other"
    )
    by_url = credit(article("Text.", url="https://www.example.org/a"), Options()).metadata
    assert by_url.publication == "example.org"


@pytest.fixture
def converted(fake_engine, tmp_path: Path, sample: Path) -> Path:  # noqa: ANN001
    out = tmp_path / "out"
    return convert_file(sample, Options(output_dir=out)).path


def test_timings_sidecar_has_a_cue_per_vtt_cue_and_a_start_per_word(converted: Path) -> None:
    cues = json.loads(converted.with_suffix(".timings.json").read_text())["cues"]
    vtt = converted.with_suffix(".vtt").read_text()
    assert len(cues) == vtt.count(" --> ")
    for c in cues:
        assert len(c["words"]) == len(c["text"].split())
        assert c["words"] == sorted(c["words"]) and c["words"][-1] < c["end"] - c["start"]
    # one cue per spoken sentence at least: every sentence of the body has its own cue
    body = [c for c in cues if c["kind"] == "sentence"]
    assert len(body) >= 12


def test_page_escapes_the_article_and_links_only_http(fake_engine, tmp_path: Path) -> None:  # noqa: ANN001
    src = tmp_path / "evil.html"
    src.write_text(
        "<html><head><title>x</title>"
        '<meta property="og:url" content="javascript:alert(1)"></head><body><article>'
        "<h1>Budget &lt;script&gt;alert(1)&lt;/script&gt; &amp; more</h1>"
        "<p>The council voted on the budget on Monday. It passed by five votes to four, after "
        "a debate that lasted most of the afternoon and well into the evening hours.</p>"
        "<p>The mayor said &lt;img src=x onerror=alert(2)&gt; was a relief for the city.</p>"
        "</article></body></html>",
        encoding="utf-8",
    )
    mp3 = convert_file(src, Options(output_dir=tmp_path / "out")).path
    write_pages(mp3.parent)
    html = mp3.with_suffix(".html").read_text()
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "javascript:" not in html
    assert len(re.findall(r"<script\b", html)) == 2  # the timings (JSON) and the page's own


def test_page_is_small_and_fast_to_make(converted: Path) -> None:
    page = load_episode(converted)
    html = render_episode(page)
    assert len(html.encode()) < 3 * converted.with_suffix(".vtt").stat().st_size + 20_000
    assert 'class="ai"' in html and "AI-narrated" in html


def test_missing_sidecars_are_skipped_with_a_reason(converted: Path) -> None:
    converted.with_suffix(".json").unlink()
    result = write_pages(converted.parent)
    assert result.written == ()
    assert "no " in result.skipped[0][1]
    assert result.index.exists()


def test_guessed_credits_reach_the_tags_the_feed_and_the_report(
    fake_engine,
    tmp_path: Path,
    sample: Path,  # noqa: ANN001
) -> None:
    import xml.etree.ElementTree as ET

    from mutagen.id3 import ID3

    from audio_article.batch import convert_directory, make_executor
    from audio_article.feed import ITUNES, Channel, build_feed

    src = tmp_path / "in"
    src.mkdir()
    (src / "sample.txt").write_bytes(sample.read_bytes())
    (src / "other.md").write_text("# A plain story\n\nNothing in it names the site. It is short.\n")
    out = tmp_path / "out"
    summary = convert_directory(src, Options(output_dir=out), executor=make_executor(1))
    by_name = {o.input.name: o for o in summary.outcomes}
    assert any("named in the text" in g for g in by_name["sample.txt"].guessed)
    assert by_name["sample.txt"].as_json()["guessed"]
    assert "TPE1" not in ID3(by_name["other.md"].output)  # nothing to go on: nothing invented
    convert_file(src / "other.md", Options(output_dir=out, fallback_publication="My Paper"))
    other = ID3(by_name["other.md"].output)
    assert (str(other["TPE1"]), str(other["TALB"])) == ("My Paper", "My Paper")
    tags = ID3(by_name["sample.txt"].output)
    assert (str(tags["TPE1"]), str(tags["TALB"])) == ("The Kyiv Independent",) * 2
    feed = ET.fromstring(build_feed(out, Channel("T", "https://example.org/p")))
    authors = sorted(el.text for el in feed.iter(f"{{{ITUNES}}}author"))
    assert authors == ["My Paper", "The Kyiv Independent"]
    meta = json.loads(by_name["sample.txt"].output.with_suffix(".json").read_text())
    assert meta["metadata"]["guessed"]


def test_page_command(converted: Path, tmp_path: Path) -> None:
    from click.testing import CliRunner

    from audio_article.cli import cli

    result = CliRunner().invoke(cli, ["page", str(converted.parent), "--title", "My <News>"])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        str(converted.with_suffix(".html")),
        str(converted.parent / "index.html"),
    ]
    index = (converted.parent / "index.html").read_text()
    assert "<title>My &lt;News&gt;</title>" in index
    assert f'href="{converted.with_suffix(".html").name}"' in index
    missing = CliRunner().invoke(cli, ["page", str(tmp_path / "nowhere")])
    assert missing.exit_code == 2
    bad = CliRunner().invoke(cli, ["convert", "x.txt", "--page", "--no-sidecars"])
    assert bad.exit_code == 2 and "--no-sidecars" in bad.output
