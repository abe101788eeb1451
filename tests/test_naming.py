"""Output names: slugs that cannot escape the folder, capped, unique on collisions."""

from __future__ import annotations

from pathlib import Path

import pytest

from audio_article.naming import MAX_SLUG, inside, output_path, slug, unique_stem


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("North Korean troops: what we know", "north-korean-troops-what-we-know"),
        ("Café owners’ 2025 plans", "cafe-owners-2025-plans"),
        ("../../etc/passwd", "etc-passwd"),
        ("C:\\Windows\\system32", "c-windows-system32"),
        ('a/b\\c:d*e?f"g<h>i|j', "a-b-c-d-e-f-g-h-i-j"),
        ("CON", "con-article"),
        ("   ", "fallback-name"),
        ("🙂🙂", "fallback-name"),
    ],
)
def test_slug(title: str, expected: str) -> None:
    assert slug(title, fallback="Fallback name") == expected


def test_slug_is_capped_at_a_word_boundary() -> None:
    s = slug("word " * 100)
    assert len(s) <= MAX_SLUG and s.startswith("word-word") and not s.endswith("-")


def test_unique_stem_counts_up_and_stays_capped() -> None:
    assert unique_stem("story", set()) == "story"
    assert unique_stem("story", {"story"}) == "story-2"
    assert unique_stem("story", {"story", "story-2", "story-3"}) == "story-4"
    long = "x" * MAX_SLUG
    stem = unique_stem(long, {long})
    assert stem.endswith("-2") and len(stem) == MAX_SLUG


def test_output_path_never_leaves_the_folder(tmp_path: Path) -> None:
    for title in ("../../escape", "/abs/path", "..", ".", "~root", "a" * 500):
        p = output_path(title, tmp_path, source=Path("in.txt"))
        assert inside(p, tmp_path) and p.parent == tmp_path and p.suffix == ".mp3"
        assert not p.name.startswith(".")
    assert not inside(tmp_path / ".." / "x.mp3", tmp_path)
