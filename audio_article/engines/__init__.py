"""The engine table: name -> factory. Engines are built once per process and reused.

- ``pyttsx3``: the system voice (eSpeak NG on Linux, via ``espeakng-loader`` when there is no
  system library; SAPI5 on Windows; NSSpeechSynthesizer/AVSpeech on macOS).
- ``piper``: neural voices, offline (``pip install "audio-article[piper]"``).

The pipeline asks for ``engine_for(voice)``: the running engine wrapped so that a segment that
hangs or crashes it is retried once in a fresh worker process (``resilient.py``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from ..errors import ConfigError, EngineUnavailable
from .base import Engine, EngineCrashed, EngineVoice, SynthesisTimeout

if TYPE_CHECKING:
    from ..config import VoiceProfile
    from .resilient import ResilientEngine


def _pyttsx3() -> Engine:
    from .pyttsx3_engine import Pyttsx3Engine

    return Pyttsx3Engine()


def _piper() -> Engine:
    from .piper_engine import PiperEngine

    return PiperEngine()


ENGINES: dict[str, Callable[[], Engine]] = {
    "pyttsx3": _pyttsx3,
    "piper": _piper,
}
"""Engine name -> factory. Factories are module-level functions so a worker process can get them."""

_started: dict[str, Engine] = {}
_resilient: dict[str, ResilientEngine] = {}


def get_engine(name: str) -> Engine:
    """The running engine called ``name``, started on first use (once per process)."""
    if name in _started:
        return _started[name]
    factory = ENGINES.get(name)
    if factory is None:
        raise ConfigError(
            None, f"unknown engine {name!r} (choose from {', '.join(sorted(ENGINES))})"
        )
    engine = factory()
    _started[name] = engine
    return engine


def engine_for(voice: VoiceProfile) -> Engine:
    """The engine for ``voice``, checked, with failed segments retried in a fresh worker."""
    from .resilient import ResilientEngine

    inner = get_engine(voice.engine)
    wrapped = _resilient.get(voice.engine)
    if wrapped is None or wrapped.inner is not inner:
        wrapped = ResilientEngine(inner, ENGINES[voice.engine])
        _resilient[voice.engine] = wrapped
    wrapped.check(voice)
    return wrapped


def engine_status(name: str) -> tuple[bool, str]:
    """(usable, reason) for ``name`` without raising."""
    try:
        get_engine(name)
    except (EngineUnavailable, ConfigError) as exc:
        return False, exc.message
    return True, "ok"


def profile_status(voice: VoiceProfile) -> tuple[bool, str]:
    """(usable, reason) for a profile: its engine starts and has the voice it names."""
    try:
        engine = get_engine(voice.engine)
        check = getattr(engine, "check", None)
        if check is not None:
            check(voice)
    except (EngineUnavailable, ConfigError) as exc:
        where = f"{exc.path}: " if exc.path and exc.path != str(voice.path) else ""
        return False, where + exc.message
    return True, "ok"


__all__ = [
    "ENGINES",
    "Engine",
    "EngineCrashed",
    "EngineVoice",
    "SynthesisTimeout",
    "engine_for",
    "engine_status",
    "get_engine",
    "profile_status",
]
