"""Stage 6: clips -> timeline, pacing, levels and the mastered PCM stream for the encoder.

Each clip is trimmed to a consistent edge, converted to one output format (pydub) and given a
level gain so that no sentence stands out louder or quieter than the others. The episode is
never held in memory: pass 1 (``assemble``) writes the prepared clips to a ``Spool`` (a temp
file) while a ``LoudnessMeter`` measures the stream; pass 2 (``master``) reads the clips back
one at a time, applies level gain, episode gain and the true-peak limiter, and yields PCM with
the pauses in between (see ``loudness`` for the method). Cue times are counted in whole frames,
so they add up exactly to the length of the stream.
"""

from __future__ import annotations

import dataclasses
import os
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .loudness import LoudnessMeter, clip_loudness, db_to_gain, limit
from .models import Audio, Chapter, Clip, Cue, Pauses, Segment, Timeline

EDGE_MS = 30
"""Silence kept before and after the speech in each clip, after trimming."""
SILENCE_THRESHOLD_DBFS = -50.0
LEVEL_REFERENCE_LUFS = -23.0
"""Every spoken clip is brought to this loudness before the episode gain."""
MAX_LEVEL_CORRECTION_DB = 6.0
"""A sentence is evened out by at most this much (speech); music and jingles by up to 20 dB."""
MAX_MUSIC_CORRECTION_DB = 20.0


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


def pace(segments: Sequence[Segment], pauses: Pauses) -> tuple[Segment, ...]:
    """Make sure each boundary gets at least the voice profile's pause for its kind.

    The segment stage sets ``pause_after_ms``; here headings are made to read as headings (a
    ``section`` pause before, a ``heading`` pause after), the title and the intro are followed by
    a ``title`` pause, and the outro is set apart like a section. Longer pauses are kept.
    """
    after_kind = {"title": pauses.title, "intro": pauses.title, "heading": pauses.heading}
    out: list[Segment] = []
    for i, seg in enumerate(segments):
        nxt = segments[i + 1] if i + 1 < len(segments) else None
        if nxt is None:
            pause = 0  # nothing follows the last segment
        else:
            need = after_kind.get(seg.kind, 0)
            if nxt.kind in ("heading", "outro"):
                need = max(need, pauses.section)
            pause = max(seg.pause_after_ms, need)
        out.append(
            seg if pause == seg.pause_after_ms else dataclasses.replace(seg, pause_after_ms=pause)
        )
    return tuple(out)


def pcm_to_float(frames: bytes) -> np.ndarray:
    return np.frombuffer(frames, dtype="<i2").astype(np.float64) / 32768.0


def float_to_pcm(x: np.ndarray) -> bytes:
    return np.clip(np.round(x * 32768.0), -32768, 32767).astype("<i2").tobytes()


def is_music(segment: Segment) -> bool:
    """Intro/outro music is a clip with nothing to say."""
    return not segment.text.strip()


def level_gain(clip: Clip) -> float:
    """Linear gain bringing the clip to ``LEVEL_REFERENCE_LUFS`` (bounded; silence untouched)."""
    x = pcm_to_float(clip.audio.frames)
    loud = clip_loudness(x, clip.audio.rate)
    if not np.isfinite(loud):
        return 1.0
    bound = MAX_MUSIC_CORRECTION_DB if is_music(clip.segment) else MAX_LEVEL_CORRECTION_DB
    return db_to_gain(max(-bound, min(bound, LEVEL_REFERENCE_LUFS - loud)))


def pause_frames(ms: int, rate: int) -> int:
    return round(ms * rate / 1000)


@dataclass(frozen=True)
class Take:
    """A prepared clip waiting in the spool: where its frames are and its level gain."""

    segment: Segment
    offset: int
    frame_count: int
    gain: float = 1.0


class Spool:
    """Prepared clips in a temp file (16-bit mono PCM), read back one at a time in pass 2."""

    def __init__(self, fmt: Format, folder: Path | None = None) -> None:
        if fmt.channels != 1 or fmt.width != 2:
            raise ValueError("the spool holds 16-bit mono PCM")
        self.fmt = fmt
        self._file = tempfile.TemporaryFile(prefix="audio-article-", dir=folder)  # noqa: SIM115 - closed by close()
        self.takes: list[Take] = []
        self._end = 0

    def add(self, clip: Clip, gain: float = 1.0) -> Take:
        self._file.seek(self._end)
        self._file.write(clip.audio.frames)
        take = Take(clip.segment, self._end, clip.audio.frame_count, gain)
        self._end += len(clip.audio.frames)
        self.takes.append(take)
        return take

    def read(self, take: Take) -> np.ndarray:
        self._file.seek(take.offset)
        return pcm_to_float(self._file.read(take.frame_count * self.fmt.frame_bytes))

    def timeline(self, chapter_titles: dict[int, str] | None = None) -> Timeline:
        """Cue and chapter times of the spooled clips, pauses between them."""
        items = [(t.segment, t.frame_count) for t in self.takes]
        return plan_frames(items, self.fmt.rate, chapter_titles)

    def close(self) -> None:
        self._file.close()

    def __enter__(self) -> Spool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def assemble(clips: Iterable[Clip], spool: Spool, meter: LoudnessMeter) -> None:
    """Pass 1: prepare and level each clip, spool it, and meter the stream with its pauses."""
    previous: Take | None = None
    for clip in clips:
        prepared = prepare(clip, spool.fmt)
        take = spool.add(prepared, level_gain(prepared))
        if previous is not None:
            meter.feed_silence(pause_frames(previous.segment.pause_after_ms, spool.fmt.rate))
        meter.feed(pcm_to_float(prepared.audio.frames) * take.gain)
        previous = take
    if previous is None:
        raise ValueError("no clips to stitch")


@dataclass
class MasterReport:
    """Filled in by ``master`` as it runs: what reached the encoder."""

    limited_clips: int = 0


def master(
    spool: Spool,
    gain: float,
    ceiling_dbtp: float,
    meter: LoudnessMeter,
    report: MasterReport | None = None,
    chunk_frames: int = 1 << 15,
) -> Iterator[bytes]:
    """Pass 2: each clip x level gain x ``gain``, true-peak limited, then its pause (none last)."""
    fmt = spool.fmt
    silence = b"\x00" * (chunk_frames * fmt.frame_bytes)
    takes = spool.takes
    for i, take in enumerate(takes):
        x = spool.read(take) * (take.gain * gain)
        y, _ = limit(x, fmt.rate, ceiling_dbtp)
        if report is not None and y is not x:
            report.limited_clips += 1
        meter.feed(y)
        yield float_to_pcm(y)
        pending = pause_frames(take.segment.pause_after_ms, fmt.rate) if i + 1 < len(takes) else 0
        meter.feed_silence(pending)
        while pending > 0:
            n = min(pending, chunk_frames)
            yield silence[: n * fmt.frame_bytes]
            pending -= n


def plan(clips: Sequence[Clip], chapter_titles: dict[int, str] | None = None) -> Timeline:
    """Cue and chapter times from real clip lengths plus pauses (clips already prepared)."""
    if not clips:
        raise ValueError("no clips to stitch")
    items = [(c.segment, c.audio.frame_count) for c in clips]
    return plan_frames(items, clips[0].audio.rate, chapter_titles)


def plan_frames(
    items: Sequence[tuple[Segment, int]], rate: int, chapter_titles: dict[int, str] | None = None
) -> Timeline:
    """Cue times of (segment, frame count) pairs at ``rate``, pauses between them."""
    if not items:
        raise ValueError("no clips to stitch")
    cues: list[Cue] = []
    frame = 0
    for i, (segment, frames) in enumerate(items):
        start = frame
        frame += frames
        cues.append(Cue(segment, 1000.0 * start / rate, 1000.0 * frame / rate))
        if i + 1 < len(items):
            frame += pause_frames(segment.pause_after_ms, rate)
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
    """One chapter per titled ``segment.section``; it runs until the next one starts.

    A section without a title (e.g. paragraphs before the first heading) stays in the chapter
    before it; the first chapter starts at 0 and is named by ``titles`` or its first cue.
    """
    starts: list[tuple[int, float, str]] = []
    for cue in cues:
        sec = cue.segment.section
        if starts and (starts[-1][0] == sec or sec not in titles):
            continue
        title = titles.get(sec) or cue.segment.text
        starts.append((sec, 0.0 if not starts else cue.start_ms, title))
    out = []
    for i, (_, start, title) in enumerate(starts):
        end = starts[i + 1][1] if i + 1 < len(starts) else duration_ms
        out.append(Chapter(title=title, start_ms=start, end_ms=end))
    return tuple(out)


def render(clips: Iterable[Clip], fmt: Format, chunk_frames: int = 1 << 15) -> Iterator[bytes]:
    """Yield clips as they are, with their pauses (none after the last): no levels, no master."""
    silence = b"\x00" * (chunk_frames * fmt.frame_bytes)
    pending = 0
    for clip in clips:
        while pending > 0:
            n = min(pending, chunk_frames)
            yield silence[: n * fmt.frame_bytes]
            pending -= n
        yield clip.audio.frames
        pending = pause_frames(clip.segment.pause_after_ms, fmt.rate)


def spool_folder(target: Path) -> Path | None:
    """Spool next to the output when the folder is writable (same disk), else the temp dir."""
    folder = target.parent
    return folder if folder.is_dir() and os.access(folder, os.W_OK) else None
