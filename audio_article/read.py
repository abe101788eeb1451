"""Stage 1: bytes on disk -> ``Source`` (decoded text and its kind).

Encodings: a BOM, an HTML page's declaration, valid UTF-8, UTF-16 without a BOM, then
``charset.guess`` (charset-normalizer when it is unambiguous, else a character-bigram language
model choosing among the candidates, cp1252 and latin-1). Text is normalized to NFC with Unix
newlines, and characters that are never read (zero-width, soft hyphen, BOM) are removed.
"""

from __future__ import annotations

import html
import re
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
# (a regex: str.translate with a dict looks every character up, ~7 ms a page)
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")


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
    declared = KINDS.get(path.suffix.lower()) == "html" or _HTML_HEAD.search(data[:1000])
    text, encoding, note = decode_explained(data, path, html=bool(declared))
    text = clean_text(text)
    if not text.strip():
        raise InputError(path, "file is empty")
    kind = detect_kind(path, text)
    if kind == "text" and _ENTITY.search(text):
        # Entities copied out of page source ("&amp;", "&#8217;", "&nbsp;") are not text.
        text = clean_text(html.unescape(text))
    return Source(path=path, text=text, kind=kind, encoding=encoding, encoding_note=note)


_HTML_HEAD = re.compile(rb"<!doctype html|<html|<meta\s", re.IGNORECASE)
_META_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_:.-]+)""", re.IGNORECASE
)
_ENTITY = re.compile(r"&(?:[A-Za-z]{2,8}|#\d{2,6}|#[xX][0-9A-Fa-f]{2,5});")


def _declared_charset(data: bytes) -> str | None:
    """The encoding an HTML page declares in <meta charset> (or http-equiv), if Python knows it."""
    import codecs

    m = _META_CHARSET.search(data[:4096])
    if not m:
        return None
    name = m.group(1).decode("ascii", "ignore").lower()
    # Browsers read latin-1 / ascii declarations as windows-1252 (WHATWG Encoding standard).
    if name in ("iso-8859-1", "latin-1", "latin1", "us-ascii", "ascii"):
        name = "cp1252"
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text without a BOM: every other byte is zero for Latin text."""
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    if odd.count(0) > 0.4 * len(odd) and even.count(0) < 0.05 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.4 * len(even) and odd.count(0) < 0.05 * len(odd):
        return "utf-16-be"
    return None


def decode(data: bytes, path: Path | str = "<bytes>", html: bool = False) -> tuple[str, str]:
    """Bytes -> (text, encoding name). Raises ``InputError`` for binary or undecodable data."""
    text, encoding, _ = decode_explained(data, path, html)
    return text, encoding


def decode_explained(
    data: bytes, path: Path | str = "<bytes>", html: bool = False
) -> tuple[str, str, str]:
    """Bytes -> (text, encoding name, how it was known).

    Order: a BOM; for HTML, the page's own <meta charset> when the bytes decode cleanly with it;
    UTF-8; UTF-16 without a BOM; then ``charset.guess``.
    """
    if not data.strip():
        raise InputError(path, "file is empty")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(encoding), encoding, "byte-order mark"
            except UnicodeDecodeError as exc:
                raise InputError(path, f"cannot decode as {encoding}: {exc.reason}") from exc
    if html:
        declared = _declared_charset(data)
        if declared:
            try:
                return data.decode(declared), declared, "declared by the page"
            except UnicodeDecodeError:
                pass  # the declaration is wrong; fall back to what the bytes say
    try:
        return data.decode("utf-8"), "utf-8", "valid UTF-8"
    except UnicodeDecodeError:
        pass
    utf16 = _utf16_without_bom(data)
    if utf16:
        try:
            return data.decode(utf16), utf16, "UTF-16 byte pattern"
        except UnicodeDecodeError:
            pass
    if _looks_binary(data):
        raise InputError(path, "binary file, not text (expected .txt, .html or .md)")
    from .charset import guess

    found = guess(data)
    if found is None:
        raise InputError(path, "cannot detect the text encoding")
    return found.text, found.encoding, found.note()


def _looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13, 27))
    return controls > len(sample) * 0.05


def clean_text(text: str) -> str:
    """NFC, Unix newlines, no invisible characters, non-breaking spaces as spaces, and mojibake
    ("Ukraineâ€™s": UTF-8 read as cp1252 somewhere upstream) repaired by ftfy."""
    if _MOJIBAKE.search(text):
        import ftfy  # well-kept and light; fix_encoding only undoes mis-decoding, quotes stay

        text = ftfy.fix_encoding(text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _INVISIBLE.sub("", text)
    text = text.replace("\u00a0", " ").replace("\u202f", " ").replace("\u2007", " ")
    return unicodedata.normalize("NFC", text)


# Characters that UTF-8 bytes become when read as cp1252/latin-1: "â€", "Ã©", "Ð¾".
_MOJIBAKE = re.compile(
    "[\u00c2-\u00c3\u00d0-\u00d1\u00e2][\u0080-\u00bf\u0152-\u0178\u02c6-\u2122]"
)


def detect_kind(path: Path, text: str) -> SourceKind:
    kind = KINDS.get(path.suffix.lower())
    if kind:
        return kind
    head = text.lstrip()[:1000].lower()
    if head.startswith(("<!doctype html", "<html")) or "<body" in head:
        return "html"
    return "text"
