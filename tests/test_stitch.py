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
