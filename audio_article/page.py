"""Episode pages: a static, self-contained ``<stem>.html`` per episode and an ``index.html``.

Everything comes from the episode's own sidecars (``<stem>.json``, ``<stem>.timings.json``, else
the ``<stem>.vtt``) and two Jinja2 templates shipped in ``data/page/``; the CSS and the script are
inline, so a page needs no network, no CDN and no build step: open it from the disk or serve the
folder as it is. Every string that came from the article is escaped by Jinja2's autoescaping; links
to the source are kept only when they are http(s).

The page plays the MP3 in an ``<audio>`` element; the script highlights the sentence being spoken
(and, where the engine reported word timings, the word, with the CSS Custom Highlight API, so no
per-word elements are needed), scrolls it into view, seeks on a click, Enter or Space on a
sentence or a chapter button, and moves between sentences with the arrow keys.
"""

from __future__ import annotations

import contextlib
import functools
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from .config import DISCLOSURE
from .encode import atomic_write_text
from .errors import InputError

INDEX_NAME = "index.html"
AI_LABEL = "AI-narrated"


@dataclass(frozen=True)
class PageCue:
    start: int
    end: int
    text: str
    words: tuple[int, ...] = ()
    """Start of each whitespace-separated word of ``text``, ms from ``start``."""


@dataclass(frozen=True)
class Block:
    """A run of cues shown together: a paragraph, a heading, the intro or the outro."""

    kind: str
    cues: tuple[PageCue, ...]


@dataclass(frozen=True)
class EpisodePage:
    """What an episode page shows, read from the sidecars."""

    mp3: Path
    title: str
    duration_ms: float
    blocks: tuple[Block, ...]
    chapters: tuple[tuple[str, float], ...] = ()
    """(title, start ms)."""
    author: str | None = None
    publication: str | None = None
    published: datetime | None = None
    url: str | None = None
    description: str | None = None
    language: str = "en"
    disclosure: str = DISCLOSURE
    source_type: str = ""
    voice: str = ""
    engine: str = ""
    guessed: tuple[str, ...] = field(default=())

    @property
    def cues(self) -> tuple[PageCue, ...]:
        return tuple(c for b in self.blocks for c in b.cues)

    @property
    def html_path(self) -> Path:
        return self.mp3.with_suffix(".html")


def clock(ms: float) -> str:
    """'4:05' or '1:02:03'."""
    total = int(ms // 1000)  # as players show it (0:59 until a whole minute has passed)
    hours, rest = divmod(total, 3600)
    minutes, seconds = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{seconds:02d}" if hours else f"{minutes}:{seconds:02d}"


def _safe_url(url: Any) -> str | None:
    """Only http(s) links: a ``javascript:`` URL in a page's metadata must not become a link."""
    if isinstance(url, str) and re.match(r"https?://[^\s\"'<>]+$", url.strip(), re.IGNORECASE):
        return url.strip()
    return None


def _date(value: Any) -> datetime | None:
    if isinstance(value, str) and value.strip():
        with contextlib.suppress(ValueError):
            return datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    return None


def _read_json(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise InputError(path, f"cannot read: {exc.strerror or exc}") from exc
    except ValueError as exc:
        raise InputError(path, f"not valid JSON: {exc}") from exc
    if not isinstance(data, dict):
        raise InputError(path, "not a JSON object")
    return data


def _group(cues: Iterable[dict[str, Any]]) -> tuple[Block, ...]:
    """Sentences of one paragraph run on; the title, headings, intro and outro stand alone."""
    blocks: list[tuple[str, list[PageCue]]] = []
    last: tuple[str, int] | None = None
    for n, c in enumerate(cues):
        kind = str(c.get("kind") or "sentence")
        key = ("p", int(c.get("paragraph", 0))) if kind == "sentence" else (kind, n)
        if key != last:
            blocks.append((kind, []))
        words = c.get("words") or ()
        blocks[-1][1].append(
            PageCue(
                start=int(c["start"]),
                end=int(c["end"]),
                text=" ".join(str(c.get("text", "")).split()),
                words=tuple(int(w) for w in words),
            )
        )
        last = key
    return tuple(Block(kind, tuple(cs)) for kind, cs in blocks)


_VTT_TIME = re.compile(r"(?:(\d+):)?(\d{2}):(\d{2})[.,](\d{3})")


def _vtt_ms(stamp: str) -> int:
    m = _VTT_TIME.fullmatch(stamp.strip())
    if not m:
        raise ValueError(stamp)
    h, mi, s, ms = (int(g or 0) for g in m.groups())
    return ((h * 60 + mi) * 60 + s) * 1000 + ms


def _vtt_cues(path: Path) -> list[dict[str, Any]]:
    """Cues of our own WebVTT (for episodes made before the timings sidecar): no paragraphs."""
    out = []
    for block in path.read_text(encoding="utf-8").split("\n\n"):
        lines = block.strip().splitlines()
        at = next((i for i, line in enumerate(lines) if "-->" in line), None)
        if at is None:
            continue
        start, end = (p.split()[0] for p in lines[at].split("-->"))
        with contextlib.suppress(ValueError):
            text = " ".join(lines[at + 1 :])
            out.append({"start": _vtt_ms(start), "end": _vtt_ms(end), "text": text})
    return out


def load_episode(mp3: Path) -> EpisodePage:
    """An episode page's content from the MP3's sidecars. Raises ``InputError``."""
    mp3 = Path(mp3)
    meta_path = mp3.with_suffix(".json")
    if not meta_path.exists():
        raise InputError(mp3, f"no {meta_path.name} next to it (convert without --no-sidecars)")
    data = _read_json(meta_path)
    timings = mp3.with_suffix(".timings.json")
    vtt = mp3.with_suffix(".vtt")
    if timings.exists():
        cues = _read_json(timings).get("cues")
        if not isinstance(cues, list):
            raise InputError(timings, "no cues")
    elif vtt.exists():
        cues = _vtt_cues(vtt)
    else:
        raise InputError(mp3, f"no {timings.name} or {vtt.name} next to it")
    try:
        blocks = _group(cues)
    except (KeyError, TypeError, ValueError) as exc:
        raise InputError(timings, f"malformed cue: {exc}") from exc
    meta = data.get("metadata") if isinstance(data.get("metadata"), dict) else {}
    ai = data.get("ai") if isinstance(data.get("ai"), dict) else {}
    engine = data.get("engine") if isinstance(data.get("engine"), dict) else {}
    chapters = []
    for c in data.get("chapters") or ():
        with contextlib.suppress(KeyError, TypeError, ValueError):
            chapters.append((str(c["title"]), float(c["start_ms"])))

    def text(value: Any) -> str | None:
        return value.strip() if isinstance(value, str) and value.strip() else None

    return EpisodePage(
        mp3=mp3,
        title=text(data.get("title")) or mp3.stem,
        duration_ms=float(data.get("duration_ms") or (cues[-1]["end"] if cues else 0)),
        blocks=blocks,
        chapters=tuple(chapters),
        author=text(meta.get("author")),
        publication=text(meta.get("publication")),
        published=_date(meta.get("published")),
        url=_safe_url(meta.get("url")),
        description=text(meta.get("description")),
        language=text(meta.get("language")) or "en",
        disclosure=text(ai.get("disclosure")) or DISCLOSURE,
        source_type=text(ai.get("digital_source_type")) or "",
        voice=text(data.get("voice")) or "",
        engine=str(engine.get("version") or engine.get("name") or ""),
        guessed=tuple(str(g) for g in meta.get("guessed") or ()),
    )


@functools.cache
def _environment():  # noqa: ANN202 - a jinja2.Environment, imported lazily
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("audio_article", "data/page"),
        autoescape=True,  # every template here is HTML
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters["clock"] = clock
    return env


@functools.cache
def _asset(name: str) -> tuple[Any, str]:
    """An inline asset (``page.css``, ``page.js``) as markup, and its CSP hash source."""
    import base64
    import hashlib
    from importlib import resources

    import markupsafe

    text = (resources.files("audio_article") / "data" / "page" / name).read_text(encoding="utf-8")
    digest = base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode()
    # our own file, not article text: inserted as it is, allowed by its hash in the CSP
    return markupsafe.Markup(text), f"sha256-{digest}"


def render_episode(page: EpisodePage) -> str:
    """The episode page's HTML."""
    style, style_hash = _asset("page.css")
    script, script_hash = _asset("page.js")
    data = {"cues": [[c.start, c.end, list(c.words)] for c in page.cues]}
    return (
        _environment()
        .get_template("episode.html.j2")
        .render(
            page=page,
            blocks=page.blocks,
            audio=page.mp3.name,
            data=data,
            ai_label=AI_LABEL,
            index=INDEX_NAME,
            style=style,
            style_hash=style_hash,
            script=script,
            script_hash=script_hash,
        )
    )


@dataclass(frozen=True)
class IndexEntry:
    title: str
    href: str
    published: datetime
    duration_s: int
    ai_label: str


def index_entries(out_dir: Path) -> list[IndexEntry]:
    """Every episode under ``out_dir``, newest first, as the feed orders them."""
    from .feed import episode_item, find_episodes

    entries = []
    for mp3 in find_episodes(out_dir):
        item = episode_item(mp3, out_dir, ".")
        page = mp3.with_suffix(".html")
        target = page if page.exists() else mp3
        entries.append(
            IndexEntry(
                title=item.title,
                href=target.relative_to(out_dir).as_posix(),
                published=item.published,
                duration_s=item.duration_s,
                ai_label=AI_LABEL,
            )
        )
    entries.sort(key=lambda e: (e.published, e.title), reverse=True)
    return entries


def render_index(out_dir: Path, title: str | None = None) -> str:
    style, style_hash = _asset("page.css")
    return (
        _environment()
        .get_template("index.html.j2")
        .render(
            title=title or "Episodes",
            entries=index_entries(out_dir),
            disclosure=DISCLOSURE,
            style=style,
            style_hash=style_hash,
        )
    )


@dataclass(frozen=True)
class PagesResult:
    written: tuple[Path, ...]
    index: Path
    skipped: tuple[tuple[Path, str], ...] = ()
    """(MP3, why) for episodes without sidecars to make a page from."""


def write_page(mp3: Path) -> Path:
    """Write ``<stem>.html`` next to ``mp3`` (atomically); returns its path."""
    page = load_episode(mp3)
    atomic_write_text(page.html_path, render_episode(page), mp3)
    return page.html_path


def write_pages(
    out_dir: Path, mp3s: Iterable[Path] | None = None, title: str | None = None
) -> PagesResult:
    """A page for each of ``mp3s`` (default: every MP3 under ``out_dir``), then the index."""
    from .feed import find_episodes

    out_dir = Path(out_dir)
    if not out_dir.is_dir():
        raise InputError(out_dir, "not a folder")
    written, skipped = [], []
    for mp3 in find_episodes(out_dir) if mp3s is None else mp3s:
        try:
            written.append(write_page(mp3))
        except InputError as exc:
            skipped.append((Path(mp3), exc.message))
    index = out_dir / INDEX_NAME
    atomic_write_text(index, render_index(out_dir, title), None)
    return PagesResult(tuple(written), index, tuple(skipped))
