"""Pronunciation lexicon: loading, overriding, case rules and errors naming the key."""

from __future__ import annotations

from pathlib import Path

import pytest

from audio_article.errors import ConfigError
from audio_article.lexicon import Lexicon, voices_dir


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_global_english_lexicon_covers_the_sample_names() -> None:
    lexicon = Lexicon.for_language("en")
    sample = ["Kyiv", "Zelenskyy", "Zaluzhnyi", "Volodymyr", "Pyongyang", "Kursk", "Novoivanovka",
              "Sung-kwon", "Stratcom", "HUR", "Kamensk-Shakhtynsky"]  # fmt: skip
    for word in sample:
        assert lexicon.lookup(word) is not None, word
    assert lexicon.apply("Kyiv") == "Keev"


def test_for_language_accepts_regional_codes_and_missing_languages() -> None:
    assert Lexicon.for_language("en-US").apply("Kyiv") == "Keev"
    assert len(Lexicon.for_language("xx")) == 0
    assert (voices_dir() / "lexicon" / "en.toml").is_file()


def test_word_boundaries_and_case(tmp_path: Path) -> None:
    path = _write(tmp_path, "a.toml", '[entries]\nKyiv = "Keev"\nHUR = { spell = true }\n')
    lexicon = Lexicon.load([path])
    assert lexicon.apply("Kyiv's KYIV kyiv Kyivan pro-Kyiv") == "Keev's Keev Keev Kyivan pro-Keev"
    assert lexicon.apply("HUR hur Hur HURRY") == "H.U.R hur Hur HURRY"


def test_say_entries_make_a_word(tmp_path: Path) -> None:
    path = _write(tmp_path, "a.toml", "[entries]\nNATO = { say = true }\n")
    assert Lexicon.load([path]).apply("NATO allies") == "Nato allies"


def test_match_case_override(tmp_path: Path) -> None:
    text = (
        '[entries]\nNice = { respell = "Neess", match_case = true }\n'
        "us = { spell = true, match_case = false }\n"
    )
    lexicon = Lexicon.load([_write(tmp_path, "a.toml", text)])
    assert lexicon.apply("Nice is nice") == "Neess is nice"
    assert lexicon.apply("US") == "U.S"


def test_later_files_override_earlier(tmp_path: Path) -> None:
    first = _write(tmp_path, "global.toml", '[entries]\nKyiv = "Keev"\nOdesa = "Oh-dessa"\n')
    second = _write(tmp_path, "voice.toml", '[entries]\nkyiv = "Kee-iv"\n')
    lexicon = Lexicon.load([first, second])
    assert lexicon.apply("Kyiv and Odesa") == "Kee-iv and Oh-dessa"
    assert Lexicon.for_language("en", [second]).apply("Kyiv") == "Kee-iv"


def test_longest_entry_wins(tmp_path: Path) -> None:
    text = '[entries]\nKamensk = "Kahmensk"\n"Kamensk-Shakhtynsky" = "Kahmensk Shakh-tinsky"\n'
    lexicon = Lexicon.load([_write(tmp_path, "a.toml", text)])
    assert lexicon.apply("Kamensk-Shakhtynsky and Kamensk") == "Kahmensk Shakh-tinsky and Kahmensk"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[entries]\nKyiv = 3\n", "'Kyiv'"),
        ("[entries]\nKyiv = { respel = 'Keev' }\n", "'respel'"),
        ("[entries]\nKyiv = { spell = true, say = true }\n", "'Kyiv'"),
        ("[entries]\nKyiv = ''\n", "'Kyiv'"),
        ("[entries]\nKyiv = { spell = 'yes' }\n", "'spell'"),
        ("[entries]\nKyiv = { respell = 'Keev', match_case = 1 }\n", "'match_case'"),
        ("[entry]\nKyiv = 'Keev'\n", "'entry'"),
        ("[entries]\n'--' = 'dash'\n", "'--'"),
        ("[entries\nKyiv = 'Keev'\n", "not valid TOML"),
    ],
)
def test_invalid_files_raise_config_error_naming_the_key(
    tmp_path: Path, text: str, message: str
) -> None:
    path = _write(tmp_path, "bad.toml", text)
    with pytest.raises(ConfigError) as info:
        Lexicon.load([path])
    assert message in str(info.value)
    assert str(path) in str(info.value)


def test_missing_file_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="not found"):
        Lexicon.load([tmp_path / "nope.toml"])
