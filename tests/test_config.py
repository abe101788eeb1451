from __future__ import annotations

from pathlib import Path

import pytest

from audio_article.config import PROJECT_VOICES, load_profile, resolve_voice
from audio_article.errors import ConfigError


def test_default_profile_loads() -> None:
    v = resolve_voice(None)
    assert v.name == "default"
    assert v.engine == "pyttsx3"
    assert v.path == PROJECT_VOICES / "default.toml"
    assert v.pauses.paragraph > v.pauses.sentence > v.pauses.clause


def test_unknown_voice_lists_choices() -> None:
    with pytest.raises(ConfigError, match="unknown voice.*default"):
        resolve_voice("no-such-voice")


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("rate = 'fast'", "key 'rate' must be a number"),
        ("colour = 1", "unknown key 'colour'"),
        ("[pauses]\nsentence = -5", "pauses.sentence"),
        ("[pauses]\nbreath = 5", "unknown key 'pauses.breath'"),
        ("rate = 170\nrate = 180", "invalid TOML"),
        ("pitch = 300", "key 'pitch'"),
    ],
)
def test_profile_errors_name_file_and_key(tmp_path: Path, body: str, message: str) -> None:
    p = tmp_path / "bad.toml"
    p.write_text(body)
    with pytest.raises(ConfigError, match=message) as info:
        load_profile(p)
    assert str(p) in str(info.value)


def test_profile_by_path(tmp_path: Path) -> None:
    p = tmp_path / "slow.toml"
    p.write_text('engine = "pyttsx3"\nrate = 120\n[pauses]\nsentence = 600\n')
    v = resolve_voice(str(p))
    assert (v.name, v.rate, v.pauses.sentence) == ("slow", 120, 600)
