"""Stage 6: clips -> timeline and a stream of PCM chunks (pauses between clips).

Each clip is trimmed to a consistent edge and converted to one output format with pydub; the
episode is never held in memory as one buffer: ``render`` yields clip and pause frames in order,
for the encoder to consume. Cue times are computed in whole frames, so they add up exactly.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from .models import Audio, Chapter, Clip, Cue, Timeline

EDGE_MS = 30
"""Silence kept before and after the speech in each clip, after trimming."""
SILENCE_THRESHOLD_DBFS = -50.0


@dataclass(frozen=True)
class Format:
    rate: int
    width: int = 2
    channels: int = 1

    @property
    def frame_bytes(self) -> int:
        return self.width * self.channels


def prepare(clip: Clip, fmt: Format) -> Clip:
    """Trim leading/trailing silence to ``EDGE_MS`` and convert to ``fmt`` (pydub)."""
    from ._pydub import AudioSegment, detect_leading_silence

    a = clip.audio
    seg = AudioSegment(data=a.frames, sample_width=a.width, frame_rate=a.rate, channels=a.channels)
    lead = detect_leading_silence(seg, silence_threshold=SILENCE_THRESHOLD_DBFS, chunk_size=5)
    tail = detect_leading_silence(
        seg.reverse(), silence_threshold=SILENCE_THRESHOLD_DBFS, chunk_size=5
    )
    if lead + tail < len(seg):
        seg = seg[max(0, lead - EDGE_MS) : len(seg) - max(0, tail - EDGE_MS)]
    if seg.frame_rate != fmt.rate:
        seg = seg.set_frame_rate(fmt.rate)
    if seg.channels != fmt.channels:
        seg = seg.set_channels(fmt.channels)
    if seg.sample_width != fmt.width:
        seg = seg.set_sample_width(fmt.width)
    audio = Audio(frames=seg.raw_data, rate=fmt.rate, width=fmt.width, channels=fmt.channels)
    return Clip(segment=clip.segment, audio=audio)


def pause_frames(ms: int, rate: int) -> int:
    return round(ms * rate / 1000)


def plan(clips: Sequence[Clip], chapter_titles: dict[int, str] | None = None) -> Timeline:
    """Cue and chapter times from real clip lengths plus pauses (clips already prepared)."""
    if not clips:
        raise ValueError("no clips to stitch")
    rate = clips[0].audio.rate
    cues: list[Cue] = []
    frame = 0
    for clip in clips:
        start = frame
        frame += clip.audio.frame_count
        cues.append(Cue(clip.segment, 1000.0 * start / rate, 1000.0 * frame / rate))
        if clip is not clips[-1]:
            frame += pause_frames(clip.segment.pause_after_ms, rate)
    duration = 1000.0 * frame / rate
    return Timeline(
        cues=tuple(cues),
        duration_ms=duration,
        rate=rate,
        chapters=chapters_from_cues(cues, duration, chapter_titles or {}),
    )


def chapters_from_cues(
    cues: Sequence[Cue], duration_ms: float, titles: dict[int, str]
) -> tuple[Chapter, ...]:
    """One chapter per ``segment.section``; it runs until the next one starts."""
    starts: list[tuple[int, float, str]] = []
    for cue in cues:
        sec = cue.segment.section
        if not starts or starts[-1][0] != sec:
            title = titles.get(sec) or cue.segment.text
            starts.append((sec, 0.0 if not starts else cue.start_ms, title))
    out = []
    for i, (_, start, title) in enumerate(starts):
        end = starts[i + 1][1] if i + 1 < len(starts) else duration_ms
        out.append(Chapter(title=title, start_ms=start, end_ms=end))
    return tuple(out)


def render(clips: Iterable[Clip], fmt: Format, chunk_frames: int = 1 << 15) -> Iterator[bytes]:
    """Yield the episode's PCM: each clip, then its pause (none after the last)."""
    silence = b"\x00" * (chunk_frames * fmt.frame_bytes)
    pending = 0
    for clip in clips:
        while pending > 0:
            n = min(pending, chunk_frames)
            yield silence[: n * fmt.frame_bytes]
            pending -= n
        yield clip.audio.frames
        pending = pause_frames(clip.segment.pause_after_ms, fmt.rate)
