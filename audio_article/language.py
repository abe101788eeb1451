"""Which language an article is in: what its page says, else what its text looks like.

Detection uses ``py3langid`` (a maintained fork of langid.py by trafilatura's author: 4.5 MB,
numpy only, deterministic, ~0.8 s to load its model once, then well under a millisecond per
article). Heavier detectors (lingua: accurate on short texts but a far larger wheel; fastText
models) buy nothing here, where there are paragraphs of text to go on.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from .models import Article

MIN_CONFIDENCE = 0.80
"""Below this (normalized probability), the text is not trusted to say its language."""
SAMPLE_CHARS = 4000
"""Enough text to be sure; more only costs time."""


@cache
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of ``text``'s language, or None when the text is too short to tell."""
    sample = text[:SAMPLE_CHARS]
    if sum(ch.isalpha() for ch in sample) < 20:
        return None
    code, confidence = _identifier().classify(sample)
    return str(code) if confidence >= MIN_CONFIDENCE else None


def article_language(article: Article) -> str | None:
    """The article's language: its metadata's, else detected from its title and body."""
    declared = (article.metadata.language or "").strip()
    if declared:
        return declared.replace("_", "-").split("-")[0].lower()
    return detect_language("\n".join((article.title, *article.blocks)))
