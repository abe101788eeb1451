from __future__ import annotations

from pathlib import Path

import pytest

from audio_article.errors import InputError
from audio_article.read import read_source


def test_utf8_text(tmp_path: Path) -> None:
    p = tmp_path / "a.txt"
    p.write_text("Title\r\nBody\u00a0text\u200b here.\r\n", encoding="utf-8")
    s = read_source(p)
    assert s.kind == "text"
    assert s.text == "Title\nBody text here.\n"


@pytest.mark.parametrize("encoding", ["utf-16", "utf-8-sig", "cp1252", "latin-1"])
def test_encodings(tmp_path: Path, encoding: str) -> None:
    text = "Café owners in Zürich say prices rose again this year.\n" * 5
    p = tmp_path / "a.txt"
    p.write_bytes(text.encode(encoding))
    assert "Café owners in Zürich" in read_source(p).text


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.txt", b"", "empty"),
        ("blank.txt", b"  \n\n \t", "empty"),
        ("binary.txt", bytes(range(256)) * 10, "binary"),
    ],
)
def test_unusable_files(tmp_path: Path, name: str, content: bytes, message: str) -> None:
    p = tmp_path / name
    p.write_bytes(content)
    with pytest.raises(InputError, match=message) as info:
        read_source(p)
    assert str(info.value).startswith(str(p))


def test_missing_and_directory(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        read_source(tmp_path / "nope.txt")
    with pytest.raises(InputError, match="directory"):
        read_source(tmp_path)


@pytest.mark.parametrize(
    ("suffix", "kind"), [(".html", "html"), (".md", "markdown"), (".txt", "text")]
)
def test_kind_from_suffix(tmp_path: Path, suffix: str, kind: str) -> None:
    p = tmp_path / f"a{suffix}"
    p.write_text("# Hello\n\nWorld.")
    assert read_source(p).kind == kind


LATIN = "Café owners in Zürich say prices rose again this year.\n" * 5
CYRILLIC = "Київ. Україна отримала нові системи протиповітряної оборони від партнерів.\n" * 5
RUSSIAN = "Москва. Правительство объявило о новых мерах поддержки экономики и граждан.\n" * 5
JAPANESE = "東京都は新しい気候対策を発表しました。市民の生活を守るための計画です。\n" * 5
CHINESE = "北京市政府宣布了新的空气污染治理计划，以改善城市居民的生活质量。\n" * 5


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        (LATIN, "utf-16"),  # with a BOM
        (LATIN, "utf-16-le"),  # without
        (LATIN, "utf-16-be"),
        (LATIN, "utf-8-sig"),
        (LATIN, "latin-1"),
        ("“Smart quotes” and the café’s – dashes – in cp1252 text.\n" * 5, "cp1252"),
        (CYRILLIC, "windows-1251"),
        (RUSSIAN, "windows-1251"),
        (RUSSIAN, "koi8-r"),
        (JAPANESE, "shift_jis"),
        (CHINESE, "gb2312"),
    ],
)
def test_encodings_round_trip(tmp_path: Path, text: str, encoding: str) -> None:
    p = tmp_path / "a.txt"
    p.write_bytes(text.encode(encoding))
    assert read_source(p).text == text


def test_html_meta_charset_is_honoured(tmp_path: Path) -> None:
    # KOI8-U bytes also decode (as KOI8-R, cp1251, ...): the page's declaration decides.
    body = "<p>Президент заявив, що переговори тривають. Київ, їжак, ґанок.</p>"
    page = f'<html><head><meta charset="koi8-u"></head><body>{body}</body></html>'
    p = tmp_path / "a.html"
    p.write_bytes(page.encode("koi8-u"))
    source = read_source(p)
    assert "Президент заявив" in source.text and "ґанок" in source.text
    assert source.encoding == "koi8-u"
    # A wrong declaration does not break a page whose bytes are UTF-8.
    wrong = page.replace("koi8-u", "shift_jis")
    p.write_bytes(wrong.encode("utf-8"))
    assert "Президент заявив" in read_source(p).text


def test_mojibake_is_repaired(tmp_path: Path) -> None:
    p = tmp_path / "a.txt"
    p.write_text("Ukraineâ€™s army said the cafÃ© was hit.\n“Quotes” stay curly.\n", "utf-8")
    assert read_source(p).text == "Ukraine’s army said the café was hit.\n“Quotes” stay curly.\n"


def test_entities_in_copied_text_are_decoded(tmp_path: Path) -> None:
    p = tmp_path / "a.txt"
    p.write_text("Tom &amp; Jerry&#8217;s&nbsp;show.\n", "utf-8")
    assert read_source(p).text == "Tom & Jerry’s show.\n"
    # Markdown and HTML keep their entities for their own parsers.
    m = tmp_path / "a.md"
    m.write_text("Tom &amp; Jerry\n", "utf-8")
    assert "&amp;" in read_source(m).text


# Short 8-bit files, where charset-normalizer alone picks among ties (cp1250 "trčs", Big5...).
@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        ("C'est très bien.\n", "latin-1"),
        ("Le café est très bon, à côté de la gare.\n", "latin-1"),
        ("Straße über Köln\n", "latin-1"),
        ("Él está aquí, señor. ¿Qué pasó?\n", "latin-1"),
        ("A educação é fundamental, disse o ministro.\n", "latin-1"),
        ("naïve résumé — “quoted”\n", "cp1252"),
        ("Привет, мир!\n", "cp1251"),
        ("Türkiye'nin başkenti Ankara'dır. Güzel şehir.\n", "cp1254"),
        ("Zażółć gęślą jaźń. Polska jest w Europie.\n", "cp1250"),
    ],
)
def test_short_8bit_files_decode_right(tmp_path: Path, text: str, encoding: str) -> None:
    p = tmp_path / "a.txt"
    p.write_bytes(text.encode(encoding))
    source = read_source(p)
    assert source.text == text
    assert source.encoding_note  # says how the encoding was chosen


def test_utf8_file_with_a_stray_latin1_byte(tmp_path: Path) -> None:
    p = tmp_path / "a.txt"
    p.write_bytes("Kyiv’s “new” plan – très bien\n".encode().replace("è".encode(), b"\xe8"))
    source = read_source(p)
    assert source.text == "Kyiv’s “new” plan – très bien\n"
    assert source.encoding == "utf-8+cp1252"


def test_the_language_model_prefers_real_words() -> None:
    from audio_article.charset import plausibility

    assert plausibility("C'est très bien")[0] > plausibility("C'est trčs bien")[0]
    assert plausibility("Привет, мир")[0] > plausibility("Ïðèâåò, ìèð")[0]


def test_clean_explain_names_the_encoding(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from audio_article.cli import cli

    p = tmp_path / "a.txt"
    p.write_bytes(
        "Un titre\n\nC'est très bien, dit-il. La ville est très belle.\n".encode("latin-1")
    )
    result = CliRunner().invoke(cli, ["clean", str(p), "--explain"])
    assert result.exit_code == 0, result.output
    assert "très" in result.stdout
    line = next(x for x in result.stdout.splitlines() if x.startswith("# Encoding:"))
    assert "latin-1" in line and "language model" in line and "% sure" in line
    p.write_text("Un titre\n\nC'est très bien.\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["clean", str(p), "--explain"])
    assert "# Encoding: utf-8 (valid UTF-8)" in result.stdout
