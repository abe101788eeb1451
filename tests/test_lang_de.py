"""German: sentences, spoken forms, intro and outro (audio_article/languages/de.py)."""

from __future__ import annotations

import pytest

from audio_article.normalize import explain, normalize
from audio_article.segment import split_sentences

CASES = [
    ("Berlin, 14. März 2024", "Berlin, vierzehnter März zweitausendvierundzwanzig"),
    ("ab dem 1. Dezember", "ab dem ersten Dezember"),
    ("am 3. Oktober 2022", "am dritten Oktober zweitausendzweiundzwanzig"),
    ("der 1. Entwurf", "der erste Entwurf"),
    ("zum 2. Mal", "zum zweiten Mal"),
    ("das 20. Jahrhundert", "das zwanzigste Jahrhundert"),
    ("sein 100. Geburtstag", "sein hundertster Geburtstag"),
    ("am 02.03.2003", "am zweiten März zweitausenddrei"),
    ("2003-03-02", "zweiter März zweitausenddrei"),
    ("24. juli 2013", "vierundzwanzigster Juli zweitausenddreizehn"),
    ("56,3 /km²", "sechsundfünfzig Komma drei pro Quadratkilometer"),
    ("€2,21 millionen", "zwei Komma zwei eins Millionen Euro"),
    ("um 14:30 Uhr", "um vierzehn Uhr dreißig"),
    ("um 8 Uhr", "um acht Uhr"),
    ("um 1 Uhr", "um ein Uhr"),
    ("3,5 Mio. Euro", "drei Komma fünf Millionen Euro"),
    ("1 Mrd. Dollar", "eine Milliarde Dollar"),
    ("12,50 €", "zwölf Euro fünfzig Cent"),
    ("$2,20", "zwei Dollar zwanzig Cent"),
    ("€0,01", "ein Cent"),
    ("12,5 %", "zwölf Komma fünf Prozent"),
    ("5 km", "fünf Kilometer"),
    ("1 t", "eine Tonne"),
    ("-5 °C", "minus fünf Grad Celsius"),
    ("1.200 Menschen", "eintausendzweihundert Menschen"),
    ("1 Million Menschen", "eine Million Menschen"),
    ("im Jahr 1990", "im Jahr neunzehnhundertneunzig"),
    ("1990–1995", "neunzehnhundertneunzig bis neunzehnhundertfünfundneunzig"),
    ("10-20 Personen", "zehn bis zwanzig Personen"),
    ("z. B. heute", "zum Beispiel heute"),
    ("und so weiter usw.", "und so weiter und so weiter."),
    ("Prof. Dr. Müller", "Professor Doktor Müller"),
    ("Er lief 5 km in 20 Min.", "Er lief fünf Kilometer in zwanzig Minuten."),
]


@pytest.mark.parametrize(("written", "spoken"), CASES)
def test_spoken_form(written: str, spoken: str) -> None:
    assert normalize(written, "de") == spoken


def test_regional_tag_and_explain_names_the_rules() -> None:
    spoken, subs = explain("Ab dem 1. Dezember kostet es 3,5 Mio. Euro.", "de-AT")
    assert spoken == "Ab dem ersten Dezember kostet es drei Komma fünf Millionen Euro."
    assert [s.rule for s in subs] == ["date", "money"]
    assert subs[0].written == "dem 1. Dezember"


SENTENCES = [
    (
        "Berlin, 14. März 2024. Ab dem 1. Dezember gilt das Gesetz.",
        ["Berlin, 14. März 2024.", "Ab dem 1. Dezember gilt das Gesetz."],
    ),
    (
        "Prof. Dr. Müller sagte z. B. nichts. Er kam am 3. Oktober.",
        ["Prof. Dr. Müller sagte z. B. nichts.", "Er kam am 3. Oktober."],
    ),
    (
        "Die Sitzung beginnt um 14.30 Uhr. Danach spricht V. Klitschko.",
        ["Die Sitzung beginnt um 14.30 Uhr.", "Danach spricht V. Klitschko."],
    ),
    ("Der 1. FC Köln gewann 3:1.", ["Der 1. FC Köln gewann 3:1."]),
]


@pytest.mark.parametrize(("paragraph", "sentences"), SENTENCES)
def test_sentences(paragraph: str, sentences: list[str]) -> None:
    assert split_sentences(paragraph, "de") == sentences
