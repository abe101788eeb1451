"""Stage 1: bytes on disk -> ``Source`` (decoded text and its kind).

Encodings are detected by charset-normalizer after BOM checks; text is normalized to NFC with
Unix newlines, and characters that are never read (zero-width, soft hyphen, BOM) are removed.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

from .errors import InputError
from .models import Source, SourceKind

KINDS: dict[str, SourceKind] = {
    ".txt": "text",
    ".text": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".md": "markdown",
    ".markdown": "markdown",
}
SUPPORTED_SUFFIXES = tuple(KINDS)
MAX_BYTES = 50 * 1024 * 1024

_BOMS = (
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)
# Invisible characters that copy-paste leaves in text; never spoken.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)


def read_source(path: Path | str) -> Source:
    """Read ``path``, detect its encoding and kind; raise ``InputError`` on anything unusable."""
    path = Path(path)
    if not path.exists():
        raise InputError(path, "no such file")
    if path.is_dir():
        raise InputError(path, "is a directory, not an article file (use `batch` for folders)")
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise InputError(path, f"file too large ({size // 1_000_000} MB; limit 50 MB)")
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(path, f"cannot read file: {exc.strerror or exc}") from exc
    text, encoding = decode(data, path)
    text = clean_text(text)
    if not text.strip():
        raise InputError(path, "file is empty")
    return Source(path=path, text=text, kind=detect_kind(path, text), encoding=encoding)


def decode(data: bytes, path: Path | str = "<bytes>") -> tuple[str, str]:
    """Bytes -> (text, encoding name). Raises ``InputError`` for binary or undecodable data."""
    if not data.strip():
        raise InputError(path, "file is empty")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(encoding), encoding
            except UnicodeDecodeError as exc:
                raise InputError(path, f"cannot decode as {encoding}: {exc.reason}") from exc
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    if _looks_binary(data):
        raise InputError(path, "binary file, not text (expected .txt, .html or .md)")
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise InputError(path, "cannot detect the text encoding")
    return str(best), best.encoding


def _looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13, 27))
    return controls > len(sample) * 0.05


def clean_text(text: str) -> str:
    """NFC, Unix newlines, no invisible characters, non-breaking spaces as spaces."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.translate(_INVISIBLE)
    text = text.replace("\u00a0", " ").replace("\u202f", " ").replace("\u2007", " ")
    return unicodedata.normalize("NFC", text)


def detect_kind(path: Path, text: str) -> SourceKind:
    kind = KINDS.get(path.suffix.lower())
    if kind:
        return kind
    head = text.lstrip()[:1000].lower()
    if head.startswith(("<!doctype html", "<html")) or "<body" in head:
        return "html"
    return "text"
