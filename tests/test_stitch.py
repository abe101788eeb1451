from __future__ import annotations

from audio_article.models import Audio, Clip, Segment
from audio_article.stitch import Format, pause_frames, plan, prepare, render

from .fakes import tone


def _clip(i: int, ms: int, pause: int, section: int = 0, kind: str = "sentence") -> Clip:
    seg = Segment(
        index=i, kind=kind, text=f"s{i}", spoken=f"s{i}", pause_after_ms=pause, section=section
    )
    return Clip(seg, Audio(tone(ms), 44_100))


def test_plan_times_are_clip_lengths_plus_pauses() -> None:
    clips = [_clip(0, 1000, 500, 0, "title"), _clip(1, 2000, 300), _clip(2, 1500, 999)]
    tl = plan(clips)
    assert [(c.start_ms, c.end_ms) for c in tl.cues] == [(0, 1000), (1500, 3500), (3800, 5300)]
    assert tl.duration_ms == 5300  # no pause after the last clip


def test_render_matches_plan_exactly() -> None:
    clips = [_clip(0, 1000, 500), _clip(1, 2000, 333), _clip(2, 10, 250)]
    fmt = Format(44_100)
    pcm = b"".join(render(clips, fmt, chunk_frames=1000))
    tl = plan(clips)
    assert len(pcm) // 2 == round(tl.duration_ms * 44_100 / 1000)
    assert len(pcm) // 2 == 44_100 + 2 * 44_100 + 441 + pause_frames(500, 44_100) + pause_frames(
        333, 44_100
    )


def test_chapters_follow_sections() -> None:
    clips = [
        _clip(0, 1000, 500, 0, "title"),
        _clip(1, 1000, 500, 0),
        _clip(2, 1000, 500, 1, "heading"),
        _clip(3, 1000, 0, 1),
    ]
    tl = plan(clips, {0: "Intro", 1: "Part two"})
    assert [(c.title, c.start_ms, c.end_ms) for c in tl.chapters] == [
        ("Intro", 0, 3000),
        ("Part two", 3000, 5500),
    ]


def test_prepare_trims_silence_to_a_consistent_edge() -> None:
    silence = b"\x00\x00" * 22_050  # 0.5 s at 44.1 kHz
    audio = Audio(silence + tone(1000) + silence, 44_100)
    seg = Segment(0, "sentence", "x", "x", 0)
    out = prepare(Clip(seg, audio), Format(44_100))
    assert 1040 <= out.duration_ms <= 1080  # 1 s of speech plus about 30 ms each side


def test_prepare_converts_rate() -> None:
    seg = Segment(0, "sentence", "x", "x", 0)
    out = prepare(Clip(seg, Audio(tone(1000, rate=22_050), 22_050)), Format(44_100))
    assert out.audio.rate == 44_100
    assert abs(out.duration_ms - 1000) < 2


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
