"""The engine contract: every speech engine looks like this to the pipeline."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from ..errors import SynthesisError

if TYPE_CHECKING:
    from ..config import VoiceProfile
    from ..models import Audio


@dataclass(frozen=True)
class EngineVoice:
    """A voice the engine itself offers (for `voices --engine`)."""

    id: str
    name: str
    languages: tuple[str, ...] = ()
    gender: str | None = None


class SynthesisTimeout(SynthesisError):
    """The engine did not finish a segment in time (retried once in a fresh worker)."""


class EngineCrashed(SynthesisError):
    """The engine's worker process died or hung on a segment (retried once, then fatal)."""


@runtime_checkable
class Engine(Protocol):
    """A speech engine, started once per process and reused for every segment."""

    name: str
    trained: bool
    """True for neural (trained-model) voices: decides the IPTC digital source type."""
    max_chars: int
    """Longest segment the engine reads well; longer sentences are cut at clauses."""

    def version(self) -> str:
        """Engine and library version; part of the clip cache key."""
        ...

    def synthesize(self, text: str, voice: VoiceProfile, timeout_s: float = 60.0) -> Audio:
        """Speak ``text`` with ``voice``; raise ``SynthesisError`` on failure or timeout."""
        ...

    def voices(self) -> list[EngineVoice]:
        """The engine's own voices."""
        ...
