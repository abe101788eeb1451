"""Stage 7: a stream of PCM chunks -> an MP3 file, encoded by LAME in one streaming pass.

The encoder is the ffmpeg binary shipped by ``imageio-ffmpeg`` (libmp3lame), fed on stdin: no
system ffmpeg is needed, the episode is never held in memory, resampling to the output rate happens
in the same pass, and ffmpeg writes the Xing/Info header (with LAME's encoder delay and padding)
that players need to show the exact duration. One process per episode, never per segment.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from .errors import EncodeError

DEFAULT_QUALITY = 3
"""LAME's algorithm quality (0 best/slowest .. 9 worst/fastest)."""


@dataclass(frozen=True)
class Mp3Preset:
    bitrate_kbps: int = 96
    sample_rate: int = 44_100
    channels: int = 1
    quality: int = DEFAULT_QUALITY


@cache
def ffmpeg_exe() -> str:
    """Path of the ffmpeg binary shipped by imageio-ffmpeg (or IMAGEIO_FFMPEG_EXE)."""
    try:
        import imageio_ffmpeg
    except ImportError as exc:
        raise EncodeError(
            None, "imageio-ffmpeg is not installed: pip install imageio-ffmpeg"
        ) from exc
    try:
        return imageio_ffmpeg.get_ffmpeg_exe()
    except RuntimeError as exc:
        raise EncodeError(None, f"no ffmpeg binary found: {exc}") from exc


def encoder_version() -> str:
    out = subprocess.run([ffmpeg_exe(), "-version"], capture_output=True, text=True, check=False)
    first = out.stdout.splitlines()[0] if out.stdout else "ffmpeg"
    return first.split(" Copyright")[0]


@contextlib.contextmanager
def atomic_path(target: Path) -> Iterator[Path]:
    """A temp path in ``target``'s folder; renamed onto ``target`` only if the block succeeds."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=f".{target.stem[:40]}.", suffix=".part", dir=target.parent)
    os.close(fd)
    tmp = Path(name)
    try:
        yield tmp
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; outputs get the usual mode
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def encode_mp3(
    chunks: Iterable[bytes],
    *,
    in_rate: int,
    in_channels: int,
    out_path: Path,
    preset: Mp3Preset = Mp3Preset(),
    source: Path | None = None,
) -> None:
    """Encode 16-bit PCM ``chunks`` to ``out_path`` (overwritten). Raises ``EncodeError``."""
    cmd = [
        ffmpeg_exe(), "-hide_banner", "-loglevel", "error", "-y",
        "-f", "s16le", "-ar", str(in_rate), "-ac", str(in_channels), "-i", "pipe:0",
        "-ac", str(preset.channels), "-ar", str(preset.sample_rate),
        "-c:a", "libmp3lame", "-b:a", f"{preset.bitrate_kbps}k",
        "-compression_level", str(preset.quality),
        "-write_xing", "1", "-id3v2_version", "0", "-write_id3v1", "0",
        "-map_metadata", "-1", "-f", "mp3", str(out_path),
    ]  # fmt: skip
    try:
        proc = subprocess.Popen(
            cmd, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
        )
    except OSError as exc:
        raise EncodeError(source, f"cannot start the MP3 encoder: {exc}") from exc
    assert proc.stdin is not None and proc.stderr is not None
    try:
        for chunk in chunks:
            proc.stdin.write(chunk)
        proc.stdin.close()
    except BrokenPipeError:
        pass
    except BaseException:
        proc.kill()
        proc.wait()
        raise
    err = proc.stderr.read().decode("utf-8", "replace").strip()
    proc.stderr.close()
    if proc.wait() != 0:
        raise EncodeError(
            source, f"MP3 encoder failed: {err.splitlines()[-1] if err else proc.returncode}"
        )
