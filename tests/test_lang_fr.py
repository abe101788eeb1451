"""French: sentences and spoken forms (audio_article/languages/fr.py)."""

from __future__ import annotations

import pytest

from audio_article.normalize import normalize
from audio_article.segment import split_sentences

CASES = [
    ("le 1er décembre 2024", "le premier décembre deux mille vingt-quatre"),
    ("le 14 mars", "le quatorze mars"),
    ("le 02/03/2003", "le deux mars deux mille trois"),
    ("la 3e place", "la troisième place"),
    ("la 1re fois", "la première fois"),
    ("le 21e", "le vingt et unième"),
    ("au XXIe siècle", "au vingt et unième siècle"),
    ("François Ier", "François premier"),
    ("Le prix", "Le prix"),
    ("à 14h30", "à quatorze heures trente"),
    ("à 14 h", "à quatorze heures"),
    ("à 1h", "à une heure"),
    ("à 21:05", "à vingt et une heures cinq"),
    ("12,50 €", "douze euros cinquante"),
    ("100 $", "cent dollars"),
    ("3,5 millions d'euros", "trois virgule cinq millions d'euros"),
    ("2 Md€", "deux milliards d'euros"),
    ("5 %", "cinq pour cent"),
    ("10 km", "dix kilomètres"),
    ("-5 °C", "moins cinq degrés Celsius"),
    ("1 200 personnes", "mille deux cents personnes"),
    ("21 personnes", "vingt et une personnes"),
    ("1990-1995", "mille neuf cent quatre-vingt-dix à mille neuf cent quatre-vingt-quinze"),
    ("M. Macron", "Monsieur Macron"),
    ("Mme Dupont", "Madame Dupont"),
    ("0,05", "zéro virgule zéro cinq"),
]


@pytest.mark.parametrize(("written", "spoken"), CASES)
def test_spoken_form(written: str, spoken: str) -> None:
    assert normalize(written, "fr") == spoken


SENTENCES = [
    (
        "Paris, le 1er décembre 2024. M. Macron a parlé. Il est parti.",
        ["Paris, le 1er décembre 2024.", "M. Macron a parlé.", "Il est parti."],
    ),
    ("Au XXIe siècle, etc. il y a eu 3 guerres.", ["Au XXIe siècle, etc. il y a eu 3 guerres."]),
]


@pytest.mark.parametrize(("paragraph", "sentences"), SENTENCES)
def test_sentences(paragraph: str, sentences: list[str]) -> None:
    assert split_sentences(paragraph, "fr") == sentences
