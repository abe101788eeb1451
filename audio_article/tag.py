"""Stage 8: ID3 tags (mutagen), written to the MP3 before it is moved into place.

ID3v2.3 by default (what most podcast apps and car stereos read best), v2.4 on request. Besides
the text frames: the lede and the AI disclosure as comments, the spoken transcript (USLT), cover
art (APIC), the iTunes podcast frames (PCST, TDES), a machine-readable AI label (TXXX frames with
the IPTC digital source type) and chapters: one ordered top-level CTOC and one CHAP per chapter,
times in milliseconds from the timeline.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .cover import Cover
from .errors import TagError, os_error_in
from .models import Article, Timeline

if TYPE_CHECKING:
    from .config import Options, VoiceProfile
    from .engines import Engine

IPTC_SOURCE_TYPE = "http://cv.iptc.org/newscodes/digitalsourcetype/"
ALGORITHMIC = IPTC_SOURCE_TYPE + "algorithmicMedia"
"""Media made by an algorithm without training data (eSpeak NG's formant synthesis)."""
TRAINED_ALGORITHMIC = IPTC_SOURCE_TYPE + "trainedAlgorithmicMedia"
"""Media made by a model trained on sampled content (a neural voice)."""
TOC_ID = "toc"


def digital_source_type(trained: bool) -> str:
    return TRAINED_ALGORITHMIC if trained else ALGORITHMIC


def iso639_2(language: str | None) -> str | None:
    """'en' / 'en-US' / 'eng' -> 'eng' (the ID3 TLAN and COMM language code); None if unknown.

    ISO 639-2/B where it differs from 639-3 ('de' -> 'ger'), from a 34 KB table
    (``data/iso639.json``) instead of pycountry, whose ISO tables cost a worker 11 MB."""
    if not language:
        return None
    code = language.replace("_", "-").split("-")[0].lower()
    table = _iso639()
    if len(code) == 2:
        return table["alpha2"].get(code)
    if len(code) == 3 and code in _alpha3():
        return table["bibliographic"].get(code, code)
    return None


@functools.cache
def _iso639() -> dict[str, Any]:
    import json
    from importlib import resources

    text = resources.files("audio_article").joinpath("data/iso639.json").read_text("utf-8")
    return json.loads(text)


@functools.cache
def _alpha3() -> frozenset[str]:
    return frozenset(_iso639()["alpha3"].split())


@dataclass(frozen=True)
class TagInfo:
    """What goes into the tags besides the article itself."""

    disclosure: str
    encoder: str = ""
    id3_version: int = 3
    language: str | None = None
    """Any language code; written as ISO 639-2."""
    description: str | None = None
    """The lede: COMM and TDES."""
    url: str | None = None
    transcript: str | None = None
    cover: Cover | None = None
    source_type: str = ALGORITHMIC


def transcript_text(timeline: Timeline) -> str:
    """The words of the episode: a cue's text, paragraphs (and intro/outro) on their own."""
    paragraphs: list[list[str]] = []
    last: tuple[str, int] | None = None
    for cue in timeline.cues:
        seg = cue.segment
        if not seg.text.strip():
            continue  # music
        # sentences of one paragraph run on; the title, headings, intro, outro stand alone
        key = ("p", seg.paragraph) if seg.kind == "sentence" else (seg.kind, seg.index)
        if key != last:
            paragraphs.append([])
        paragraphs[-1].append(seg.text.strip())
        last = key
    return "\n\n".join(" ".join(p) for p in paragraphs)


def lede(article: Article) -> str | None:
    """The description: the page's own, else the first paragraph."""
    if article.metadata.description:
        return article.metadata.description
    for section in article.sections:
        if section.paragraphs:
            return section.paragraphs[0]
    return None


def encoder_name(engine: Engine, voice: VoiceProfile) -> str:
    """TSSE: this tool, the MP3 encoder, the speech engine and the voice."""
    from .encode import encoder_version

    return f"audio-article; {encoder_version()}; {engine.version()}; voice {voice.name}"


def episode_tag_info(
    article: Article, timeline: Timeline, options: Options, engine: Engine, voice: VoiceProfile
) -> TagInfo:
    """Everything the tags need from the options, the engine and the voice."""
    from .cover import generate_cover, load_cover
    from .languages import disclosure_for

    meta = article.metadata
    cover = (
        load_cover(options.cover)
        if options.cover
        else generate_cover(
            article.title, meta.publication, label="AI-narrated", language=meta.language
        )
    )
    return TagInfo(
        disclosure=disclosure_for(voice.language, options.disclosure),
        encoder=encoder_name(engine, voice),
        id3_version=4 if options.id3v24 else 3,
        language=meta.language or voice.language,
        description=lede(article),
        url=meta.url,
        transcript=transcript_text(timeline),
        cover=cover,
        source_type=digital_source_type(bool(getattr(engine, "trained", False))),
    )


def write_tags(path: Path, article: Article, timeline: Timeline, info: TagInfo) -> None:
    """Write ID3 (v2.3 by default) to ``path``. Raises ``TagError``."""
    from mutagen.id3 import (
        APIC,
        COMM,
        ID3,
        PCST,
        TALB,
        TCON,
        TDES,
        TDRC,
        TIT2,
        TLAN,
        TLEN,
        TPE1,
        TSSE,
        TXXX,
        USLT,
        WOAS,
        WXXX,
    )

    meta = article.metadata
    lang = iso639_2(info.language or meta.language) or "eng"
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
    tags.add(TLAN(encoding=3, text=lang))
    tags.add(TLEN(encoding=3, text=str(round(timeline.duration_ms))))
    if info.encoder:
        tags.add(TSSE(encoding=3, text=info.encoder))
    if meta.url:
        tags.add(WOAS(url=meta.url))
        tags.add(WXXX(encoding=3, desc="Source", url=meta.url))
    if info.description:
        tags.add(COMM(encoding=3, lang=lang, desc="", text=info.description))
        tags.add(TDES(encoding=3, text=info.description))
    tags.add(COMM(encoding=3, lang=lang, desc="AI disclosure", text=info.disclosure))
    tags.add(TXXX(encoding=3, desc="AI_DISCLOSURE", text=info.disclosure))
    tags.add(TXXX(encoding=3, desc="DIGITAL_SOURCE_TYPE", text=info.source_type))
    tags.add(PCST(value=1))
    if info.transcript:
        tags.add(USLT(encoding=3, lang=lang, desc="", text=info.transcript))
    if info.cover:
        tags.add(APIC(encoding=3, mime=info.cover.mime, type=3, desc="Cover", data=info.cover.data))
    _add_chapters(tags, timeline)
    if info.id3_version == 3:
        tags.update_to_v23()  # TDRC -> TYER/TDAT/TIME (save() alone leaves TDRC in a v2.3 tag)
    try:
        tags.save(path, v2_version=info.id3_version)
        order_chapter_frames(path)
    except Exception as exc:
        if (os_exc := os_error_in(exc)) is not None:  # disk full...: named by the caller
            raise os_exc from exc
        raise TagError(path, f"cannot write ID3 tags: {exc}") from exc


def order_chapter_frames(path: Path) -> None:
    """Put the CHAP frames in the file in time order, in place.

    mutagen writes frames sorted by size, so chapters land in the file in any order; the CTOC
    says the right one, but ffmpeg (and the players built on it) list chapters in file order.
    The frames keep their bytes and the tag its size: only CHAP frames trade places.
    """
    with open(path, "r+b") as f:
        head = f.read(10)
        if len(head) < 10 or head[:3] != b"ID3" or head[5] & 0xC0:  # unsync / extended header
            return
        major = head[3]
        size = _syncsafe(head[6:10])
        body = bytearray(f.read(size))
        frames: list[tuple[int, bytes]] = []  # (offset, whole frame)
        at = 0
        while at + 10 <= len(body) and body[at] != 0:
            raw = body[at + 4 : at + 8]
            length = _syncsafe(raw) if major == 4 else int.from_bytes(raw, "big")
            frames.append((at, bytes(body[at : at + 10 + length])))
            at += 10 + length
        chaps = [(o, fr) for o, fr in frames if fr[:4] == b"CHAP"]
        ordered = sorted((fr for _, fr in chaps), key=_chapter_start)
        if [fr for _, fr in chaps] == ordered:
            return
        out = bytearray()
        queue = iter(ordered)
        for _, fr in frames:
            out += next(queue) if fr[:4] == b"CHAP" else fr
        body[: len(out)] = out
        f.seek(10)
        f.write(body)


def _chapter_start(frame: bytes) -> int:
    """CHAP body: element id, NUL, then the start time in ms (32-bit big-endian)."""
    nul = frame.index(b"\0", 10)
    return int.from_bytes(frame[nul + 1 : nul + 5], "big")


def _syncsafe(b: bytes) -> int:
    return (b[0] << 21) | (b[1] << 14) | (b[2] << 7) | b[3]


def chapter_ids(count: int) -> Sequence[str]:
    return [f"chp{i}" for i in range(count)]


def _add_chapters(tags: object, timeline: Timeline) -> None:
    from mutagen.id3 import CHAP, CTOC, TIT2, CTOCFlags

    if not timeline.chapters:
        return
    ids = chapter_ids(len(timeline.chapters))
    tags.add(  # type: ignore[attr-defined]
        CTOC(
            element_id=TOC_ID,
            flags=CTOCFlags.TOP_LEVEL | CTOCFlags.ORDERED,
            child_element_ids=list(ids),
            sub_frames=[TIT2(encoding=3, text="Chapters")],
        )
    )
    for cid, chapter in zip(ids, timeline.chapters, strict=True):
        tags.add(  # type: ignore[attr-defined]
            CHAP(
                element_id=cid,
                start_time=round(chapter.start_ms),
                end_time=round(chapter.end_ms),
                start_offset=0xFFFFFFFF,
                end_offset=0xFFFFFFFF,
                sub_frames=[TIT2(encoding=3, text=chapter.title)],
            )
        )
