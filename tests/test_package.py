"""The wheel holds what a real install needs: voice profiles, lexicons and rule tables."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "audio_article"


def test_profiles_and_lexicons_are_found_inside_the_package() -> None:
    from audio_article.config import PROJECT_VOICES, find_profiles
    from audio_article.lexicon import voices_dir

    assert PROJECT_VOICES.parent == PACKAGE and voices_dir() == PROJECT_VOICES
    names = {p.stem for p in find_profiles()}
    assert {"default", "de", "fr", "es", "uk", "joe"} <= names
    assert (PROJECT_VOICES / "lexicon" / "en.toml").is_file()


@pytest.mark.integration
def test_the_wheel_holds_every_data_file(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps",
         "--wheel-dir", str(tmp_path), str(ROOT)],
        check=True, capture_output=True,
    )  # fmt: skip
    (wheel,) = tmp_path.glob("audio_article-*.whl")
    inside = set(zipfile.ZipFile(wheel).namelist())
    data = [p for d in ("voices", "data") for p in (PACKAGE / d).rglob("*") if p.is_file()]
    assert data
    missing = [str(p.relative_to(ROOT)) for p in data if str(p.relative_to(ROOT)) not in inside]
    assert not missing
