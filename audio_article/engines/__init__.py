"""The engine table: name -> factory. Engines are built once per process and reused."""

from __future__ import annotations

from collections.abc import Callable

from ..errors import ConfigError, EngineUnavailable
from .base import Engine, EngineVoice


def _pyttsx3() -> Engine:
    from .pyttsx3_engine import Pyttsx3Engine

    return Pyttsx3Engine()


ENGINES: dict[str, Callable[[], Engine]] = {
    "pyttsx3": _pyttsx3,
}

_started: dict[str, Engine] = {}


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


def engine_status(name: str) -> tuple[bool, str]:
    """(usable, reason) for ``name`` without raising."""
    try:
        get_engine(name)
    except (EngineUnavailable, ConfigError) as exc:
        return False, exc.message
    return True, "ok"


__all__ = ["ENGINES", "Engine", "EngineVoice", "engine_status", "get_engine"]
