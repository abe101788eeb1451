"""Stage 5: segments -> clips, one engine call per segment (the engine is started once).

With a ``ClipCache``, a segment whose spoken text was already synthesized by the same engine
version and voice settings is read back instead: an edited article re-synthesizes only the
segments that changed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from .cache import ClipCache, clip_key
from .config import VoiceProfile
from .engines import Engine
from .errors import SynthesisError
from .models import Audio, Clip, Segment


def synthesize(
    segments: Sequence[Segment],
    engine: Engine,
    voice: VoiceProfile,
    *,
    path: Path | None = None,
    timeout_s: float = 60.0,
    progress: Callable[[int, int], None] | None = None,
    cache: ClipCache | None = None,
) -> Iterator[Clip]:
    """Yield one clip per segment, in order. A failure is a ``SynthesisError`` for ``path``."""
    total = len(segments)
    version = engine.version() if cache is not None else ""
    for n, segment in enumerate(segments, 1):
        key = clip_key(engine.name, version, voice, segment.spoken) if cache is not None else ""
        audio = cache.get(key) if cache is not None else None
        if audio is None:
            audio = _speak(segment, engine, voice, path, timeout_s)
            if cache is not None:
                cache.put(key, audio)
        if progress:
            progress(n, total)
        yield Clip(segment=segment, audio=audio)


def _speak(
    segment: Segment, engine: Engine, voice: VoiceProfile, path: Path | None, timeout_s: float
) -> Audio:
    try:
        audio = engine.synthesize(segment.spoken, voice, timeout_s)
    except SynthesisError as exc:
        raise SynthesisError(path, f"segment {segment.index + 1}: {exc.message}") from exc
    except Exception as exc:  # an engine bug must fail this file only, with its reason
        raise SynthesisError(
            path, f"segment {segment.index + 1}: {engine.name} failed: {exc}"
        ) from exc
    if audio.frame_count == 0:
        raise SynthesisError(path, f"segment {segment.index + 1}: {engine.name} produced no audio")
    return audio


class SpooledAudio(Audio):
    """Audio whose samples wait in a spool file and are read back only when ``frames`` is used.

    An hour of speech is about 160-320 MB of samples; held as bytes it would set the peak memory.
    Spooled, a conversion holds one clip at a time whatever the article's length.
    """

    def __init__(
        self, spool: Spool, offset: int, nbytes: int, rate: int, width: int, channels: int
    ):
        for name, value in (
            ("rate", rate), ("width", width), ("channels", channels),
            ("_spool", spool), ("_offset", offset), ("_nbytes", nbytes),
        ):  # fmt: skip
            object.__setattr__(self, name, value)  # a frozen dataclass underneath

    @property
    def frames(self) -> bytes:  # type: ignore[override]
        return self._spool.read(self._offset, self._nbytes)

    @property
    def frame_count(self) -> int:
        return self._nbytes // (self.width * self.channels)

    def __repr__(self) -> str:
        return f"SpooledAudio({self.frame_count} frames at {self.rate} Hz)"


class Spool:
    """An anonymous temp file (gone when closed, or if the process dies) holding clip samples.

    ``on_read`` is called each time a clip is read back (a sign of life while encoding).
    """

    def __init__(self, on_read: Callable[[], None] | None = None) -> None:
        import tempfile

        self.on_read = on_read
        # lives as long as its clips, not a block: closed by close() or when collected
        self._file = tempfile.TemporaryFile(prefix="audio-article-")  # noqa: SIM115
        self._size = 0

    def add(self, clip: Clip) -> Clip:
        """Write ``clip``'s samples to the spool; the returned clip reads them back on demand."""
        a = clip.audio
        self._file.write(a.frames)
        spooled = SpooledAudio(self, self._size, len(a.frames), a.rate, a.width, a.channels)
        self._size += len(a.frames)
        return Clip(segment=clip.segment, audio=spooled)

    def read(self, offset: int, nbytes: int) -> bytes:
        import os

        self._file.flush()
        if self.on_read:
            self.on_read()
        return os.pread(self._file.fileno(), nbytes, offset)

    def close(self) -> None:
        self._file.close()
