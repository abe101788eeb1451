from __future__ import annotations

import pytest

from audio_article.intro import fill
from audio_article.models import Chapter, Cue, Segment, Timeline
from audio_article.transcripts import chapters_json, srt, vtt, wrap

T = "{title}. By {author}, {publication}, {date}."


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        (
            {"title": "T", "author": "A", "publication": "P", "date": "May 1, 2024"},
            "T. By A, P, May 1, 2024.",
        ),
        (
            {"title": "T", "author": None, "publication": "P", "date": "May 1, 2024"},
            "T. By P, May 1, 2024.",
        ),
        ({"title": "T", "author": "A", "publication": None, "date": None}, "T. By A."),
        (
            {"title": "T", "author": None, "publication": None, "date": "May 1, 2024"},
            "T. May 1, 2024.",
        ),
        ({"title": "T", "author": None, "publication": None, "date": None}, "T."),
    ],
)
def test_intro_template_drops_missing_parts(fields: dict, expected: str) -> None:
    assert fill(T, fields) == expected


def test_wrap_keeps_lines_short() -> None:
    text = "word " * 40 + "x" * 100
    assert all(len(line) <= 65 for line in wrap(text))
    assert " ".join(wrap("a  b\nc")) == "a b c"


def _timeline() -> Timeline:
    long = "This sentence is long enough that it has to be wrapped onto a second line of text."
    cues = (
        Cue(Segment(0, "intro", "", "", 300), 0.0, 1000.0),
        Cue(Segment(1, "sentence", long, long, 0), 1300.0, 3725.4),
    )
    return Timeline(cues, 3725.4, 44_100, (Chapter("Intro", 0.0, 3725.4),))


def test_vtt_and_srt_skip_music_and_use_cue_times() -> None:
    tl = _timeline()
    v = vtt(tl)
    assert v.startswith("WEBVTT\n\n1\n00:00:01.300 --> 00:00:03.725\n")
    assert v.count("-->") == 1 and len(v.splitlines()) == 6
    s = srt(tl)
    assert s.startswith("1\n00:00:01,300 --> 00:00:03,725\nThis sentence")


def test_podcasting_chapters() -> None:
    assert chapters_json(_timeline()) == {
        "version": "1.2.0",
        "chapters": [{"startTime": 0.0, "endTime": 3.725, "title": "Intro"}],
    }
