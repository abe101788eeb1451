"""``audio-article inspect``: what an MP3 holds, read back the way a player would.

Tags and chapters come from mutagen; the loudness is measured on the decoded audio: the ffmpeg
binary from imageio-ffmpeg decodes to 32-bit float PCM on a pipe, read in chunks and fed to the
streaming BS.1770 meter, so memory stays flat however long the file is.
"""

from __future__ import annotations

import subprocess
import tempfile
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

import numpy as np

from .errors import InputError

if TYPE_CHECKING:
    from .loudness import LoudnessMeter

READ_FRAMES = 1 << 16


@dataclass(frozen=True)
class ChapterInfo:
    element_id: str
    title: str
    start_ms: int
    end_ms: int


@dataclass(frozen=True)
class Inspection:
    path: Path
    duration_ms: float
    """From the MP3 headers (Info frame, encoder delay and padding), as players show it."""
    sample_rate: int
    channels: int
    bitrate_kbps: int
    id3_version: str
    tags: tuple[tuple[str, str], ...] = ()
    chapters: tuple[ChapterInfo, ...] = ()
    decoded_ms: float | None = None
    """Length of the decoded audio (ffmpeg)."""
    integrated_lufs: float | None = None
    true_peak_dbtp: float | None = None
    decoder_messages: tuple[str, ...] = field(default_factory=tuple)

    def as_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["path"] = str(self.path)
        d["tags"] = [{"frame": k, "value": v} for k, v in self.tags]
        return d


def _frame_text(frame: object) -> str:
    from mutagen.id3 import APIC, CHAP, CTOC

    if isinstance(frame, APIC):
        return f"{frame.mime}, {len(frame.data)} bytes"
    if isinstance(frame, CTOC):
        return f"{', '.join(frame.child_element_ids)} (flags {int(frame.flags)})"
    if isinstance(frame, CHAP):
        return f"{frame.start_time}-{frame.end_time} ms"
    for attr in ("text", "url"):
        value = getattr(frame, attr, None)
        if value is not None:
            text = "; ".join(str(v) for v in value) if isinstance(value, list) else str(value)
            return text
    if hasattr(frame, "value"):
        return str(frame.value)
    return str(frame)


def inspect_mp3(path: Path, measure: bool = True) -> Inspection:
    """Read an MP3's headers, tags and chapters; decode it and measure loudness if ``measure``."""
    from mutagen import MutagenError
    from mutagen.id3 import CHAP
    from mutagen.mp3 import MP3

    try:
        mp3 = MP3(path)
    except (MutagenError, OSError) as exc:
        raise InputError(path, f"not a readable MP3: {exc}") from exc
    info = mp3.info
    tags: list[tuple[str, str]] = []
    chapters: list[ChapterInfo] = []
    version = "none"
    if mp3.tags is not None:
        version = "2.{}.{}".format(*mp3.tags.version[1:])
        for key, frame in sorted(mp3.tags.items()):
            tags.append((key, _frame_text(frame)))
            if isinstance(frame, CHAP):
                title = frame.sub_frames.get("TIT2")
                chapters.append(
                    ChapterInfo(
                        frame.element_id,
                        str(title.text[0]) if title else "",
                        frame.start_time,
                        frame.end_time,
                    )
                )
    chapters.sort(key=lambda c: c.start_ms)
    result = Inspection(
        path=Path(path),
        duration_ms=info.length * 1000,
        sample_rate=info.sample_rate,
        channels=info.channels,
        bitrate_kbps=round(info.bitrate / 1000),
        id3_version=version,
        tags=tuple(tags),
        chapters=tuple(chapters),
    )
    if not measure:
        return result
    decoded, lufs, peak, messages = measure_file(path, info.sample_rate, info.channels)
    return replace(
        result,
        decoded_ms=decoded,
        integrated_lufs=lufs,
        true_peak_dbtp=peak,
        decoder_messages=messages,
    )


def measure_file(
    path: Path, rate: int, channels: int, true_peak: bool = True
) -> tuple[float, float, float, tuple[str, ...]]:
    """Decode ``path`` with ffmpeg and measure it: (length ms, LUFS, dBTP, decoder messages).

    ``true_peak=False`` skips the 4x-oversampled peak (most of the time; dBTP is then NaN)."""
    from .encode import ffmpeg_exe
    from .loudness import LoudnessMeter

    cmd = [
        ffmpeg_exe(), "-hide_banner", "-nostdin", "-v", "error", "-i", str(path),
        "-f", "f32le", "-acodec", "pcm_f32le", "-ac", str(channels), "-ar", str(rate), "pipe:1",
    ]  # fmt: skip
    meter = LoudnessMeter(rate, channels, true_peak=true_peak)
    # stderr goes to a temp file, not a pipe: a damaged file makes ffmpeg write more errors than
    # a pipe holds, and it would block while we read stdout (seen: 86 KB of messages, a hang).
    with tempfile.TemporaryFile() as errfile:
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=errfile)
        assert proc.stdout is not None
        _meter_stream(proc.stdout, meter, channels)
        status = proc.wait()
        errfile.seek(0)
        err = errfile.read().decode("utf-8", "replace")
    if status != 0:
        raise InputError(path, f"ffmpeg cannot decode it: {err.strip().splitlines()[-1:]}")
    messages = tuple(line for line in err.splitlines() if line.strip())
    peak = meter.true_peak_dbtp() if true_peak else float("nan")
    return 1000.0 * meter.samples / rate, meter.integrated(), peak, messages


def _meter_stream(stream: IO[bytes], meter: LoudnessMeter, channels: int) -> None:
    frame_bytes = 4 * channels
    leftover = b""
    while block := stream.read(READ_FRAMES * frame_bytes):
        block = leftover + block
        usable = len(block) - len(block) % frame_bytes
        leftover = block[usable:]
        meter.feed(np.frombuffer(block[:usable], dtype="<f4").reshape(-1, channels))


def report_text(r: Inspection) -> str:
    minutes, seconds = divmod(r.duration_ms / 1000, 60)
    lines = [
        f"File:      {r.path}",
        f"Duration:  {int(minutes)}:{seconds:06.3f} ({r.duration_ms:.0f} ms)",
        f"Audio:     MP3 {r.bitrate_kbps} kbps, {r.sample_rate} Hz, "
        f"{'mono' if r.channels == 1 else f'{r.channels} channels'}",
    ]
    if r.integrated_lufs is not None:
        lines.append(
            f"Loudness:  {r.integrated_lufs:.1f} LUFS integrated, "
            f"{r.true_peak_dbtp:.1f} dBTP true peak (decoded: {r.decoded_ms:.0f} ms)"
        )
    lines.append(f"ID3:       v{r.id3_version}")
    for key, value in r.tags:
        if key.startswith("CHAP") or key.startswith("CTOC"):
            continue
        one_line = " ".join(value.split())
        lines.append(f"  {key}: {one_line[:200]}{'...' if len(one_line) > 200 else ''}")
    if r.chapters:
        lines.append(f"Chapters:  {len(r.chapters)}")
        for c in r.chapters:
            lines.append(f"  {c.start_ms / 1000:9.3f} - {c.end_ms / 1000:9.3f}  {c.title}")
    for m in r.decoder_messages:
        lines.append(f"Decoder:   {m}")
    return "\n".join(lines)
