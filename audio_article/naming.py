"""Output file names: the title's slug, length-capped, unique, always inside the output folder."""

from __future__ import annotations

from collections.abc import Container
from pathlib import Path

MAX_SLUG = 80
"""Longest name stem, suffixes for uniqueness included (well under any filesystem's limit)."""
_RESERVED = frozenset(
    ["con", "prn", "aux", "nul"] + [f"{p}{n}" for p in ("com", "lpt") for n in range(1, 10)]
)
"""Names Windows will not create, whatever the extension."""


def slug(title: str, fallback: str = "article") -> str:
    """ASCII, lowercase, hyphens only: no separators, no dots, nothing a path could escape with."""
    from slugify import slugify

    s = slugify(title, max_length=MAX_SLUG, word_boundary=True, save_order=True)
    s = s or slugify(fallback, max_length=MAX_SLUG) or "article"
    return f"{s}-article" if s in _RESERVED else s


def unique_stem(base: str, taken: Container[str]) -> str:
    """``base``, else ``base-2``, ``base-3``…, each at most ``MAX_SLUG`` long; not in ``taken``."""
    if base not in taken:
        return base
    n = 2
    while True:
        tail = f"-{n}"
        stem = base[: MAX_SLUG - len(tail)].rstrip("-") + tail
        if stem not in taken:
            return stem
        n += 1


def output_path(
    title: str,
    output_dir: Path,
    *,
    source: Path | None = None,
    suffix: str = ".mp3",
    taken: Container[str] = (),
) -> Path:
    """``output_dir/<slug>.mp3``, made unique against the stems in ``taken``."""
    base = slug(title, fallback=source.stem if source else "article")
    return Path(output_dir) / f"{unique_stem(base, taken)}{suffix}"


def inside(path: Path, folder: Path) -> bool:
    """True if ``path`` resolves to somewhere inside ``folder`` (guards every output path)."""
    return Path(path).resolve().is_relative_to(Path(folder).resolve())
