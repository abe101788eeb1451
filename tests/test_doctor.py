"""`audio-article doctor`: a real report here, and exit 1 with a fix when the default voice fails."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from audio_article import engines
from audio_article.cli import cli
from audio_article.doctor import run_doctor
from audio_article.errors import EngineUnavailable


def test_doctor_reports_everything_and_passes_here() -> None:
    report = run_doctor()
    by_what = {c.what: c for c in report.checks}
    assert by_what["Python"].ok
    assert by_what["engine pyttsx3"].ok
    assert "espeak-ng" in by_what["engine pyttsx3"].detail
    assert "voices" in by_what["engine pyttsx3"].detail
    assert by_what["MP3 encoder"].ok and "LAME" in by_what["MP3 encoder"].detail
    assert by_what["MP3 decoder"].ok and "miniaudio" in by_what["MP3 decoder"].detail
    assert by_what["ffmpeg"].ok
    assert "cache dir" in by_what
    default = by_what["voice default (pyttsx3)"]
    assert default.ok and "Hz" in default.detail
    assert report.default_ok and report.exit_code == 0


def _broken() -> engines.Engine:
    raise EngineUnavailable(None, "eSpeak NG not found")


def test_doctor_fails_with_the_fix_when_the_default_voice_is_broken(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(engines.ENGINES, "pyttsx3", _broken)
    monkeypatch.setattr(engines, "_started", {})
    monkeypatch.setattr(engines, "_resilient", {})
    result = CliRunner().invoke(cli, ["doctor"])
    assert result.exit_code == 1
    assert "NO  engine pyttsx3" in result.output
    assert "eSpeak NG not found" in result.output
    assert "fix: pip install" in result.output


def test_voices_lists_profiles_with_reasons(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(engines.ENGINES, "piper", _broken)
    monkeypatch.setattr(engines, "_started", {})
    result = CliRunner().invoke(cli, ["voices"])
    assert result.exit_code == 0
    lines = {line.split()[0]: line for line in result.output.splitlines() if line.strip()}
    assert "usable" in lines["default"] and "not usable" not in lines["default"]
    assert "not usable: eSpeak NG not found" in lines["joe"]
    assert {"uk", "de", "fr", "es"} <= set(lines)


def test_voices_lists_an_engines_own_voices() -> None:
    result = CliRunner().invoke(cli, ["voices", "--engine", "pyttsx3"])
    assert result.exit_code == 0
    assert any(line.split()[1:2] == ["uk"] for line in result.output.splitlines())


def test_doctor_points_at_the_profile_when_only_the_voice_is_wrong(
    tmp_path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from audio_article import config

    voices = tmp_path / "voices"
    voices.mkdir()
    (voices / "default.toml").write_text('engine = "pyttsx3"\nvoice = "xx-nobody"\n')
    monkeypatch.setattr(config, "PROJECT_VOICES", voices)
    monkeypatch.setattr(config, "user_voices_dir", lambda: tmp_path / "none")
    report = run_doctor()
    assert report.exit_code == 1
    default = next(c for c in report.checks if c.what.startswith("voice default"))
    assert "no voice 'xx-nobody'" in default.detail
    assert default.fix.startswith(f"edit {voices / 'default.toml'}")
