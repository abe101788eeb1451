"""Spanish: sentences and spoken forms (audio_article/languages/es.py)."""

from __future__ import annotations

import pytest

from audio_article.normalize import normalize
from audio_article.segment import split_sentences

CASES = [
    ("14 de marzo de 2024", "catorce de marzo de dos mil veinticuatro"),
    ("el 1 de enero", "el primero de enero"),
    ("30 julio del 2020", "treinta de julio del dos mil veinte"),
    ("30/2/1990", "treinta de febrero de mil novecientos noventa"),
    ("el 1.º", "el primero"),
    ("la 3.ª", "la tercera"),
    ("el 3.er lugar", "el tercer lugar"),
    ("el siglo XXI", "el siglo veintiuno"),
    ("el 13.º", "el decimotercero"),
    ("el 40.º", "el cuadragésimo"),
    ("el 2do", "el segundo"),
    ("a las 14:30", "a las catorce y treinta"),
    ("a la 1:00 p.m.", "a la una de la tarde."),  # the abbreviation's dot ends the text
    ("12,50 €", "doce euros cincuenta céntimos"),
    ("$1,50", "un dólar cincuenta centavos"),
    ("3,5 millones de euros", "tres coma cinco millones de euros"),
    ("€2 billones", "dos billones de euros"),
    ("1 millón", "un millón"),
    ("21 personas", "veintiuna personas"),
    ("21 años", "veintiún años"),
    ("1.200 casas", "mil doscientas casas"),
    ("5.002,132", "cinco mil dos coma ciento treinta y dos"),
    ("5 %", "cinco por ciento"),
    ("10 km", "diez kilómetros"),
    ("-5 °C", "menos cinco grados centígrados"),
    ("el Sr. García", "el señor García"),
    ("EE. UU.", "Estados Unidos."),
]


@pytest.mark.parametrize(("written", "spoken"), CASES)
def test_spoken_form(written: str, spoken: str) -> None:
    assert normalize(written, "es") == spoken


SENTENCES = [
    (
        "El 1.º de diciembre llegó el Sr. García a EE. UU. Dijo que no.",
        ["El 1.º de diciembre llegó el Sr. García a EE. UU. Dijo que no."],
    ),
    (
        "Madrid, 14 de marzo de 2024. La Dra. Pérez habló. Fin.",
        ["Madrid, 14 de marzo de 2024.", "La Dra. Pérez habló.", "Fin."],
    ),
]


@pytest.mark.parametrize(("paragraph", "sentences"), SENTENCES)
def test_sentences(paragraph: str, sentences: list[str]) -> None:
    assert split_sentences(paragraph, "es") == sentences
