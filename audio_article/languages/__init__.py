"""Languages other than English: sentence splitting, spoken forms and intro texts per language.

``for_language("de")`` is the ``Language`` for an article's language (a BCP 47 tag or an ISO code),
or None where there is none (English has its own stages, ``segment`` and ``normalize``). One module
per language; their data in ``audio_article/data/languages/<code>.toml``.
"""

from __future__ import annotations

import functools
import importlib

from .base import Language, Rule

__all__ = ["LANGUAGES", "Language", "Rule", "base_code", "disclosure_for", "for_language"]

LANGUAGES = {"de": "German", "fr": "French", "es": "Spanish", "uk": "Ukrainian"}
"""Code -> the class in ``audio_article/languages/<code>.py``."""


def base_code(language: str | None) -> str:
    """ "de-AT", "de_DE", "DE" -> "de"."""
    return (language or "").replace("_", "-").split("-")[0].lower()


@functools.cache
def _load(code: str) -> Language:
    module = importlib.import_module(f"{__name__}.{code}")
    return getattr(module, LANGUAGES[code])()


def for_language(language: str | None) -> Language | None:
    """The language's rules, or None when there are none for it."""
    code = base_code(language)
    return _load(code) if code in LANGUAGES else None


def disclosure_for(language: str | None, configured: str) -> str:
    """The AI disclosure to say and tag: the configured one, or the language's own wording when
    the configured one is the English default."""
    from ..config import DISCLOSURE

    native = for_language(language)
    return native.disclosure if native is not None and configured == DISCLOSURE else configured
