"""Articles that are not files yet: a page URL, standard input (and, in ``from_feed``, feed items).

Each becomes a file first, a *stored source* in the output folder's state directory
(``OUT/.audio-article/sources/<key>/<name>``, UTF-8 with a BOM, so it reads back exactly as it was
decoded here), and then goes down the same path as a saved file: ``pipeline.convert_file``. That
keeps one pipeline and gives these inputs what files have: the up-to-date check and the record of
the output's name (``manifest``), keyed by the stored file, which is one per URL (or per feed
item, or per title read from standard input). A page fetched again whose bytes changed but whose
article did not (a new ad slot, a clock, a nonce) keeps the stored file as it was, so it stays up
to date instead of being spoken again.

Nothing is stored when the fetch fails; a fetched page that cannot be converted leaves only its
stored source (no MP3, no sidecars: those appear atomically or not at all).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import tempfile
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO
from urllib.parse import unquote, urlsplit

from .errors import AudioArticleError, InputError
from .models import Article, SourceKind

if TYPE_CHECKING:
    from .claims import Run
    from .config import Options
    from .fetch import Fetcher, FetchOptions, Response
    from .models import Episode

SOURCES = "sources"
"""Folder of stored sources, inside the output folder's state directory."""
STDIN = "<stdin>"
"""How standard input is named in messages."""
SUFFIX: dict[SourceKind, str] = {"html": ".html", "text": ".txt", "markdown": ".md"}
FORMATS: dict[str, SourceKind] = {"text": "text", "html": "html", "md": "markdown"}
"""``--format`` names -> source kinds."""
_MEDIA_KIND: dict[str, SourceKind] = {
    "text/html": "html",
    "application/xhtml+xml": "html",
    "text/plain": "text",
    "text/markdown": "markdown",
    "text/x-markdown": "markdown",
}


def with_origin(article: Article, url: str | None, guid: str | None) -> Article:
    """``article`` with the URL it was fetched from and its feed guid (when there are any)."""
    if not url and not guid:
        return article
    meta = article.metadata
    return replace(
        article,
        metadata=replace(meta, url=url or meta.url, guid=guid or meta.guid),
    )


def source_folder(out_dir: Path, key: str) -> Path:
    """The stored-source folder for ``key`` (a URL, a feed guid, ...): one per key, stable."""
    from .manifest import STATE_DIR

    digest = hashlib.sha256(key.encode("utf-8")).hexdigest()[:24]
    return Path(out_dir) / STATE_DIR / SOURCES / digest


def page_name(url: str, kind: SourceKind) -> str:
    """A file name for a page: the last part of its path, slugged ("story.html", "index.html").

    It is what the extractor falls back on for a title when the page has none readable.
    """
    from .naming import slug

    last = unquote(urlsplit(url).path.rstrip("/").rsplit("/", 1)[-1])
    stem = last.rsplit(".", 1)[0] if "." in last else last
    return slug(stem, fallback="index") + SUFFIX[kind]


def page_text(response: Response) -> tuple[str, SourceKind]:
    """The text of a fetched page and its kind.

    The charset comes from a byte-order mark, then the Content-Type header, then the page's own
    ``<meta charset>`` (``read.decode``), then the bytes themselves. As browsers do (the WHATWG
    Encoding standard), a declared latin-1 or ASCII is read as windows-1252.
    """
    from .read import decode, detect_kind

    kind = _MEDIA_KIND.get(response.media_type)
    if kind is None:  # no Content-Type: the bytes say
        sniff = response.body[:1000].lower()
        kind = "html" if b"<html" in sniff or b"<!doctype html" in sniff else "text"
        if kind == "text" and response.url.lower().endswith((".md", ".markdown")):
            kind = "markdown"
    elif kind == "text" and response.url.lower().endswith((".md", ".markdown")):
        kind = "markdown"  # raw Markdown is usually served as text/plain
    if kind == "text":
        kind = detect_kind(Path("page"), response.body[:4000].decode("latin-1"))
    body = response.body
    encoding = _encoding(response.charset)
    if encoding and not body.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        try:
            return body.decode(encoding), kind
        except UnicodeDecodeError:
            pass  # the header is wrong; what the bytes say is next
    text, _ = decode(body, response.url, html=kind == "html")
    return text, kind


def _encoding(label: str | None) -> str | None:
    import codecs

    if not label:
        return None
    name = label.strip().strip("\"'").lower()
    if name in ("iso-8859-1", "latin-1", "latin1", "us-ascii", "ascii", "iso8859-1"):
        name = "cp1252"
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def store_source(folder: Path, name: str, text: str) -> Path:
    """Write ``text`` as ``folder/name`` (atomically), unless the article in it is unchanged.

    Other files in ``folder`` (the same source read before as another kind) go, records too.
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    data = b"\xef\xbb\xbf" + text.encode("utf-8")
    fd, tmp_name = tempfile.mkstemp(prefix=".", suffix=Path(name).suffix + ".part", dir=folder)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        if path.is_file() and (path.read_bytes() == data or _same_article(path, tmp)):
            tmp.unlink()
        else:
            os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    for other in folder.iterdir():
        if other != path and other.is_file() and not other.name.startswith("."):
            _forget(other)
    return path


def _forget(path: Path) -> None:
    """Remove a stored source that was replaced by one of another kind, and its record."""
    from . import manifest

    out_dir = path.parents[3]  # OUT/.audio-article/sources/<key>/<name>
    manifest.remove_record(out_dir, path)
    with contextlib.suppress(OSError):
        path.unlink()


def _same_article(old: Path, new: Path) -> bool:
    """Both files read as the same article (title, text and metadata; not the page around it)."""
    from .extract import extract
    from .read import read_source

    try:
        a, b = (extract(read_source(p)) for p in (old, new))
    except AudioArticleError:
        return False
    return (a.title, a.sections, a.metadata) == (b.title, b.sections, b.metadata)


def _relabel(exc: AudioArticleError, label: str) -> AudioArticleError:
    """The same error, named after what the user gave (the URL, ``<stdin>``), not the stored file."""
    new = type(exc)(label, exc.message)
    new.__cause__ = exc
    return new


# --- convert URL --------------------------------------------------------------------------


def convert_url(
    url: str,
    options: Options,
    fetch: FetchOptions | None = None,
    *,
    fetcher: Fetcher | None = None,
) -> Episode:
    """Fetch the page at ``url`` and convert it as a saved file would be; the URL goes into the
    episode (WOAS, feed link, guid). Raises ``FetchError`` (named by the URL) when the fetch fails,
    before anything is written."""
    from .fetch import Fetcher
    from .pipeline import convert_file

    own = fetcher is None
    fetcher = fetcher or Fetcher(fetch)
    try:
        response = fetcher.get(url)
    finally:
        if own:
            fetcher.close()
    text, kind = page_text(response)
    path = store_source(source_folder(options.output_dir, url), page_name(response.url, kind), text)
    try:
        return convert_file(path, replace(options, source_url=response.url))
    except AudioArticleError as exc:
        raise _relabel(exc, url) from exc


# --- convert - ----------------------------------------------------------------------------

_HTML_TAGS = re.compile(r"</(?:p|div|h[1-6]|article|section|li|span|a)>", re.IGNORECASE)


def guess_kind(text: str) -> SourceKind:
    """HTML, Markdown or plain text, from the text alone (for ``convert -`` without ``--format``).

    HTML: a document start, or closing tags of body elements. Markdown: what its parser
    (markdown-it) finds that plain text does not have: ``#`` headings, links, images, code
    fences, bold or italic, a YAML front-matter block. Otherwise plain text.
    """
    head = text.lstrip()[:2000].lower()
    if head.startswith(("<!doctype html", "<html", "<?xml")) or "<body" in head:
        return "html"
    if len(_HTML_TAGS.findall(text[:50_000])) >= 2:
        return "html"
    if re.match(r"\A---[ \t]*\n.*?\n---[ \t]*\n", text.lstrip("\ufeff"), re.DOTALL):
        return "markdown"
    from markdown_it import MarkdownIt

    signals = {"link_open", "image", "strong_open", "em_open", "code_inline"}
    for token in MarkdownIt("commonmark").parse(text[:50_000]):
        if token.type == "heading_open" and token.markup.startswith("#"):
            return "markdown"
        if token.type == "fence":
            return "markdown"
        if token.children and any(t.type in signals for t in token.children):
            return "markdown"
    return "text"


def read_stdin(stream: BinaryIO) -> bytes:
    """Everything on ``stream`` (up to the file size limit), or an ``InputError``."""
    from .read import MAX_BYTES

    data = stream.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise InputError(STDIN, f"input too large (limit {MAX_BYTES // 1_000_000} MB)")
    if not data.strip():
        raise InputError(STDIN, "no article on standard input")
    return data


def convert_stdin(data: bytes, options: Options, kind: SourceKind | None = None) -> Episode:
    """Convert an article given as bytes (standard input): ``kind`` guessed when None.

    Stored by its title, so piping the same article again (edited or not) updates one MP3 and
    another article gets its own.
    """
    from .extract import extract
    from .models import Source
    from .naming import slug
    from .pipeline import convert_file
    from .read import clean_text, decode

    try:
        text, _ = decode(data, STDIN, html=kind == "html")
        kind = kind or guess_kind(text)
        # Named by its first words: what the extractor falls back on for a title (not "Stdin").
        words = re.sub(r"<[^>]*>|[#*_`\[\]()]", " ", text[:2000]).split()[:6]
        name = slug(" ".join(words), fallback="stdin") + SUFFIX[kind]
        title = extract(Source(Path(name), clean_text(text), kind)).title
        folder = source_folder(options.output_dir, f"stdin:{slug(title)}")
        path = store_source(folder, name, text)
        return convert_file(path, options)
    except AudioArticleError as exc:
        if exc.path == STDIN:
            raise
        raise _relabel(exc, STDIN) from exc


def convert_input(
    item: Path | str,
    options: Options,
    fetch: FetchOptions | None = None,
    stdin_format: str | None = None,
    run: Run | None = None,
    shared: frozenset[int] = frozenset(),
) -> Episode:
    """What ``convert`` is given, converted: a file path, a page URL, or ``-`` (standard input).

    ``run``: the invocation a file's claim is taken for (see ``claims``); ``shared``: a file's
    lines that the other files of the invocation show too (``site``)."""
    import sys

    from .fetch import is_url
    from .pipeline import convert_file

    if item == "-":
        kind = FORMATS[stdin_format] if stdin_format else None
        if sys.stdin is None or sys.stdin.isatty():
            raise InputError(
                STDIN, "is a terminal: pipe an article in (`... | audio-article convert -`)"
            )
        return convert_stdin(read_stdin(sys.stdin.buffer), options, kind)
    if isinstance(item, str) and is_url(item):
        return convert_url(item, options, fetch)
    return convert_file(item, options, run=run, shared=shared)
