"""Stage 6: clips -> timeline, pacing, levels and the mastered PCM stream for the encoder.

Each clip is trimmed to a consistent edge and given a level gain so that no sentence stands out
louder or quieter than the others. Clips stay at the engine's sample rate (the internal rate);
the encoder resamples to the output rate in its single pass, so no sample is computed twice.
The episode is never held in memory: pass 1 (``assemble``) writes the trimmed clips to a
``Spool`` (a temp file) while a ``LoudnessMeter`` measures the stream; pass 2 (``master``)
reads the clips back one at a time, applies level gain, episode gain and, where a clip's true
peak would pass the ceiling, the limiter, and yields PCM with the pauses in between (see
``loudness`` for the method). Cue times are counted in whole frames at the internal rate, so
they add up exactly to the length of the stream, whatever the output rate.
"""

from __future__ import annotations

import dataclasses
import os
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .loudness import (
    BlockEnergy,
    LoudnessMeter,
    db_to_gain,
    energy_loudness,
    k_weighted_energy,
    limit,
)
from .models import Audio, Chapter, Clip, Cue, Pauses, Segment, Timeline, Word

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
    """Trim leading/trailing silence to ``EDGE_MS`` and convert to ``fmt`` (pydub, only when the
    clip is not already in it: the engines speak 16-bit mono at the rate ``fmt`` is chosen for)."""
    a = clip.audio
    if (a.rate, a.channels, a.width) != (fmt.rate, fmt.channels, fmt.width):
        a = _convert(a, fmt)
    lead, end = speech_bounds(np.frombuffer(a.frames, dtype="<i2"), a.rate)
    frames = a.frames[lead * fmt.frame_bytes : end * fmt.frame_bytes]
    if len(frames) == len(a.frames) and a is clip.audio:
        return clip
    words = shift_words(a.words, -1000.0 * lead / fmt.rate, 1000.0 * (end - lead) / fmt.rate)
    audio = Audio(frames=frames, rate=fmt.rate, width=fmt.width, channels=fmt.channels, words=words)
    return Clip(segment=clip.segment, audio=audio)


def shift_words(words: Sequence[Word], by_ms: float, within_ms: float) -> tuple[Word, ...]:
    """``words`` moved by ``by_ms``, their starts kept inside [0, ``within_ms``]."""
    return tuple(
        dataclasses.replace(w, start_ms=min(max(w.start_ms + by_ms, 0.0), within_ms)) for w in words
    )


def _convert(a: Audio, fmt: Format) -> Audio:
    from ._pydub import AudioSegment

    seg = AudioSegment(data=a.frames, sample_width=a.width, frame_rate=a.rate, channels=a.channels)
    if seg.frame_rate != fmt.rate:
        seg = seg.set_frame_rate(fmt.rate)
    if seg.channels != fmt.channels:
        seg = seg.set_channels(fmt.channels)
    if seg.sample_width != fmt.width:
        seg = seg.set_sample_width(fmt.width)
    return Audio(
        frames=seg.raw_data, rate=fmt.rate, width=fmt.width, channels=fmt.channels, words=a.words
    )


def speech_bounds(x: np.ndarray, rate: int, chunk_ms: int = 5) -> tuple[int, int]:
    """(first, end) frame of ``x`` (16-bit mono) to keep: the speech plus ``EDGE_MS`` each side.

    The same rule as pydub's ``detect_leading_silence`` (5 ms chunks quieter than
    ``SILENCE_THRESHOLD_DBFS`` RMS are silence), vectorised over all chunks at once instead of a
    Python loop over slices; all silence keeps the whole clip.
    """
    n = len(x)
    chunk = max(1, round(rate * chunk_ms / 1000))
    count = -(-n // chunk)
    if count == 0:
        return 0, 0
    padded = np.zeros(count * chunk, dtype=np.float64)
    padded[:n] = x
    power = np.einsum("ij,ij->i", padded.reshape(count, chunk), padded.reshape(count, chunk))
    power /= np.minimum(chunk, n - np.arange(count) * chunk)  # the last chunk may be short
    threshold = (32768.0 * 10 ** (SILENCE_THRESHOLD_DBFS / 20)) ** 2
    loud = np.flatnonzero(power >= threshold)
    if len(loud) == 0:
        return 0, n
    edge = round(rate * EDGE_MS / 1000)
    first = max(0, int(loud[0]) * chunk - edge)
    end = min(n, (int(loud[-1]) + 1) * chunk + edge)
    return first, end


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


def float_to_pcm(x: np.ndarray, gain: float = 1.0) -> bytes:
    """``x * gain`` (floats in [-1, 1]) as 16-bit PCM, rounded, clipped at full scale."""
    y = x * (32768.0 * gain)
    np.rint(y, out=y)
    np.clip(y, -32768, 32767, out=y)
    return y.astype("<i2").tobytes()


def is_music(segment: Segment) -> bool:
    """Intro/outro music is a clip with nothing to say."""
    return not segment.text.strip()


def level_gain(clip: Clip, energy: np.ndarray | None = None) -> float:
    """Linear gain bringing the clip to ``LEVEL_REFERENCE_LUFS`` (bounded; silence untouched).

    ``energy``: the clip's K-weighted energy, if already computed (``k_weighted_energy``)."""
    if energy is None:
        energy = k_weighted_energy(pcm_to_float(clip.audio.frames), clip.audio.rate)
    loud = energy_loudness(energy, clip.audio.rate)
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
    energy: BlockEnergy | None = None
    """What the clip (x its level gain) added to the meter's sub-blocks in pass 1."""
    words: tuple[Word, ...] = ()
    """The engine's word timings, from the start of the prepared clip."""


class Spool:
    """Prepared clips in a temp file (16-bit mono PCM), read back one at a time in pass 2."""

    def __init__(self, fmt: Format, folder: Path | None = None) -> None:
        if fmt.channels != 1 or fmt.width != 2:
            raise ValueError("the spool holds 16-bit mono PCM")
        self.fmt = fmt
        self._file = tempfile.TemporaryFile(prefix="audio-article-", dir=folder)  # noqa: SIM115 - closed by close()
        self.takes: list[Take] = []
        self._end = 0

    def add(self, clip: Clip, gain: float = 1.0, energy: BlockEnergy | None = None) -> Take:
        self._file.seek(self._end)
        self._file.write(clip.audio.frames)
        take = Take(clip.segment, self._end, clip.audio.frame_count, gain, energy, clip.audio.words)
        self._end += len(clip.audio.frames)
        self.takes.append(take)
        return take

    def read(self, take: Take) -> np.ndarray:
        self._file.seek(take.offset)
        return pcm_to_float(self._file.read(take.frame_count * self.fmt.frame_bytes))

    def timeline(self, chapter_titles: dict[int, str] | None = None) -> Timeline:
        """Cue and chapter times of the spooled clips, pauses between them."""
        items = [(t.segment, t.frame_count) for t in self.takes]
        return plan_frames(items, self.fmt.rate, chapter_titles, [t.words for t in self.takes])

    def close(self) -> None:
        self._file.close()

    def __enter__(self) -> Spool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def assemble(clips: Iterable[Clip], spool: Spool, meter: LoudnessMeter) -> None:
    """Pass 1: trim and level each clip, spool it, and meter the stream with its pauses.

    Each clip is converted to floats and K-weighted once: the same energies give its level
    gain and, scaled by it, its part of the episode's loudness.
    """
    previous: Take | None = None
    for clip in clips:
        prepared = prepare(clip, spool.fmt)
        energy = k_weighted_energy(pcm_to_float(prepared.audio.frames), spool.fmt.rate)
        gain = level_gain(prepared, energy)
        if previous is not None:
            meter.feed_silence(pause_frames(previous.segment.pause_after_ms, spool.fmt.rate))
        energy *= gain * gain
        previous = spool.add(prepared, gain, meter.block_energy(meter.samples, energy))
        meter.add_energy(energy)
    if previous is None:
        raise ValueError("no clips to stitch")


@dataclass
class Mastered:
    """Filled in by ``master`` as it runs: what reached the encoder."""

    meter: LoudnessMeter
    """The output's loudness: pass 1's energies x the gain, corrected where clips were limited."""
    true_peak: float = 0.0
    """Linear true peak of the output (4x oversampled, exact at the top)."""
    limited_clips: int = 0


def master(
    spool: Spool,
    gain: float,
    ceiling_dbtp: float,
    measured: LoudnessMeter,
    chunk_frames: int = 1 << 15,
) -> tuple[Iterator[bytes], Mastered]:
    """Pass 2: each clip x level gain x ``gain``, true-peak limited, then its pause (none last).

    Returns the PCM stream (16-bit, the spool's format) and a ``Mastered`` record that is
    complete once the stream is consumed. ``measured`` is pass 1's meter of the same stream.
    """
    report = Mastered(measured.scaled(gain))
    return _master(spool, gain, ceiling_dbtp, report, chunk_frames), report


def _master(
    spool: Spool, gain: float, ceiling_dbtp: float, report: Mastered, chunk_frames: int
) -> Iterator[bytes]:
    fmt = spool.fmt
    ceiling = db_to_gain(ceiling_dbtp)
    silence = b"\x00" * (chunk_frames * fmt.frame_bytes)
    takes = spool.takes
    at = 0  # frame position in the stream
    for i, take in enumerate(takes):
        g = take.gain * gain
        x = spool.read(take)
        x *= g
        # true peak exact wherever it could be a new maximum or pass the ceiling (see limit)
        y, peak = limit(x, fmt.rate, ceiling_dbtp, floor=min(report.true_peak, ceiling))
        if y is not x:
            # the exact change in loudness: this clip's sub-block energies, before and after
            after = report.meter.block_energy(at, k_weighted_energy(y, fmt.rate))
            before = take.energy or report.meter.block_energy(
                at, k_weighted_energy(x, fmt.rate) / gain**2
            )
            report.meter.correct(after.first, after.sums - before.sums * gain**2)
            report.limited_clips += 1
        pcm = float_to_pcm(y)
        report.true_peak = max(report.true_peak, peak)
        yield pcm
        at += take.frame_count
        pending = pause_frames(take.segment.pause_after_ms, fmt.rate) if i + 1 < len(takes) else 0
        at += pending
        while pending > 0:
            n = min(pending, chunk_frames)
            yield silence[: n * fmt.frame_bytes]
            pending -= n


def plan_frames(
    items: Sequence[tuple[Segment, int]],
    rate: int,
    chapter_titles: dict[int, str] | None = None,
    words: Sequence[Sequence[Word]] | None = None,
) -> Timeline:
    """Cue times of (segment, frame count) pairs at ``rate``, pauses between them; ``words``:
    each clip's word timings (from its start), moved into episode time on its cue."""
    if not items:
        raise ValueError("no clips to stitch")
    cues: list[Cue] = []
    frame = 0
    for i, (segment, frames) in enumerate(items):
        start = frame
        frame += frames
        start_ms, end_ms = 1000.0 * start / rate, 1000.0 * frame / rate
        spoken = shift_words(words[i], start_ms, end_ms) if words else ()
        cues.append(Cue(segment, start_ms, end_ms, spoken))
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


def spool_folder(target: Path) -> Path | None:
    """Spool next to the output when the folder is writable (same disk), else the temp dir."""
    folder = target.parent
    return folder if folder.is_dir() and os.access(folder, os.W_OK) else None
