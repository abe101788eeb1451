"""Output file names: the title's slug, length-capped, always inside the output folder."""

from __future__ import annotations

from pathlib import Path

MAX_SLUG = 80


def slug(title: str, fallback: str = "article") -> str:
    from slugify import slugify

    s = slugify(title, max_length=MAX_SLUG, word_boundary=True, save_order=True)
    return s or slugify(fallback, max_length=MAX_SLUG) or "article"


def output_path(
    title: str, output_dir: Path, *, source: Path | None = None, suffix: str = ".mp3"
) -> Path:
    """``output_dir/<slug>.mp3``; the slug has no separators, so it cannot escape the folder."""
    name = slug(title, fallback=source.stem if source else "article")
    return Path(output_dir) / f"{name}{suffix}"
