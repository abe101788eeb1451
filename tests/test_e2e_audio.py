"""The audio path end to end with the fake engine: exact timings, every tag, sidecars, loudness."""

from __future__ import annotations

import json
import re
import subprocess
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from mutagen.id3 import ID3
from mutagen.mp3 import MP3

from audio_article import engines
from audio_article.config import DISCLOSURE, Options, resolve_voice
from audio_article.encode import ffmpeg_exe
from audio_article.inspect import inspect_mp3
from audio_article.models import Episode
from audio_article.pipeline import finish_script, make_episode
from audio_article.tag import ALGORITHMIC

from .audio_helpers import sample_article, script
from .fakes import MS_PER_CHAR, FakeEngine

FRAME_MS = 1152 / 44.1


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> Iterator[callable]:
    """Make an episode with the fake engine as the default voice's engine."""
    with pytest.MonkeyPatch.context() as mp:
        engine = FakeEngine()
        mp.setitem(engines.ENGINES, "pyttsx3", lambda: engine)
        mp.setattr(engines, "_started", {})
        src = tmp_path_factory.mktemp("src") / "article.txt"
        src.write_text("the article, as given")

        def make(name: str, **opts: object) -> Episode:
            article = opts.pop("article", sample_article())
            options = Options(output_dir=tmp_path_factory.mktemp(name), **opts)  # type: ignore[arg-type]
            segments = finish_script(article, script(article), options, resolve_voice(None))
            return make_episode(article, segments, source=src, options=options)

        yield make


@pytest.fixture(scope="module")
def episode(made: callable) -> Episode:
    return made("default")


def test_timings_are_exact_and_add_up_to_the_mp3(episode: Episode) -> None:
    tl = episode.timeline
    spoken = [c for c in tl.cues]
    for cue in spoken:  # 10 ms per character of what the engine was given
        assert cue.end_ms - cue.start_ms == pytest.approx(
            MS_PER_CHAR * len(cue.segment.spoken), abs=0.03
        )
    gaps = sum(b.start_ms - a.end_ms for a, b in zip(spoken, spoken[1:], strict=False))
    assert gaps == pytest.approx(sum(c.segment.pause_after_ms for c in spoken[:-1]), abs=0.1)
    total = sum(c.end_ms - c.start_ms for c in spoken) + gaps
    assert total == pytest.approx(tl.duration_ms, abs=0.1)
    info = MP3(episode.path).info
    assert abs(info.length * 1000 - tl.duration_ms) < FRAME_MS
    assert (info.channels, info.sample_rate, round(info.bitrate / 1000)) == (1, 44_100, 96)


def test_pacing_intro_title_headings_outro(episode: Episode) -> None:
    kinds = [c.segment.kind for c in episode.timeline.cues]
    assert kinds[0] == "intro" and kinds[-1] == "outro"
    assert "title" not in kinds  # the intro says the title
    intro = episode.timeline.cues[0].segment
    assert (
        intro.text == "Troops arrive at the front. By Jane Doe, The Daily Test, November 5, 2024."
    )
    assert "November fifth, twenty twenty-four" in intro.spoken
    assert episode.timeline.cues[-1].segment.text == DISCLOSURE
    cues = episode.timeline.cues
    for before, cue in zip(cues, cues[1:], strict=False):
        if cue.segment.kind in ("heading", "outro"):
            assert cue.start_ms - before.end_ms >= 1200  # a section pause before
        if before.segment.kind == "heading":
            assert cue.start_ms - before.end_ms >= 700
        if before.segment.kind == "intro":
            assert cue.start_ms - before.end_ms >= 1200


def test_every_tag_reads_back(episode: Episode) -> None:
    tags = ID3(episode.path)
    assert tags.version == (2, 3, 0)
    assert str(tags["TIT2"]) == "Troops arrive at the front"
    assert str(tags["TPE1"]) == "Jane Doe"
    assert str(tags["TALB"]) == "The Daily Test"
    assert str(tags["TDRC"]) == "2024-11-05 09:30:00"
    assert str(ID3(episode.path, translate=False)["TYER"]) == "2024"  # as ID3v2.3 stores it
    assert str(tags["TCON"]) == "Podcast"
    assert str(tags["TLAN"]) == "eng"
    assert int(str(tags["TLEN"])) == round(episode.timeline.duration_ms)
    assert tags["WOAS"].url == "https://example.com/news/troops"
    assert tags["WXXX:Source"].url == "https://example.com/news/troops"
    assert "fake-1" in str(tags["TSSE"]) and "voice default" in str(tags["TSSE"])
    assert str(tags["COMM::eng"]) == "Troops arrived at the front on Tuesday."
    assert str(tags["COMM:AI disclosure:eng"]) == DISCLOSURE
    assert str(tags["TXXX:AI_DISCLOSURE"]) == DISCLOSURE
    assert str(tags["TXXX:DIGITAL_SOURCE_TYPE"]) == ALGORITHMIC
    assert tags["PCST"].value == 1
    assert str(tags["TDES"]) == "Troops arrived at the front on Tuesday."
    lyrics = str(tags["USLT::eng"])
    assert lyrics.startswith("Troops arrive at the front. By Jane Doe")
    assert (
        "The first paragraph says what happened. It has two sentences.\n\nWhat comes next" in lyrics
    )
    assert lyrics.endswith(DISCLOSURE)
    cover = tags["APIC:Cover"]
    assert cover.mime == "image/jpeg" and cover.type == 3
    from io import BytesIO

    from PIL import Image

    assert Image.open(BytesIO(cover.data)).size == (1400, 1400)


def test_chapters_match_the_timeline(episode: Episode) -> None:
    tags = ID3(episode.path)
    toc = tags["CTOC:toc"]
    assert toc.flags & 0x03 == 0x03  # top level, ordered
    chapters = [tags[f"CHAP:{cid}"] for cid in toc.child_element_ids]
    titles = [str(c.sub_frames["TIT2"]) for c in chapters]
    assert titles == ["Intro", "What comes next", "Reactions", "Outro"]
    for chap, expected in zip(chapters, episode.timeline.chapters, strict=True):
        assert abs(chap.start_time - expected.start_ms) <= 1
        assert abs(chap.end_time - expected.end_ms) <= 1
    heading = next(c for c in episode.timeline.cues if c.segment.text == "What comes next")
    assert abs(chapters[1].start_time - heading.start_ms) <= 1
    assert chapters[0].start_time == 0
    assert abs(chapters[-1].end_time - MP3(episode.path).info.length * 1000) < FRAME_MS


def test_ffmpeg_reads_it_cleanly_and_lists_the_chapters(episode: Episode) -> None:
    out = subprocess.run(
        [ffmpeg_exe(), "-v", "error", "-i", str(episode.path), "-f", "ffmetadata", "-"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert out.stderr == ""
    assert out.stdout.count("[CHAPTER]") == 4
    assert "title=What comes next" in out.stdout
    starts = [int(s) for s in re.findall(r"^START=(\d+)", out.stdout, re.M)]
    # ffmpeg counts from the first encoded sample, 1,105 samples (the encoder delay) before the
    # first one played; the ID3 times (checked to 1 ms above) are in playback time
    expected = [round(c.start_ms) for c in episode.timeline.chapters]
    assert starts == sorted(starts)
    assert all(abs(s - e) < FRAME_MS for s, e in zip(starts, expected, strict=True))


def test_loudness_of_the_decoded_mp3(episode: Episode) -> None:
    assert episode.loudness is not None
    report = inspect_mp3(episode.path)
    # what is reported is what the file measures when decoded, and it is on target
    assert episode.loudness.integrated_lufs == pytest.approx(report.integrated_lufs, abs=0.05)
    assert episode.loudness.true_peak_dbtp <= -1.0  # the limiter's ceiling, before the encoder
    assert report.integrated_lufs == pytest.approx(-19.0, abs=0.5)
    assert report.true_peak_dbtp <= -0.5
    assert report.decoder_messages == ()
    assert abs(report.decoded_ms - episode.timeline.duration_ms) < 0.1


def test_sidecars(episode: Episode) -> None:
    stem = episode.path.with_suffix("")
    assert {p.name[len(stem.name) :] for p in episode.sidecars} == {
        ".vtt",
        ".srt",
        ".chapters.json",
        ".timings.json",
        ".json",
    }
    vtt = stem.with_suffix(".vtt").read_text()
    assert vtt.startswith("WEBVTT\n")
    blocks = [b for b in vtt.split("\n\n")[1:] if b.strip()]
    spoken = [c for c in episode.timeline.cues if c.segment.text]
    assert len(blocks) == len(spoken)
    assert all(len(line) <= 65 for line in vtt.splitlines())
    srt = stem.with_suffix(".srt").read_text()
    first = srt.split("\n\n")[1].splitlines()
    cue = spoken[1]
    start = cue.start_ms
    assert first[1].startswith(f"00:00:{int(start // 1000):02d},{round(start % 1000):03d} --> ")
    chapters = json.loads(stem.with_suffix(".chapters.json").read_text())
    assert chapters["version"] == "1.2.0"
    assert [c["title"] for c in chapters["chapters"]] == [
        "Intro",
        "What comes next",
        "Reactions",
        "Outro",
    ]
    assert chapters["chapters"][1]["startTime"] == round(
        episode.timeline.chapters[1].start_ms / 1000, 3
    )
    meta = json.loads(stem.with_suffix(".json").read_text())
    assert meta["title"] == "Troops arrive at the front"
    assert meta["metadata"]["author"] == "Jane Doe"
    assert meta["engine"]["name"] == "fake" and meta["voice"] == "default"
    assert meta["loudness"]["integrated_lufs"] == pytest.approx(-19.0, abs=0.5)
    assert meta["duration_ms"] == pytest.approx(episode.timeline.duration_ms, abs=0.001)
    assert len(meta["chapters"]) == 4
    import hashlib

    digest = hashlib.sha256(b"the article, as given").hexdigest()
    assert meta["source"]["content_hash"] == f"sha256:{digest}"


def test_stereo_id3v24_no_intro_no_sidecars(made: callable) -> None:
    ep = made(
        "stereo",
        stereo=True,
        id3v24=True,
        intro=False,
        outro=False,
        sidecars=False,
        loudness_lufs=-20.0,
        true_peak_dbtp=-2.0,
    )
    info = MP3(ep.path).info
    assert info.channels == 2
    tags = ID3(ep.path)
    assert tags.version == (2, 4, 0)
    assert str(tags["TDRC"]) == "2024-11-05 09:30:00"
    kinds = [c.segment.kind for c in ep.timeline.cues]
    assert kinds[0] == "title" and "intro" not in kinds and "outro" not in kinds
    assert [c.title for c in ep.timeline.chapters][0] == "Troops arrive at the front"
    assert ep.sidecars == () and not ep.path.with_suffix(".vtt").exists()
    assert ep.loudness.integrated_lufs == pytest.approx(-20.0, abs=0.5)
    assert ep.loudness.true_peak_dbtp <= -2.0
    assert inspect_mp3(ep.path).integrated_lufs == pytest.approx(-20.0, abs=0.5)


def test_intro_music_cover_and_custom_texts(made: callable, tmp_path: Path) -> None:
    import wave

    from .fakes import tone

    jingle = tmp_path / "jingle.wav"
    with wave.open(str(jingle), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(22_050)
        w.writeframes(tone(2000, 22_050, freq=330, amplitude=0.05))
    from PIL import Image

    cover = tmp_path / "cover.png"
    Image.new("RGB", (1400, 1400), "red").save(cover)
    article = replace(sample_article(), metadata=replace(sample_article().metadata, author=None))
    ep = made(
        "music",
        article=article,
        intro_audio=jingle,
        cover=cover,
        intro_text="{title}, from {publication}. By {author}.",
        outro_text="Thanks.",
    )
    cues = ep.timeline.cues
    assert cues[0].segment.text == "" and cues[0].end_ms == pytest.approx(2000, abs=40)
    assert cues[1].segment.text == "Troops arrive at the front, from The Daily Test."
    assert cues[-1].segment.text == "Thanks."
    assert ep.timeline.chapters[0].start_ms == 0 and ep.timeline.chapters[0].title == "Intro"
    assert ID3(ep.path)["APIC:Cover"].mime == "image/png"
    assert "WEBVTT" in ep.path.with_suffix(".vtt").read_text()
    assert ep.path.with_suffix(".vtt").read_text().count("-->") == len(cues) - 1


def test_sidecars_are_in_place_before_the_mp3_and_stale_ones_go(
    made: callable, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The MP3 is renamed into place last; without sidecars, old ones of the same name go."""
    import os

    from audio_article import encode

    renamed: list[tuple[str, list[str]]] = []
    real_replace = os.replace

    def replace(src: str, dst: str) -> None:
        folder = Path(dst).parent
        renamed.append((Path(dst).name, sorted(p.name for p in folder.iterdir())))
        real_replace(src, dst)

    monkeypatch.setattr(encode.os, "replace", replace)
    out = tmp_path / "same"
    article = sample_article()
    options = Options(output_dir=out)
    segments = finish_script(article, script(article), options, resolve_voice(None))
    ep = make_episode(article, segments, source=Path(__file__), options=options)
    mp3_moves = [names for dst, names in renamed if dst.endswith(".mp3")]
    assert len(mp3_moves) == 1
    stem = ep.path.stem
    assert {f"{stem}.vtt", f"{stem}.srt", f"{stem}.json", f"{stem}.chapters.json"} <= set(
        mp3_moves[0]
    )  # every sidecar was there when the MP3 appeared
    assert ep.path.name not in mp3_moves[0]
    quiet = Options(output_dir=out, sidecars=False)
    again = make_episode(article, segments, source=Path(__file__), options=quiet, target=ep.path)
    assert again.sidecars == ()
    assert sorted(p.name for p in out.iterdir() if not p.name.startswith(".")) == [ep.path.name]


def test_synthesis_ahead_keeps_order_progress_and_errors() -> None:
    from audio_article.errors import SynthesisError
    from audio_article.pipeline import _ahead

    def clips(fail_at: int | None) -> Iterator[int]:
        for i in range(20):
            if i == fail_at:
                raise SynthesisError("a.txt", f"segment {i + 1}: engine failed")
            yield i  # stands for a Clip

    seen: list[tuple[int, int]] = []
    assert list(_ahead(clips(None), 20, lambda n, t: seen.append((n, t)))) == list(range(20))  # type: ignore[arg-type]
    assert seen == [(n, 20) for n in range(1, 21)]
    got: list[int] = []
    with pytest.raises(SynthesisError, match="segment 13"):
        for c in _ahead(clips(12), 20, None):  # type: ignore[arg-type]
            got.append(c)
    assert got == list(range(12))  # everything before the failure, in order
    early = _ahead(clips(None), 20, None)  # type: ignore[arg-type]
    assert next(early) == 0
    early.close()  # the consumer stops: the thread ends, nothing hangs
