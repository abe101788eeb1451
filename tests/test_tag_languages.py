"""The ISO 639 table behind the ID3 language codes is pycountry's (a test extra only): the same
answer for every code it knows. If pycountry changes, make the table again with
``python tests/test_tag_languages.py`` (writes audio_article/data/iso639.json)."""

from __future__ import annotations

import json
from pathlib import Path

import pycountry
import pytest

from audio_article.tag import iso639_2

TABLE = Path(__file__).resolve().parent.parent / "audio_article" / "data" / "iso639.json"


def _pycountry_iso639_2(code: str) -> str | None:
    """What tag.iso639_2 answered when it asked pycountry."""
    lang = pycountry.languages.get(alpha_2=code) if len(code) == 2 else None
    if lang is None and len(code) == 3:
        lang = pycountry.languages.get(alpha_3=code)
    if lang is None:
        return None
    return getattr(lang, "bibliographic", None) or lang.alpha_3


def test_every_code_pycountry_knows_gets_its_answer() -> None:
    codes = set()
    for lang in pycountry.languages:
        codes.add(lang.alpha_3)
        if hasattr(lang, "alpha_2"):
            codes.add(lang.alpha_2)
        if hasattr(lang, "bibliographic"):
            codes.add(lang.bibliographic)
    assert len(codes) > 7_000
    for code in sorted(codes):
        assert iso639_2(code) == _pycountry_iso639_2(code), code


@pytest.mark.parametrize(
    ("given", "expected"),
    [("en", "eng"), ("en-US", "eng"), ("de_AT", "ger"), ("deu", "ger"), ("FR", "fre"),
     ("uk", "ukr"), ("xx", None), ("zzz", None), ("", None), (None, None), ("english", None)],
)  # fmt: skip
def test_language_codes(given: str | None, expected: str | None) -> None:
    assert iso639_2(given) == expected


def make_table() -> dict[str, object]:
    alpha2, bibliographic, alpha3 = {}, {}, []
    for lang in pycountry.languages:
        bib = getattr(lang, "bibliographic", None)
        if hasattr(lang, "alpha_2"):
            alpha2[lang.alpha_2] = bib or lang.alpha_3
        if bib:
            bibliographic[lang.alpha_3] = bib
        alpha3.append(lang.alpha_3)
    return {
        "source": json.loads(TABLE.read_text())["source"],
        "alpha2": dict(sorted(alpha2.items())),
        "bibliographic": dict(sorted(bibliographic.items())),
        "alpha3": " ".join(sorted(alpha3)),
    }


def test_the_table_is_made_from_pycountry() -> None:
    assert json.loads(TABLE.read_text()) == make_table()


if __name__ == "__main__":
    TABLE.write_text(json.dumps(make_table(), indent=0, ensure_ascii=True) + "\n")
