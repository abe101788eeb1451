"""Stage 7: a stream of PCM chunks -> an MP3 file, encoded by LAME in one streaming pass.

The encoder is the ffmpeg binary shipped by ``imageio-ffmpeg`` (libmp3lame), fed on stdin: no
system ffmpeg is needed, the episode is never held in memory, resampling to the output rate happens
in the same pass, and ffmpeg writes the Xing/Info header (with LAME's encoder delay and padding)
that players need to show the exact duration. One process per episode, never per segment.

ffmpeg fills LAME's tag in the Info frame (encoder delay, padding, CRC) but signs it with its own
name ("Lavc..."), and readers that look for a LAME tag only after the word "LAME" (mutagen, and
with it many tag editors and players) then ignore the delay and padding and report 1,000-2,500
samples too many, more than one MP3 frame. ``sign_lame_tag`` writes the name of the encoder that
actually made the frames (libmp3lame) and the tag's CRC, so they read the exact length.
"""

from __future__ import annotations

import contextlib
import errno
import os
import queue
import subprocess
import tempfile
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import IO

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


@cache
def encoder_version() -> str:
    """ffmpeg's version line (asked once per process: it is a subprocess)."""
    out = subprocess.run([ffmpeg_exe(), "-version"], capture_output=True, text=True, check=False)
    first = out.stdout.splitlines()[0] if out.stdout else "ffmpeg"
    return first.split(" Copyright")[0]


@contextlib.contextmanager
def atomic_path(target: Path, source: Path | None = None) -> Iterator[Path]:
    """A temp path in ``target``'s folder; renamed onto ``target`` only if the block succeeds.

    Any ``OSError`` (making the folder or the temp file, writing it in the block, renaming it)
    becomes an ``EncodeError`` for ``source`` (the input being converted) naming ``target``, the
    file the user asked for, not the temp file.
    """
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(
            prefix=f".{target.stem[:40]}.", suffix=".part", dir=target.parent
        )
        os.close(fd)
    except OSError as exc:
        raise EncodeError(source, f"cannot write {target}: {_reason(exc)}") from exc
    tmp = Path(name)
    try:
        yield tmp
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; outputs get the usual mode
        os.replace(tmp, target)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        if isinstance(exc, OSError):
            raise EncodeError(source, f"cannot write {target}: {_reason(exc)}") from exc
        raise


def atomic_write_text(target: Path, text: str, source: Path | None = None) -> None:
    """Write ``text`` (UTF-8, \\n line ends) to ``target`` through ``atomic_path``."""
    with atomic_path(target, source) as tmp:
        tmp.write_text(text, encoding="utf-8", newline="\n")


def _reason(exc: OSError) -> str:
    """The error without the file name Python puts in it (it would be the temp file's)."""
    from .errors import reason

    return reason(exc)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _upmix(in_channels: int, out_channels: int) -> list[str]:
    """Mono to stereo as two copies of the channel. ffmpeg's default rematrix would treat mono as
    a centre channel and lower each side by 3 dB, missing the loudness target by 3 LU."""
    if in_channels == 1 and out_channels == 2:
        return ["-af", "pan=stereo|c0=c0|c1=c0"]
    return []


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
        *_upmix(in_channels, preset.channels),
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
        _feed(chunks, proc.stdin)
    except BrokenPipeError:
        pass
    except BaseException:
        proc.kill()
        proc.wait()
        raise
    err = proc.stderr.read().decode("utf-8", "replace").strip()
    proc.stderr.close()
    if proc.wait() != 0:
        _raise_os_error(err)
        raise EncodeError(
            source, f"MP3 encoder failed: {err.splitlines()[-1] if err else proc.returncode}"
        )
    sign_lame_tag(out_path)


WRITE_AHEAD = 16
"""Chunks (clips, pauses) the producer may be ahead of the encoder: about 3 MB at most. It was 64,
which cost a worker 10 MB more at its peak (10,000 words, issue 16); a chunk is a clip or up to
1.5 s of pause, which the encoder drains in milliseconds."""


def _feed(chunks: Iterable[bytes], stdin: IO[bytes]) -> None:
    """Write ``chunks`` to the encoder from a second thread, so that making the next chunk
    (mastering, in numpy, which releases the GIL) overlaps with the encoder's work.

    Written from the same thread, the two would take turns: the 64 KB pipe holds 1.5 s of
    22 kHz audio, which LAME encodes in a few milliseconds, then waits while the next clip is
    made. Closes ``stdin``; re-raises the writer's error (e.g. BrokenPipeError) here.
    """
    pending: queue.Queue[bytes | None] = queue.Queue(WRITE_AHEAD)
    failed: list[BaseException] = []

    def write() -> None:
        try:
            while (chunk := pending.get()) is not None:
                if not failed:
                    stdin.write(chunk)
        except BaseException as exc:  # handed to the producer's thread
            failed.append(exc)
            while pending.get() is not None:  # let the producer finish putting
                pass
        finally:
            with contextlib.suppress(OSError):
                stdin.close()

    writer = threading.Thread(target=write, name="mp3-encoder-feed", daemon=True)
    writer.start()
    try:
        for chunk in chunks:
            if failed:
                break
            pending.put(chunk)
    finally:
        pending.put(None)
        writer.join()
    if failed:
        raise failed[0]


_WRITE_ERRNOS = (errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EROFS, errno.EACCES, errno.EIO)


def _raise_os_error(stderr: str) -> None:
    """The encoder could not write its output (ffmpeg prints the system's message, e.g. "No
    space left on device"): raise it as that ``OSError``, which ``atomic_path`` reports with the
    file the user asked for instead of ffmpeg's line about a temp file."""
    for code in _WRITE_ERRNOS:
        if os.strerror(code) in stderr:
            raise OSError(code, os.strerror(code))


LAME_NAME = b"LAME3.100"
"""libmp3lame's version in imageio-ffmpeg's builds (3.100 is LAME's latest release)."""
_TAG_OFFSET = 120
"""From "Info"/"Xing" to the LAME tag: id, flags, frames, bytes, TOC (100), quality."""
_CRC_SPAN = 190
"""The LAME tag's CRC covers the first 190 bytes of the Info frame (the CRC field zeroed)."""


def _crc16(data: bytes) -> int:
    """CRC-16/ARC, the checksum of the LAME tag (a few hundred bytes: a plain loop will do)."""
    crc = 0
    for byte in data:
        crc ^= byte
        for _ in range(8):
            crc = (crc >> 1) ^ 0xA001 if crc & 1 else crc >> 1
    return crc


def sign_lame_tag(path: Path) -> bool:
    """Rename ffmpeg's LAME tag to "LAME..." in place; True if the file was changed.

    Only a tag whose CRC checks out (so the layout is the one expected) is touched.
    """
    with open(path, "r+b") as f:
        head = bytearray(f.read(4096))
        for marker in (b"Info", b"Xing"):
            at = head.find(marker, 0, 64)
            if at >= 0:
                break
        else:
            return False
        tag = at + _TAG_OFFSET
        crc_at = tag + 34
        if crc_at + 2 > len(head) or head[tag : tag + 4] not in (b"Lavc", b"Lavf"):
            return False
        stored = int.from_bytes(head[crc_at : crc_at + 2], "big")
        frame = bytearray(head[: max(_CRC_SPAN, crc_at + 2)])
        frame[crc_at : crc_at + 2] = b"\0\0"
        if _crc16(frame[:_CRC_SPAN]) != stored:
            return False
        frame[tag : tag + 9] = LAME_NAME
        crc = _crc16(frame[:_CRC_SPAN])
        f.seek(tag)
        f.write(LAME_NAME)
        f.seek(crc_at)
        f.write(crc.to_bytes(2, "big"))
    return True
