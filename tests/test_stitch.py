from __future__ import annotations

import numpy as np
import pytest

from audio_article.loudness import LoudnessMeter, true_peak
from audio_article.models import Audio, Clip, Segment
from audio_article.stitch import (
    Format,
    Spool,
    assemble,
    master,
    pause_frames,
    plan_frames,
    prepare,
    speech_bounds,
)

from .fakes import tone


def _seg(i: int, pause: int, section: int = 0, kind: str = "sentence") -> Segment:
    return Segment(
        index=i, kind=kind, text=f"s{i}", spoken=f"s{i}", pause_after_ms=pause, section=section
    )


def _clip(i: int, ms: int, pause: int, rate: int = 22_050, amplitude: float = 0.3) -> Clip:
    return Clip(_seg(i, pause), Audio(tone(ms, rate, amplitude=amplitude), rate))


def test_plan_times_are_clip_lengths_plus_pauses() -> None:
    items = [(_seg(0, 500, 0, "title"), 44_100), (_seg(1, 300), 88_200), (_seg(2, 999), 66_150)]
    tl = plan_frames(items, 44_100)
    assert [(c.start_ms, c.end_ms) for c in tl.cues] == [(0, 1000), (1500, 3500), (3800, 5300)]
    assert tl.duration_ms == 5300  # no pause after the last clip


def test_times_are_exact_at_the_internal_rate() -> None:
    items = [(_seg(0, 333), 22_051), (_seg(1, 0), 100)]
    tl = plan_frames(items, 22_050)
    assert tl.cues[1].start_ms == 1000.0 * (22_051 + pause_frames(333, 22_050)) / 22_050
    assert tl.duration_ms == 1000.0 * (22_151 + pause_frames(333, 22_050)) / 22_050


def test_chapters_follow_sections() -> None:
    items = [
        (_seg(0, 500, 0, "title"), 1000),
        (_seg(1, 500, 0), 1000),
        (_seg(2, 500, 1, "heading"), 1000),
        (_seg(3, 0, 1), 1000),
    ]
    tl = plan_frames(items, 1000, {0: "Intro", 1: "Part two"})
    assert [(c.title, c.start_ms, c.end_ms) for c in tl.chapters] == [
        ("Intro", 0, 3000),
        ("Part two", 3000, 5500),
    ]


def test_prepare_trims_silence_to_a_consistent_edge() -> None:
    silence = b"\x00\x00" * 11_025  # 0.5 s at 22.05 kHz
    audio = Audio(silence + tone(1000, 22_050) + silence, 22_050)
    out = prepare(Clip(_seg(0, 0), audio), Format(22_050))
    assert 1040 <= out.duration_ms <= 1080  # 1 s of speech plus about 30 ms each side
    assert speech_bounds(np.zeros(500, dtype=np.int16), 22_050) == (0, 500)  # silence: all kept


def test_prepare_converts_rate_only_when_needed() -> None:
    out = prepare(Clip(_seg(0, 0), Audio(tone(1000, rate=44_100), 44_100)), Format(22_050))
    assert out.audio.rate == 22_050
    assert abs(out.duration_ms - 1000) < 2
    same = _clip(0, 1000, 0)
    assert prepare(same, Format(22_050)) is same  # nothing to trim or convert


def test_pace_sets_heading_title_intro_and_outro_pauses() -> None:
    from audio_article.models import Pauses
    from audio_article.stitch import pace

    p = Pauses(clause=1, sentence=2, paragraph=3, heading=4, section=5, title=6)
    segs = [
        Segment(0, "intro", "i", "i", 0),
        Segment(1, "sentence", "a", "a", 2),
        Segment(2, "heading", "h", "h", 0, section=1),
        Segment(3, "sentence", "b", "b", 99, section=1),
        Segment(4, "outro", "o", "o", 7, section=2),
    ]
    assert [s.pause_after_ms for s in pace(segs, p)] == [6, 5, 4, 99, 0]


def test_level_gain_evens_out_loud_and_quiet_clips() -> None:
    from audio_article.loudness import clip_loudness
    from audio_article.stitch import LEVEL_REFERENCE_LUFS, level_gain, pcm_to_float

    seg = Segment(0, "sentence", "x", "x", 0)
    for amplitude in (0.07, 0.1, 0.2):
        clip = Clip(seg, Audio(tone(1000, amplitude=amplitude), 44_100))
        x = pcm_to_float(clip.audio.frames) * level_gain(clip)
        assert abs(clip_loudness(x, 44_100) - LEVEL_REFERENCE_LUFS) < 0.1
    whisper = Clip(seg, Audio(tone(1000, amplitude=0.01), 44_100))
    assert abs(level_gain(whisper) - 10 ** (6 / 20)) < 1e-9  # a sentence moves 6 dB at most


def _mastered(clips: list[Clip], gain: float, ceiling: float) -> tuple[np.ndarray, object, Spool]:
    fmt = Format(22_050)
    spool = Spool(fmt)
    measured = LoudnessMeter(fmt.rate, true_peak=False)
    assemble(clips, spool, measured)
    pcm, done = master(spool, gain, ceiling, measured, chunk_frames=1000)
    out = np.frombuffer(b"".join(pcm), dtype="<i2") / 32768.0
    return out, done, spool


@pytest.mark.parametrize("gain", [1.0, 8.0])
def test_master_stream_matches_the_timeline_and_its_own_measurements(gain: float) -> None:
    clips = [_clip(0, 1000, 500), _clip(1, 2000, 333, amplitude=0.05), _clip(2, 700, 250)]
    out, done, spool = _mastered(clips, gain, -1.0)
    with spool:
        tl = spool.timeline()
    assert len(out) == round(tl.duration_ms * 22_050 / 1000)
    assert len(out) == 22_050 * 37 // 10 + pause_frames(500, 22_050) + pause_frames(333, 22_050)
    # what the report says is what the stream holds (measured on the whole output at once)
    reference = LoudnessMeter(22_050)
    reference.feed(out)
    assert done.meter.integrated() == pytest.approx(reference.integrated(), abs=0.05)
    assert 20 * np.log10(done.true_peak) == pytest.approx(reference.true_peak_dbtp(), abs=0.01)
    assert 20 * np.log10(true_peak(out)) <= -1.0 + 0.01
    assert (done.limited_clips > 0) == (gain > 1.0)
