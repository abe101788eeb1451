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


# --- profiles shipped, user profiles, language -> profile ------------------------------------

from audio_article import config  # noqa: E402
from audio_article.config import find_profiles, voice_for  # noqa: E402
from audio_article.language import article_language, detect_language  # noqa: E402
from audio_article.models import Article, Metadata, Section  # noqa: E402


def test_every_shipped_profile_is_valid() -> None:
    names = {p.stem: load_profile(p) for p in PROJECT_VOICES.glob("*.toml")}
    assert {"default", "joe", "uk", "de", "fr", "es"} <= set(names)
    assert {names[n].language for n in ("uk", "de", "fr", "es")} == {"uk", "de", "fr", "es"}
    assert names["joe"].engine == "piper"


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ('engine = "festival"', "key 'engine': unknown engine 'festival'"),
        ('engine = "piper"\npitch = 60', "key 'pitch': Piper voices have no pitch"),
        ('model = "voice.bin"', "key 'model' must be the path of a Piper .onnx"),
        ('isolate = "yes"', "key 'isolate' must be true or false"),
        ('language = "English!"', "key 'language' must be a language tag"),
        ("loudness_lufs = 3", "key 'loudness_lufs' must be between"),
        ('voice = ""', "key 'voice' must be a non-empty string"),
        ("lexicons = 'a.tsv'", "key 'lexicons' must be a list"),
    ],
)
def test_more_profile_errors_name_file_and_key(tmp_path: Path, body: str, message: str) -> None:
    p = tmp_path / "bad.toml"
    p.write_text(body)
    with pytest.raises(ConfigError, match=message) as info:
        load_profile(p)
    assert str(info.value).startswith(f"{p}: ")


def test_user_profiles_are_found_after_the_project_ones(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(config, "user_voices_dir", lambda: tmp_path)
    (tmp_path / "mine.toml").write_text("rate = 140\n")
    (tmp_path / "default.toml").write_text("rate = 99\n")  # hidden by the project's default
    assert resolve_voice("mine").rate == 140
    assert resolve_voice("default").path == PROJECT_VOICES / "default.toml"
    assert [p for p in find_profiles() if p.stem == "mine"] == [tmp_path / "mine.toml"]


@pytest.mark.parametrize(
    ("language", "profile"),
    [
        (None, "default"),
        ("en", "default"),
        ("en-GB", "default"),
        ("uk", "uk"),
        ("de", "de"),
        ("fr-CA", "fr"),
        ("es", "es"),
        ("it", "default-it"),  # no profile: the default engine's own Italian voice
        ("zz", "default"),  # no profile and no engine voice: the default voice
    ],
)
def test_voice_for_language(language: str | None, profile: str) -> None:
    assert voice_for(language, None).name == profile


def test_a_language_without_profile_uses_the_engines_voice() -> None:
    voice = voice_for("it", None)
    assert (voice.engine, voice.voice_id, voice.language) == ("pyttsx3", "it", "it")
    assert voice.pauses == voice_for(None, None).pauses


def test_the_users_choice_wins_over_the_language() -> None:
    assert voice_for("uk", "default").name == "default"
    assert voice_for("en", "de").name == "de"


def test_a_user_profile_can_serve_a_language(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(config, "user_voices_dir", lambda: tmp_path)
    (tmp_path / "italiano.toml").write_text('voice = "it"\nlanguage = "it"\n')
    (tmp_path / "broken.toml").write_text("rate = 'x'\n")  # ignored, not fatal
    assert voice_for("it", None).name == "italiano"


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("The troops crossed the border on Tuesday, officials in Kyiv said in a statement.", "en"),
        ("Війська перетнули кордон у вівторок, повідомили посадовці в Києві у своїй заяві.", "uk"),
        ("Die Truppen überquerten am Dienstag die Grenze, teilten Beamte in Kiew mit.", "de"),
        ("Les troupes ont franchi la frontière mardi, ont indiqué des responsables à Kiev.", "fr"),
        ("Las tropas cruzaron la frontera el martes, dijeron funcionarios en Kiev.", "es"),
        ("OK 42", None),  # too little text to tell
    ],
)
def test_detect_language(text: str, language: str | None) -> None:
    assert detect_language(text) == language


def test_article_language_prefers_metadata() -> None:
    body = (Section(None, ("Війська перетнули кордон у вівторок, повідомили посадовці.",)),)
    assert article_language(Article("Новини", body)) == "uk"
    assert article_language(Article("Новини", body, Metadata(language="de-AT"))) == "de"


def test_the_pipeline_reads_an_article_with_its_languages_voice(
    tmp_path: Path,
    fake_engine,  # noqa: ANN001 - the fake stands in for pyttsx3
) -> None:
    from mutagen.id3 import ID3

    from audio_article.config import Options
    from audio_article.pipeline import convert_file

    article = tmp_path / "uk.txt"
    article.write_text(
        "Війська перетнули кордон\n\nВійська перетнули кордон у вівторок, повідомили посадовці "
        "в Києві. За їхніми словами, ситуація залишається напруженою.\n",
        encoding="utf-8",
    )
    episode = convert_file(article, Options(output_dir=tmp_path / "out"))
    assert str(ID3(episode.path)["TSSE"]).endswith("voice uk")
    assert any("кордон" in call for call in fake_engine.calls)
