"""Cover art: the user's image, or a generated 1400x1400 JPEG with the title and publication.

Podcast directories ask for square art of 1400-3000 px. The generated cover uses Pillow's bundled
font (``ImageFont.load_default(size=...)``, Pillow >= 10.1), which exists on every machine.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass
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


def _wrap(draw: object, text: str, font: object, width: int) -> list[str]:
    lines: list[str] = []
    for word in text.split():
        if lines and draw.textlength(f"{lines[-1]} {word}", font=font) <= width:  # type: ignore[attr-defined]
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines


def generate_cover(title: str, publication: str | None = None, label: str = "") -> Cover:
    """A plain, legible square cover: the title large, the publication and a label small."""
    from PIL import Image, ImageDraw, ImageFont

    digest = hashlib.sha256(title.encode("utf-8")).digest()
    background = _BACKGROUNDS[digest[0] % len(_BACKGROUNDS)]
    img = Image.new("RGB", (SIZE, SIZE), background)
    draw = ImageDraw.Draw(img)
    width = SIZE - 2 * MARGIN
    top, bottom = MARGIN + 40, SIZE - MARGIN - 200
    size = 120
    while True:  # the largest size at which the title fits its box
        font = ImageFont.load_default(size=size)
        lines = _wrap(draw, title, font, width)
        line_height = int(size * 1.22)
        fits = all(draw.textlength(line, font=font) <= width for line in lines)
        if (fits and len(lines) * line_height <= bottom - top) or size <= 36:
            break
        size -= 6
    y = top
    for line in lines:
        draw.text((MARGIN, y), line, font=font, fill=(245, 245, 240))
        y += line_height
    draw.rectangle((MARGIN, SIZE - MARGIN - 170, MARGIN + 160, SIZE - MARGIN - 162), fill="white")
    small = ImageFont.load_default(size=56)
    if publication:
        pub = _wrap(draw, publication, small, width)[0]
        draw.text((MARGIN, SIZE - MARGIN - 140), pub, font=small, fill=(235, 235, 230))
    if label:
        tiny = ImageFont.load_default(size=40)
        draw.text((MARGIN, SIZE - MARGIN - 50), label, font=tiny, fill=(190, 190, 185))
    return Cover(_jpeg(img), "image/jpeg")
