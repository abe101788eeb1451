"""Podcast RSS 2.0 (with the itunes and podcast namespaces) for a folder of episodes.

Each episode is an MP3 in the folder (or below it). What the feed says about it comes from its
sidecar ``<stem>.json`` (written next to the MP3 by ``convert``); where there is none, from the
MP3's own ID3 tags (mutagen). The transcript ``<stem>.vtt`` and chapters ``<stem>.chapters.json``
are linked when present.

An episode's guid never changes for the same article, even when it is re-rendered: it is the
article's canonical URL when known, else a UUID derived from its title and date (never from the
file's bytes, size or name).
"""

from __future__ import annotations

import contextlib
import json
import os
import uuid
import xml.etree.ElementTree as ET
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from email.utils import format_datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote

from .config import DISCLOSURE

ITUNES = "http://www.itunes.com/dtds/podcast-1.0.dtd"
PODCAST = "https://podcastindex.org/namespace/1.0"
ATOM = "http://www.w3.org/2005/Atom"
FEED_NAME = "feed.xml"
CATEGORY = "News"
GUID_NAMESPACE = uuid.UUID("6f1c7a52-3f0e-4c53-9a57-4e7f0f1b3a11")
"""Namespace for guids derived from title + date (fixed forever: changing it changes guids)."""


@dataclass(frozen=True)
class Channel:
    """The podcast as a whole."""

    title: str
    base_url: str
    """Where the output folder is served; enclosure URLs are ``base_url/<relative path>``."""
    author: str | None = None
    image: str | None = None
    """Artwork URL (absolute, or relative to ``base_url``)."""
    language: str = "en"
    description: str | None = None
    category: str = CATEGORY


@dataclass(frozen=True)
class Item:
    """One episode as the feed shows it."""

    title: str
    guid: str
    url: str
    length: int
    duration_s: int
    published: datetime
    description: str
    link: str | None = None
    transcript_url: str | None = None
    chapters_url: str | None = None
    author: str | None = None
    """The article's author, else its publication (itunes:author of the item)."""


def _url(base: str, rel: str) -> str:
    if "://" in rel:
        return rel
    return base.rstrip("/") + "/" + quote(rel)


def _sidecar(mp3: Path) -> dict[str, Any]:
    """The episode's sidecar JSON, flattened to one level (nested ``article``/``metadata``)."""
    path = mp3.with_suffix(".json")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict):
        return {}
    flat: dict[str, Any] = {}
    for key in ("article", "metadata", "episode", "ai"):
        inner = data.get(key)
        if isinstance(inner, dict):
            flat.update({k: v for k, v in inner.items() if not isinstance(v, dict)})
            meta = inner.get("metadata")
            if isinstance(meta, dict):
                flat.update(meta)
    flat.update({k: v for k, v in data.items() if not isinstance(v, dict)})
    return flat


def _id3(mp3: Path) -> dict[str, Any]:
    """Fallback: what the MP3's tags say (title, author, date, url, description, duration)."""
    from mutagen.mp3 import MP3, HeaderNotFoundError

    try:
        audio = MP3(mp3)
    except (HeaderNotFoundError, OSError, Exception):
        return {}
    out: dict[str, Any] = {"duration_s": audio.info.length}
    tags = audio.tags or {}

    def text(frame: str) -> str | None:
        f = tags.get(frame)
        return str(f.text[0]) if f is not None and getattr(f, "text", None) else None

    out["title"] = text("TIT2")
    out["author"] = text("TPE1")
    out["publication"] = text("TALB")
    out["published"] = text("TDRC")
    out["language"] = text("TLAN")
    for key in tags:
        if key.startswith("WOAS") or key.startswith("WXXX"):
            out["url"] = tags[key].url
        if key.startswith("COMM") and "disclosure" not in key.lower():
            out.setdefault("description", str(tags[key].text[0]))
    return {k: v for k, v in out.items() if v is not None}


def _date(value: Any, fallback: datetime | None) -> datetime | None:
    if isinstance(value, str) and value.strip():
        with contextlib.suppress(ValueError):
            d = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
            return d if d.tzinfo else d.replace(tzinfo=UTC)
    return fallback


def _duration(meta: dict[str, Any], mp3: Path) -> int:
    for key, scale in (("duration_s", 1), ("duration", 1), ("duration_ms", 1000)):
        value = meta.get(key)
        if isinstance(value, int | float) and value > 0:
            return round(value / scale)
    from mutagen.mp3 import MP3

    with contextlib.suppress(Exception):
        return round(MP3(mp3).info.length)
    return 0


def stable_guid(url: str | None, title: str, published: datetime | None, name: str) -> str:
    """The article's URL, else a UUID of its title, date and output name (stable: an article
    keeps its output name across runs): the same for every re-render."""
    if url:
        return url
    date = published.date().isoformat() if published else ""
    return f"urn:uuid:{uuid.uuid5(GUID_NAMESPACE, f'{title.strip()}|{date}|{name}')}"


def episode_item(mp3: Path, out_dir: Path, base_url: str) -> Item:
    """Everything the feed needs about one MP3 (sidecar first, ID3 tags as the fallback)."""
    meta = {**_id3(mp3), **_sidecar(mp3)}
    rel = mp3.relative_to(out_dir).as_posix()
    stat = mp3.stat()
    title = str(meta.get("title") or mp3.stem)
    dated = meta.get("published") or meta.get("date")
    article_date = _date(dated, None)
    published = article_date or datetime.fromtimestamp(stat.st_mtime, UTC)
    url = meta.get("url") or meta.get("canonical_url")
    description = str(meta.get("description") or meta.get("summary") or title)
    disclosure = str(meta.get("disclosure") or DISCLOSURE)
    if disclosure not in description:
        description = f"{description}\n\n{disclosure}"
    transcript = mp3.with_suffix(".vtt")
    chapters = mp3.with_suffix(".chapters.json")
    return Item(
        title=title,
        guid=str(meta.get("guid") or stable_guid(url, title, article_date, rel[: -len(".mp3")])),
        url=_url(base_url, rel),
        length=stat.st_size,
        duration_s=_duration(meta, mp3),
        published=published,
        description=description,
        link=url,
        transcript_url=_url(base_url, transcript.relative_to(out_dir).as_posix())
        if transcript.exists()
        else None,
        chapters_url=_url(base_url, chapters.relative_to(out_dir).as_posix())
        if chapters.exists()
        else None,
        author=str(meta.get("author") or meta.get("publication") or "") or None,
    )


def find_episodes(out_dir: Path) -> list[Path]:
    """Every MP3 under ``out_dir`` (hidden files and folders left out)."""
    out = []
    for folder, dirs, files in os.walk(out_dir):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        out += [Path(folder) / f for f in files if f.endswith(".mp3") and not f.startswith(".")]
    return sorted(out)


def build_feed(out_dir: Path, channel: Channel, feed_name: str = FEED_NAME) -> bytes:
    """The RSS document for every episode in ``out_dir``, newest first."""
    out_dir = Path(out_dir)
    items = [episode_item(p, out_dir, channel.base_url) for p in find_episodes(out_dir)]
    items.sort(key=lambda i: (i.published, i.title), reverse=True)
    seen: set[str] = set()
    for n, item in enumerate(items):  # two files of one article (one URL): keep guids unique
        if item.guid in seen:
            items[n] = replace(item, guid=f"{item.guid}#{item.url.rsplit('/', 1)[-1]}")
        seen.add(items[n].guid)
    for prefix, ns in (("itunes", ITUNES), ("podcast", PODCAST), ("atom", ATOM)):
        ET.register_namespace(prefix, ns)
    rss = ET.Element("rss", {"version": "2.0"})
    ch = ET.SubElement(rss, "channel")

    def sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
        el = ET.SubElement(parent, tag, attrs)
        if text is not None:
            el.text = text
        return el

    sub(ch, "title", channel.title)
    sub(ch, "link", channel.base_url)
    description = channel.description or f"{channel.title}: articles read aloud. {DISCLOSURE}"
    sub(ch, "description", description)
    sub(ch, "language", channel.language)
    sub(ch, "generator", "audio-article")
    sub(ch, f"{{{ATOM}}}link", href=_url(channel.base_url, feed_name), rel="self",
        type="application/rss+xml")  # fmt: skip
    if items:
        sub(ch, "lastBuildDate", format_datetime(items[0].published))
    if channel.author:
        sub(ch, f"{{{ITUNES}}}author", channel.author)
    sub(ch, f"{{{ITUNES}}}summary", description)
    if channel.image:
        image = _url(channel.base_url, channel.image)
        sub(ch, f"{{{ITUNES}}}image", href=image)
        img = sub(ch, "image")
        sub(img, "url", image)
        sub(img, "title", channel.title)
        sub(img, "link", channel.base_url)
    ET.SubElement(ch, f"{{{ITUNES}}}category", {"text": channel.category})
    sub(ch, f"{{{ITUNES}}}explicit", "false")
    sub(ch, f"{{{ITUNES}}}type", "episodic")
    sub(ch, f"{{{PODCAST}}}locked", "no")
    sub(ch, f"{{{PODCAST}}}txt", "true", purpose="ai-content")
    for item in items:
        it = sub(ch, "item")
        sub(it, "title", item.title)
        sub(it, "description", item.description)
        if item.link:
            sub(it, "link", item.link)
        sub(it, "enclosure", url=item.url, length=str(item.length), type="audio/mpeg")
        sub(it, "guid", item.guid, isPermaLink="false")
        sub(it, "pubDate", format_datetime(item.published))
        sub(it, f"{{{ITUNES}}}title", item.title)
        if item.author:
            sub(it, f"{{{ITUNES}}}author", item.author)
        sub(it, f"{{{ITUNES}}}duration", str(item.duration_s))
        sub(it, f"{{{ITUNES}}}explicit", "false")
        sub(it, f"{{{ITUNES}}}episodeType", "full")
        if item.transcript_url:
            sub(it, f"{{{PODCAST}}}transcript", url=item.transcript_url, type="text/vtt")
        if item.chapters_url:
            sub(it, f"{{{PODCAST}}}chapters", url=item.chapters_url,
                type="application/json+chapters")  # fmt: skip
        sub(it, f"{{{PODCAST}}}txt", "true", purpose="ai-content")
    ET.indent(rss)
    return ET.tostring(rss, encoding="utf-8", xml_declaration=True) + b"\n"


def write_feed(out_dir: Path, channel: Channel, feed_name: str = FEED_NAME) -> Path:
    """Write ``out_dir/feed.xml`` atomically; returns its path."""
    path = Path(out_dir) / feed_name
    tmp = path.with_name(f".{path.name}.part")
    tmp.write_bytes(build_feed(out_dir, channel, feed_name))
    os.replace(tmp, path)
    return path
