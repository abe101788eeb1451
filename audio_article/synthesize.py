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
