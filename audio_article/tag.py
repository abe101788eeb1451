"""Stage 8: ID3 tags (mutagen), written to the MP3 before it is moved into place."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .errors import TagError
from .models import Article, Timeline


@dataclass(frozen=True)
class TagInfo:
    """What goes into the tags besides the article itself."""

    disclosure: str
    encoder: str = ""
    id3_version: int = 3


def write_tags(path: Path, article: Article, timeline: Timeline, info: TagInfo) -> None:
    """Write ID3 (v2.3 by default) to ``path``. Raises ``TagError``."""
    from mutagen.id3 import COMM, ID3, TALB, TCON, TDRC, TIT2, TLAN, TLEN, TPE1, TSSE

    meta = article.metadata
    tags = ID3()
    tags.add(TIT2(encoding=3, text=article.title))
    artist = meta.author or meta.publication
    if artist:
        tags.add(TPE1(encoding=3, text=artist))
    if meta.publication:
        tags.add(TALB(encoding=3, text=meta.publication))
    if meta.published:
        tags.add(TDRC(encoding=3, text=meta.published.strftime("%Y-%m-%dT%H:%M:%S")))
    tags.add(TCON(encoding=3, text="Podcast"))
    if meta.language:
        tags.add(TLAN(encoding=3, text=meta.language))
    tags.add(TLEN(encoding=3, text=str(round(timeline.duration_ms))))
    if info.encoder:
        tags.add(TSSE(encoding=3, text=info.encoder))
    tags.add(COMM(encoding=3, lang="eng", desc="AI disclosure", text=info.disclosure))
    try:
        tags.save(path, v2_version=info.id3_version)
    except Exception as exc:
        raise TagError(path, f"cannot write ID3 tags: {exc}") from exc
