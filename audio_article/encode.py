"""Stage 7: a stream of PCM chunks -> an MP3 file, encoded by LAME in this process.

LAME is linked into the process by ``lameenc`` (a PyPI wheel), so no encoder process runs beside
the worker (the ffmpeg subprocess it replaces took ~31 MB per worker, issue 16). Clips are
resampled to the output rate by ``soxr`` (streaming, in blocks) and mono is upmixed by copying the
channel; the episode is never held in memory.

lameenc hands out the MP3 frames only: the Info frame that players need for the exact duration
(frame count, byte count, seek table, and in its LAME tag the encoder delay and padding) is
written here, in the space kept for it at the start of the file, once the last frame is out
(``_info_frame``). Readers that honour the LAME tag (mutagen, ffmpeg, most players) then give the
exact number of samples that went in.

The ffmpeg binary shipped by ``imageio-ffmpeg`` is still what decodes other formats: intro and
outro music files (``intro.load_music``) and ``inspect`` (``ffmpeg_exe``).
"""

from __future__ import annotations

import contextlib
import errno
import os
import queue
import tempfile
import threading
from array import array
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import IO, Any

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
    """Path of the ffmpeg binary shipped by imageio-ffmpeg (or IMAGEIO_FFMPEG_EXE): the decoder of
    intro/outro music and of ``inspect``, not the encoder."""
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


LAME_VERSION = "4.0"
"""The LAME that lameenc's wheels link (built from LAME's 4.0 sources; it does not say it at run
time). Written in the LAME tag ("LAME4.0") and the encoder line of the tags and sidecars."""


@cache
def encoder_version() -> str:
    """The encoder and its binding, e.g. "LAME 4.0 (lameenc 1.9.0)" (read once per process)."""
    try:
        import lameenc  # noqa: F401
    except ImportError as exc:
        raise EncodeError(None, "lameenc is not installed: pip install lameenc") from exc
    from importlib.metadata import version

    return f"LAME {LAME_VERSION} (lameenc {version('lameenc')})"


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


def encode_mp3(
    chunks: Iterable[bytes],
    *,
    in_rate: int,
    in_channels: int,
    out_path: Path,
    preset: Mp3Preset = Mp3Preset(),
    source: Path | None = None,
) -> None:
    """Encode 16-bit PCM ``chunks`` to ``out_path`` (overwritten). Raises ``EncodeError``; an
    ``OSError`` writing the file is raised as it is (``atomic_path`` names the target)."""
    try:
        encoder = _Encoder(in_rate, in_channels, preset)
    except (ImportError, RuntimeError) as exc:
        raise EncodeError(source, f"cannot start the MP3 encoder: {exc}") from exc
    with open(out_path, "w+b") as out:
        _feed(chunks, encoder, out)
        encoder.finish(out)


class _Encoder:
    """Resampler + LAME + the bookkeeping for the Info frame, fed one chunk at a time."""

    def __init__(self, in_rate: int, in_channels: int, preset: Mp3Preset) -> None:
        import lameenc
        import numpy as np
        import soxr

        self.np = np
        self.in_channels = in_channels
        self.preset = preset
        self.lame = lameenc.Encoder()
        self.lame.set_bit_rate(preset.bitrate_kbps)
        self.lame.set_in_sample_rate(preset.sample_rate)  # resampled here: LAME does not resample
        self.lame.set_out_sample_rate(preset.sample_rate)
        self.lame.set_channels(preset.channels)
        self.lame.set_quality(preset.quality)
        self.lame.silence()
        self.resampler = (
            soxr.ResampleStream(in_rate, preset.sample_rate, in_channels, dtype="int16")
            if in_rate != preset.sample_rate
            else None
        )
        self.samples = 0  # per channel, at the output rate: what went into LAME
        self.head = bytearray()  # LAME's output until the first frame header is complete
        self.info_size = 0  # the Info frame's length, kept free at the start of the file

    def feed(self, chunk: bytes, out: IO[bytes], last: bool = False) -> None:
        np = self.np
        pcm: Any = np.frombuffer(chunk, dtype="<i2")
        if self.in_channels > 1:
            pcm = pcm.reshape(-1, self.in_channels)
        if self.resampler is not None:
            pcm = self.resampler.resample_chunk(pcm, last=last)
        if pcm.ndim == 1 and self.preset.channels == 2:
            pcm = np.repeat(pcm, 2)  # mono -> both sides at full level (no -3 dB pan)
        elif pcm.ndim == 2 and self.preset.channels == 1:
            pcm = pcm.mean(axis=1).astype("<i2")
        data = pcm.tobytes()
        if not data:
            return
        self.samples += len(data) // (2 * self.preset.channels)
        self._write(self.lame.encode(data), out)

    def _write(self, data: bytes | bytearray, out: IO[bytes]) -> None:
        if self.info_size:
            out.write(data)
            return
        self.head += data
        if len(self.head) >= 4:
            self.info_size = _info_size(self.head[:4])
            out.write(bytes(self.info_size))  # filled in by ``finish``
            out.write(self.head)
            self.head = bytearray()

    def finish(self, out: IO[bytes]) -> None:
        if self.resampler is not None:
            self.feed(b"", out, last=True)
        self._write(self.lame.flush(), out)
        if not self.info_size:
            raise OSError(errno.EIO, "the encoder produced no MP3 frames")
        out.flush()
        frame = _info_frame(out, self.info_size, self.samples)
        out.seek(0)
        out.write(frame)


WRITE_AHEAD = 16
"""Chunks (clips, pauses) the producer may be ahead of the encoder: about 3 MB at most. It was 64,
which cost a worker 10 MB more at its peak (10,000 words, issue 16); a chunk is a clip or up to
1.5 s of pause, which the encoder drains in milliseconds."""


def _feed(chunks: Iterable[bytes], encoder: _Encoder, out: IO[bytes]) -> None:
    """Encode ``chunks`` in a second thread, so that making the next chunk (mastering, in numpy)
    overlaps with LAME's work (both release the GIL). Re-raises the encoder's error here."""
    pending: queue.Queue[bytes | None] = queue.Queue(WRITE_AHEAD)
    failed: list[BaseException] = []

    def encode() -> None:
        try:
            while (chunk := pending.get()) is not None:
                encoder.feed(chunk, out)
        except BaseException as exc:  # handed to the producer's thread
            failed.append(exc)
            while pending.get() is not None:  # let the producer finish putting
                pass

    worker = threading.Thread(target=encode, name="mp3-encoder", daemon=True)
    worker.start()
    try:
        for chunk in chunks:
            if failed:
                break
            pending.put(chunk)
    finally:
        pending.put(None)
        worker.join()
    if failed:
        raise failed[0]


_BITRATES = {
    1: (0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320),  # MPEG-1 layer III
    2: (0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160),  # MPEG-2 and 2.5
}
_RATES = {3: (44_100, 48_000, 32_000), 2: (22_050, 24_000, 16_000), 0: (11_025, 12_000, 8_000)}
LAME_DELAY = 576
"""LAME's encoder delay in samples (the decoder adds its own 529, which readers know)."""
_LAME_NAME = b"LAME" + LAME_VERSION.encode()


@dataclass(frozen=True)
class _Header:
    """An MPEG audio layer III frame header (the 4 bytes every frame starts with)."""

    raw: int

    @property
    def version(self) -> int:  # 3 MPEG-1, 2 MPEG-2, 0 MPEG-2.5
        return (self.raw >> 19) & 3

    @property
    def bitrate_index(self) -> int:
        return (self.raw >> 12) & 15

    @property
    def rate(self) -> int:
        return _RATES[self.version][(self.raw >> 10) & 3]

    @property
    def mono(self) -> bool:
        return (self.raw >> 6) & 3 == 3

    @property
    def samples(self) -> int:
        return 1152 if self.version == 3 else 576

    @property
    def size(self) -> int:
        table = _BITRATES[1 if self.version == 3 else 2]
        kbps = table[self.bitrate_index]
        return (self.samples // 8) * kbps * 1000 // self.rate + ((self.raw >> 9) & 1)

    @property
    def side_info(self) -> int:
        if self.version == 3:
            return 17 if self.mono else 32
        return 9 if self.mono else 17

    def with_bitrate(self, index: int) -> _Header:
        """This header at another bitrate, without the padding slot."""
        return _Header((self.raw & ~(15 << 12) & ~(1 << 9)) | (index << 12))

    @classmethod
    def read(cls, data: bytes | bytearray) -> _Header:
        raw = int.from_bytes(data[:4], "big")
        header = cls(raw)
        if raw >> 21 != 0x7FF or (raw >> 17) & 3 != 1 or header.bitrate_index in (0, 15):
            raise OSError(errno.EIO, "the encoder wrote a frame that is not MP3 layer III")
        return header


_XING_SIZE = 4 + 4 + 4 + 4 + 100 + 4  # "Info", flags, frames, bytes, seek table, quality
_LAME_TAG_SIZE = 36
_CRC_SPAN = 190
"""The LAME tag's CRC covers the first 190 bytes of the Info frame, the CRC field zeroed."""


def _info_header(first: _Header) -> _Header:
    """The Info frame's header: the first audio frame's (same version, rate and channel mode), at
    the lowest bitrate whose frame holds the Info and LAME tags (as LAME does at low bitrates)."""
    need = 4 + first.side_info + _XING_SIZE + _LAME_TAG_SIZE
    for index in range(first.bitrate_index, 15):
        header = first.with_bitrate(index)
        if header.size >= need:
            return header
    raise OSError(errno.EIO, "no MP3 bitrate holds the Info frame")


def _info_size(first: bytes | bytearray) -> int:
    return _info_header(_Header.read(first)).size


def _info_frame(f: IO[bytes], info_size: int, samples: int) -> bytes:
    """The Info frame (Xing header + LAME tag) for the frames after ``info_size`` bytes of ``f``,
    which hold ``samples`` samples per channel (after LAME's delay, before its padding)."""
    total = os.fstat(f.fileno()).st_size
    offsets = array("q")  # where each audio frame starts (8 bytes a frame: 0.7 MB an hour)
    first: _Header | None = None
    at = info_size
    block, block_at = b"", 0
    while at < total:
        if at + 4 > block_at + len(block):
            f.seek(at)
            block, block_at = f.read(1 << 16), at
        header = _Header.read(block[at - block_at : at - block_at + 4])
        first = first or header
        offsets.append(at)
        at += header.size
    assert first is not None
    frames = len(offsets)
    padding = frames * first.samples - LAME_DELAY - samples
    if not 0 <= padding < 1 << 12:
        raise OSError(errno.EIO, f"the encoder's padding is out of range ({padding} samples)")
    header = _info_header(first)
    toc = bytes(min(255, 256 * offsets[i * frames // 100] // total) for i in range(100))
    tag = bytearray(_LAME_TAG_SIZE)
    tag[0:9] = _LAME_NAME.ljust(9, b"\0")
    tag[9] = 1  # tag revision 0, VBR method 1: constant bitrate
    tag[20] = min(255, _BITRATES[1 if first.version == 3 else 2][first.bitrate_index])
    tag[21:24] = ((LAME_DELAY << 12) | padding).to_bytes(3, "big")
    tag[28:32] = total.to_bytes(4, "big")  # bytes of MP3 data, the Info frame included
    # tag[32:34], the CRC of the audio data, is left 0: no reader checks it
    frame = bytearray(header.size)
    frame[0:4] = header.raw.to_bytes(4, "big")
    at = 4 + first.side_info
    frame[at : at + _XING_SIZE] = (
        b"Info"
        + (0x0F).to_bytes(4, "big")  # frames, bytes, seek table and quality present
        + frames.to_bytes(4, "big")
        + total.to_bytes(4, "big")
        + toc
        + bytes(4)  # quality indicator: not stated (as ffmpeg writes it)
    )
    tag_at = at + _XING_SIZE
    frame[tag_at : tag_at + _LAME_TAG_SIZE] = tag
    crc = _crc16(bytes(frame[:_CRC_SPAN]))  # the CRC field itself still 0
    frame[tag_at + _LAME_TAG_SIZE - 2 : tag_at + _LAME_TAG_SIZE] = crc.to_bytes(2, "big")
    return bytes(frame)


def _crc16(data: bytes) -> int:
    """CRC-16/ARC, the checksum of the LAME tag (a few hundred bytes: a plain loop will do)."""
    crc = 0
    for byte in data:
        crc ^= byte
        for _ in range(8):
            crc = (crc >> 1) ^ 0xA001 if crc & 1 else crc >> 1
    return crc
