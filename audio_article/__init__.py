"""audio-article: turn news articles into podcast-ready MP3s.

Public API: ``convert_file``, ``Options``, and the models passed between stages.
Heavy modules are imported lazily so that ``audio-article --help`` stays fast.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from .batch import convert_directory
    from .config import Options, VoiceProfile
    from .models import Article, Episode, Metadata, Section, Segment, Source
    from .pipeline import convert_file

_LAZY = {
    "convert_file": "pipeline",
    "convert_directory": "batch",
    "prepare_script": "pipeline",
    "write_script": "pipeline",
    "Options": "config",
    "VoiceProfile": "config",
    "Article": "models",
    "Episode": "models",
    "Metadata": "models",
    "Section": "models",
    "Segment": "models",
    "Source": "models",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(f".{_LAZY[name]}", __name__), name)
    raise AttributeError(name)


__all__ = [*_LAZY, "__version__"]
