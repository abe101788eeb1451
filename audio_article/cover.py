"""Cover art: the user's image, or a generated 1400x1400 JPEG with the title and publication.

Podcast directories ask for square art of 1400-3000 px. The generated cover is set in Noto, the
font family made to cover every script, installed from PyPI with the project: Noto Sans (Latin,
Cyrillic, Greek; ``fontpkg-noto-sans``), Noto Sans Arabic (``fontpkg-noto-sans-arabic``) and
Noto Sans CJK (Japanese, Korean, Simplified and Traditional Chinese; ``noto-cjk-sans-otc``).
The face is chosen by the title's script (kana: Japanese, hangul: Korean, Han: Chinese, Arabic
letters: Arabic), so each is drawn with its own letterforms. Right-to-left text and Arabic
joining need Pillow's Raqm layout (libraqm and FriBiDi); without it Pillow's basic layout draws
the letters unjoined, left to right.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .errors import ConfigError

SIZE = 1400
MARGIN = 110
_BACKGROUNDS = ((24, 38, 64), (48, 28, 60), (18, 58, 52), (70, 30, 30), (34, 34, 38))


@dataclass(frozen=True)
class Cover:
    data: bytes
    mime: str


def load_cover(path: Path) -> Cover:
    """Read a JPEG or PNG cover; anything else Pillow reads is converted to JPEG."""
    from PIL import Image, UnidentifiedImageError

    try:
        raw = Path(path).read_bytes()
        with Image.open(io.BytesIO(raw)) as img:
            kind = img.format
            if kind in ("JPEG", "PNG"):
                return Cover(raw, f"image/{kind.lower()}")
            return Cover(_jpeg(img.convert("RGB")), "image/jpeg")
    except OSError as exc:
        if isinstance(exc, UnidentifiedImageError):
            raise ConfigError(path, "cover is not an image Pillow can read") from exc
        raise ConfigError(path, f"cannot read cover: {exc.strerror or exc}") from exc


def _jpeg(img: object) -> bytes:
    buf = io.BytesIO()
    img.save(buf, format="JPEG", quality=88, optimize=True)  # type: ignore[attr-defined]
    return buf.getvalue()


@dataclass(frozen=True)
class Face:
    """A font file (and its index in a collection) for one group of scripts."""

    script: str
    path: Path
    index: int = 0
    rtl: bool = False


# Noto Sans CJK collection order: JP, KR, SC, TC, HK (then the Mono faces).
_CJK_INDEX = {"ja": 0, "ko": 1, "zh-Hans": 2, "zh-Hant": 3}


def _noto_sans() -> Path:
    import fontpkg_noto_sans

    return fontpkg_noto_sans.ROOT / "files" / "NotoSans[wdth,wght].ttf"


def _noto_arabic() -> Path:
    import fontpkg_noto_sans_arabic

    return fontpkg_noto_sans_arabic.ROOT / "files" / "NotoSansArabic[wdth,wght].ttf"


def _noto_cjk() -> Path:
    import noto_cjk_sans_otc

    return Path(str(noto_cjk_sans_otc.FONT_PATH))


def title_script(text: str, language: str | None = None) -> str:
    """The script group a title is set in: ``latin`` (also Cyrillic and Greek), ``arabic``,
    ``ja``, ``ko``, ``zh-Hans`` or ``zh-Hant`` (Han alone: ``language`` ``zh-TW``/``zh-Hant``/
    ``zh-HK`` picks Traditional, else Simplified)."""
    kana = hangul = han = arabic = 0
    for ch in text:
        if not ch.isalpha():
            continue
        name = unicodedata.name(ch, "")
        if name.startswith(("HIRAGANA", "KATAKANA")):
            kana += 1
        elif name.startswith("HANGUL"):
            hangul += 1
        elif name.startswith("CJK"):
            han += 1
        elif name.startswith("ARABIC"):
            arabic += 1
    if kana:
        return "ja"
    if hangul:
        return "ko"
    if han:
        tag = (language or "").replace("_", "-").lower()
        return "zh-Hant" if tag in ("zh-tw", "zh-hk", "zh-mo") or "hant" in tag else "zh-Hans"
    if arabic:
        return "arabic"
    return "latin"


def face_for(text: str, language: str | None = None) -> Face:
    """The Noto face for ``text``'s script."""
    script = title_script(text, language)
    if script == "arabic":
        return Face(script, _noto_arabic(), rtl=True)
    if script in _CJK_INDEX:
        return Face(script, _noto_cjk(), _CJK_INDEX[script])
    return Face(script, _noto_sans())


@lru_cache(maxsize=48)
def _font(face: Face, size: int) -> object:
    from PIL import ImageFont

    font = ImageFont.truetype(str(face.path), size=size, index=face.index)
    if face.path.suffix == ".ttf":
        # the variable Noto fonts: the title in their Bold instance (a FreeType without
        # variation support keeps Regular, which is fine)
        with contextlib.suppress(OSError, ValueError):
            font.set_variation_by_name("Bold")
    return font


def _layout(face: Face) -> dict[str, object]:
    """Text keyword arguments for Pillow: right-to-left direction where Raqm can do it."""
    from PIL import features

    if face.rtl and features.check("raqm"):
        return {"direction": "rtl"}
    return {}


def _wrap(draw: object, text: str, font: object, width: int, **kw: object) -> list[str]:
    """Greedy line breaks at spaces; a word wider than the line (CJK titles have no spaces)
    breaks between characters."""

    def fits(s: str) -> bool:
        return draw.textlength(s, font=font, **kw) <= width  # type: ignore[attr-defined]

    lines: list[str] = []
    for word in text.split():
        if lines and fits(f"{lines[-1]} {word}"):
            lines[-1] = f"{lines[-1]} {word}"
            continue
        if fits(word):
            lines.append(word)
            continue
        # too wide for any line: fill the current line, then break between characters
        piece = f"{lines.pop()} " if lines and fits(f"{lines[-1]} {word[0]}") else ""
        for ch in word:
            if piece and not fits(piece + ch):
                lines.append(piece)
                piece = ""
            piece += ch
        lines.append(piece)
    return lines


def generate_cover(
    title: str, publication: str | None = None, label: str = "", language: str | None = None
) -> Cover:
    """A plain, legible square cover: the title large, the publication and a label small, each
    in the Noto face for its script."""
    from PIL import Image, ImageDraw

    digest = hashlib.sha256(title.encode("utf-8")).digest()
    background = _BACKGROUNDS[digest[0] % len(_BACKGROUNDS)]
    img = Image.new("RGB", (SIZE, SIZE), background)
    draw = ImageDraw.Draw(img)
    width = SIZE - 2 * MARGIN
    top, bottom = MARGIN + 40, SIZE - MARGIN - 200
    face = face_for(title, language)
    kw = _layout(face)
    size = 120
    while True:  # the largest size at which the title fits its box
        font = _font(face, size)
        lines = _wrap(draw, title, font, width, **kw)
        line_height = int(size * (1.5 if face.script in _CJK_INDEX or face.rtl else 1.3))
        fits = all(draw.textlength(line, font=font, **kw) <= width for line in lines)
        if (fits and len(lines) * line_height <= bottom - top) or size <= 36:
            break
        size -= 6
    y = top
    for line in lines:
        _draw_line(draw, y, line, font, face, (245, 245, 240), kw)
        y += line_height
    draw.rectangle((MARGIN, SIZE - MARGIN - 170, MARGIN + 160, SIZE - MARGIN - 162), fill="white")
    if publication:
        pub_face = face_for(publication, language)
        small, pkw = _font(pub_face, 56), _layout(pub_face)
        pub = _wrap(draw, publication, small, width, **pkw)[0]
        _draw_line(draw, SIZE - MARGIN - 140, pub, small, pub_face, (235, 235, 230), pkw)
    if label:
        label_face = face_for(label, language)
        tiny = _font(label_face, 40)
        _draw_line(
            draw, SIZE - MARGIN - 50, label, tiny, label_face, (190, 190, 185), _layout(label_face)
        )
    return Cover(_jpeg(img), "image/jpeg")


def _draw_line(
    draw: object, y: int, text: str, font: object, face: Face, fill: tuple, kw: dict
) -> None:
    """One line, flush left (flush right for a right-to-left script)."""
    if face.rtl:
        draw.text((SIZE - MARGIN, y), text, font=font, fill=fill, anchor="ra", **kw)  # type: ignore[attr-defined]
    else:
        draw.text((MARGIN, y), text, font=font, fill=fill, **kw)  # type: ignore[attr-defined]
