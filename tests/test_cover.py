"""Generated covers: every title's glyphs are real glyphs, never the missing-glyph box."""

from __future__ import annotations

import io

import pytest
from fontTools.ttLib import TTFont
from PIL import Image, ImageFont

from audio_article.cover import SIZE, face_for, generate_cover, title_script

TITLES = {
    "latin": ("Über die Brücke: Señora Müller's naïve café — «très» bien", "latin"),
    "cyrillic": ("Київ отримав нові системи ППО: що відомо про Ґрунтовні зміни", "latin"),
    "greek": ("Η Αθήνα ανακοινώνει νέο σχέδιο για τις μεταφορές", "latin"),
    "arabic": ("الحكومة تعلن خطة جديدة للنقل العام في المدينة", "arabic"),
    "chinese": ("北京市政府宣布了新的空气污染治理计划以改善城市居民的生活质量", "zh-Hans"),
    "japanese": ("東京都は新しい気候対策を発表しました", "ja"),
    "korean": ("서울시는 새로운 교통 계획을 발표했다", "ko"),
}


def _cmap(face) -> dict[int, str]:  # noqa: ANN001
    font = TTFont(str(face.path), fontNumber=face.index, lazy=True)
    return font.getBestCmap()


def _bitmap(font: ImageFont.FreeTypeFont, ch: str) -> bytes:
    mask = font.getmask(ch)
    return bytes(mask) + bytes(str(mask.size), "ascii")


def _tofu(font: ImageFont.FreeTypeFont, text: str) -> list[str]:
    """Characters of ``text`` drawn as the font's .notdef glyph (an unassigned code point)."""
    notdef = _bitmap(font, "\U000f0000")
    return [ch for ch in set(text) if not ch.isspace() and _bitmap(font, ch) == notdef]


@pytest.mark.parametrize("name", list(TITLES))
def test_every_character_of_the_title_has_a_glyph(name: str) -> None:
    title, script = TITLES[name]
    assert title_script(title) == script
    face = face_for(title)
    cmap = _cmap(face)
    missing = [ch for ch in title if not ch.isspace() and ord(ch) not in cmap]
    assert not missing, (face, missing)
    font = ImageFont.truetype(str(face.path), 48, index=face.index)
    assert not _tofu(font, title)


def test_the_glyph_check_catches_tofu() -> None:
    # Pillow's default font has no Cyrillic: the check must see the boxes it draws.
    default = ImageFont.load_default(size=48)
    assert set(_tofu(default, "Київ")) == set("Київ")
    latin = ImageFont.truetype(str(face_for("Kyiv").path), 48)
    assert set(_tofu(latin, "東京")) == set("東京")  # Noto Sans has no Han


@pytest.mark.parametrize("name", list(TITLES))
def test_covers_render_each_script(name: str) -> None:
    title, _ = TITLES[name]
    cover = generate_cover(title, "Publication · Видання", label="AI-narrated")
    img = Image.open(io.BytesIO(cover.data))
    assert img.size == (SIZE, SIZE) and cover.mime == "image/jpeg"
    # the title is drawn: the title box is far from one flat colour
    box = img.crop((100, 140, SIZE - 100, 700)).convert("L")
    low, high = box.getextrema()
    assert high - low > 150


def test_long_cjk_title_wraps_between_characters() -> None:
    from PIL import ImageDraw

    from audio_article.cover import _font, _wrap

    title = TITLES["chinese"][0] * 2
    face = face_for(title)
    font = _font(face, 96)
    draw = ImageDraw.Draw(Image.new("RGB", (10, 10)))
    lines = _wrap(draw, title, font, 1180)
    assert len(lines) > 1 and "".join(lines) == title
    assert all(draw.textlength(line, font=font) <= 1180 for line in lines)


def test_traditional_chinese_by_language() -> None:
    assert title_script("臺北市政府", "zh-TW") == "zh-Hant"
    assert face_for("臺北市政府", "zh-TW").index == 3
