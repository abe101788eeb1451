from __future__ import annotations

from pathlib import Path

import pytest

from audio_article import engines

from .fakes import FakeEngine

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
SAMPLE = ROOT / "examples" / "kyiv-independent-north-korean-troops.txt"


@pytest.fixture
def sample() -> Path:
    return SAMPLE


@pytest.fixture
def fake_engine(monkeypatch: pytest.MonkeyPatch) -> FakeEngine:
    """Register a FakeEngine as "fake" and as "pyttsx3", so the default voice uses it."""
    engine = FakeEngine()
    monkeypatch.setitem(engines.ENGINES, "fake", lambda: engine)
    monkeypatch.setitem(engines.ENGINES, "pyttsx3", lambda: engine)
    monkeypatch.setattr(engines, "_started", {})
    return engine


@pytest.fixture(autouse=True)
def _isolated_cache(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Tests never read or write the user's clip cache (platformdirs honours XDG_CACHE_HOME)."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("xdg-cache")))
