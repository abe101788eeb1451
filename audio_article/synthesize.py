"""Stage 5: segments -> clips, one engine call per segment (the engine is started once)."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from .config import VoiceProfile
from .engines import Engine
from .errors import SynthesisError
from .models import Clip, Segment


def synthesize(
    segments: Sequence[Segment],
    engine: Engine,
    voice: VoiceProfile,
    *,
    path: Path | None = None,
    timeout_s: float = 60.0,
    progress: Callable[[int, int], None] | None = None,
) -> Iterator[Clip]:
    """Yield one clip per segment, in order. A failure is a ``SynthesisError`` for ``path``."""
    total = len(segments)
    for n, segment in enumerate(segments, 1):
        try:
            audio = engine.synthesize(segment.spoken, voice, timeout_s)
        except SynthesisError as exc:
            raise SynthesisError(path, f"segment {segment.index + 1}: {exc.message}") from exc
        except Exception as exc:  # an engine bug must fail this file only, with its reason
            raise SynthesisError(
                path, f"segment {segment.index + 1}: {engine.name} failed: {exc}"
            ) from exc
        if audio.frame_count == 0:
            raise SynthesisError(
                path, f"segment {segment.index + 1}: {engine.name} produced no audio"
            )
        if progress:
            progress(n, total)
        yield Clip(segment=segment, audio=audio)
