"""Intro, outro and AI disclosure in the article's language, and whole articles through the CLI."""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from audio_article.cli import cli
from audio_article.config import DISCLOSURE, Options
from audio_article.intro import bookend
from audio_article.languages import disclosure_for
from audio_article.models import Article, Metadata, Section

WHEN = datetime(2024, 3, 14)
INTROS = {
    "de": (
        "Neue Regeln. Von Anna Schmidt, Berliner Zeitung, 14. März 2024.",
        "Neue Regeln. Von Anna Schmidt, Berliner Zeitung, vierzehnter März "
        "zweitausendvierundzwanzig.",
        "Dieses Audio wurde mit Unterstützung künstlicher Intelligenz erstellt.",
    ),
    "fr": (
        "Neue Regeln. Par Anna Schmidt, Berliner Zeitung, 14 mars 2024.",
        "Neue Regeln. Par Anna Schmidt, Berliner Zeitung, quatorze mars deux mille vingt-quatre.",
        "Ce contenu audio a été créé avec l'aide de l'intelligence artificielle.",
    ),
    "es": (
        "Neue Regeln. Por Anna Schmidt, Berliner Zeitung, 14 de marzo de 2024.",
        "Neue Regeln. Por Anna Schmidt, Berliner Zeitung, catorce de marzo de dos mil "
        "veinticuatro.",
        "Este audio ha sido creado con ayuda de inteligencia artificial.",
    ),
    "uk": (
        "Neue Regeln. Автор: Anna Schmidt, Berliner Zeitung, 14 березня 2024 року.",
        "Neue Regeln. Автор: Anna Schmidt, Berliner Zeitung, чотирнадцятого березня дві тисячі "
        "двадцять четвертого року.",
        "Це аудіо створено за допомогою штучного інтелекту.",
    ),
}


def _article(author: str | None = "Anna Schmidt") -> Article:
    meta = Metadata(author=author, publication="Berliner Zeitung", published=WHEN)
    return Article(title="Neue Regeln", sections=(Section(None, ("Text.",)),), metadata=meta)


@pytest.mark.parametrize("language", sorted(INTROS))
def test_intro_and_outro_are_in_the_articles_language(language: str) -> None:
    written, spoken, disclosure = INTROS[language]
    segments = bookend(_article(), (), Options(), language)
    assert [s.kind for s in segments] == ["intro", "outro"]
    assert (segments[0].text, segments[0].spoken) == (written, spoken)
    assert segments[1].text == segments[1].spoken == disclosure


@pytest.mark.parametrize("language", sorted(INTROS))
def test_a_missing_author_takes_its_by_word_with_it(language: str) -> None:
    text = bookend(_article(author=None), (), Options(), language)[0].text
    assert "Anna" not in text and text.startswith("Neue Regeln.")
    assert ", ," not in text and ". ," not in text


def test_english_and_configured_texts_are_kept() -> None:
    assert disclosure_for("en", DISCLOSURE) == DISCLOSURE
    assert disclosure_for("it", DISCLOSURE) == DISCLOSURE  # no wording of its own: English
    assert disclosure_for("de", "Eigener Hinweis.") == "Eigener Hinweis."
    options = Options(intro_text="{title}.", outro_text="Ende.")
    segments = bookend(_article(), (), options, "de")
    assert [s.text for s in segments] == ["Neue Regeln.", "Ende."]


ARTICLES = {
    "de": (
        "Neue Regeln für Mieter",
        "Berlin, 14. März 2024. Ab dem 1. Dezember gilt das neue Gesetz. Es kostet 3,5 Mio. Euro.",
        [
            "Neue Regeln für Mieter. Von Anna Schmidt, vierzehnter März zweitausendvierundzwanzig.",
            "Berlin, vierzehnter März zweitausendvierundzwanzig.",
            "Ab dem ersten Dezember gilt das neue Gesetz.",
            "Es kostet drei Komma fünf Millionen Euro.",
        ],
    ),
    "fr": (
        "Nouvelles règles",
        "Paris, le 1er décembre 2024. La réforme coûte 3,5 millions d'euros.",
        [
            "Nouvelles règles. Par Anna Schmidt, quatorze mars deux mille vingt-quatre.",
            "Paris, le premier décembre deux mille vingt-quatre.",
            "La réforme coûte trois virgule cinq millions d'euros.",
        ],
    ),
    "es": (
        "Nuevas reglas",
        "Madrid, 14 de marzo de 2024. La reforma cuesta 3,5 millones de euros.",
        [
            "Nuevas reglas. Por Anna Schmidt, catorce de marzo de dos mil veinticuatro.",
            "Madrid, catorce de marzo de dos mil veinticuatro.",
            "La reforma cuesta tres coma cinco millones de euros.",
        ],
    ),
    "uk": (
        "Нові правила",
        "Київ, 14 березня 2024 р. З 1 січня діє закон. Він коштує 100 грн.",
        [
            "Нові правила. Автор: Anna Schmidt, чотирнадцятого березня дві тисячі двадцять "
            "четвертого року.",
            "Київ, чотирнадцятого березня дві тисячі двадцять четвертого року.",
            "З першого січня діє закон.",
            "Він коштує сто гривень.",
        ],
    ),
}


@pytest.mark.parametrize("language", sorted(ARTICLES))
def test_an_article_through_the_cli(tmp_path: Path, language: str) -> None:
    title, body, expected = ARTICLES[language]
    path = tmp_path / "article.md"
    front = (
        f"---\ntitle: {title}\nauthor: Anna Schmidt\ndate: 2024-03-14\nlanguage: {language}\n---"
    )
    path.write_text(f"{front}\n\n{body}\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["script", str(path)])
    assert result.exit_code == 0, result.output
    lines = [
        re.sub(r"^\s*\d+\s+\w+\s+\+\s*\d+ms\s+", "", line) for line in result.output.splitlines()
    ]
    assert lines == [*expected, INTROS[language][2]]


@pytest.mark.parametrize("language", sorted(INTROS))
@given(text=st.text(alphabet="0123456789 .,:%-–/€$°hkmé", max_size=40))
@settings(max_examples=150, deadline=None)
def test_no_input_breaks_a_language(language: str, text: str) -> None:
    from audio_article.normalize import normalize
    from audio_article.segment import split_sentences

    normalize(text, language)
    split_sentences(text, language)
