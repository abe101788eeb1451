"""Intro and outro: what the episode says before and after the article, and optional music.

The intro names the article ("{title}. By {author}, {publication}, {date}."), saying only the
parts that are known; the outro is the AI disclosure. Both are Segments (kinds "intro" and
"outro"): the intro shares chapter 0 with the title, the outro gets a chapter of its own. Music
files are decoded by the ffmpeg binary from imageio-ffmpeg, faded with pydub, and become clips
with nothing to say (their level is matched to the speech in ``stitch``).
"""

from __future__ import annotations

import dataclasses
import re
import string
import subprocess
from collections.abc import Iterable, Iterator, Sequence
from datetime import datetime
from pathlib import Path

from .config import DISCLOSURE, INTRO_TEMPLATE, Options
from .errors import ConfigError
from .languages import disclosure_for, for_language
from .lexicon import Lexicon
from .models import Article, Audio, Clip, Segment

MUSIC_FADE_IN_MS = 40
MUSIC_FADE_OUT_MS = 600
MUSIC_PAUSE_MS = 300
"""Silence between a jingle and the speech next to it."""
INTRO_CHAPTER = "Intro"
OUTRO_CHAPTER = "Outro"


def written_date(when: datetime, language: str = "en") -> str:
    native = for_language(language)
    if native is not None:
        return native.written_date(when)  # "14. März 2024", "14 березня 2024 року"
    return f"{when:%B} {when.day}, {when.year}"


def fill(template: str, fields: dict[str, str | None], by: str = "By") -> str:
    """Fill ``template``; a missing field disappears with the punctuation around it."""
    names = {name for _, name, _, _ in string.Formatter().parse(template) if name}
    unknown = names - set(fields)
    if unknown:
        raise ConfigError(
            None, f"unknown field {{{sorted(unknown)[0]}}} in template (known: {', '.join(fields)})"
        )
    text = template.format_map({k: (v or "").strip() for k, v in fields.items()})
    word = re.escape(by)  # "By" in English, "Von", "Par", "Автор:" ...
    # "By , Kyiv Independent" -> "By Kyiv Independent"
    text = re.sub(rf"\b{word}\s*[,;]\s*(?=\w)", f"{by} ", text)
    text = re.sub(rf"\b{word}\s*(?=[,.;:!?]|$)", "", text)  # "By ." -> "."
    text = re.sub(r"\s+([,.;:!?])", r"\1", text)
    text = re.sub(r"([,;:])(?:\s*[,;:])+", r"\1", text)  # ", ," -> ","
    text = re.sub(r"[,;:]\s*([.!?])", r"\1", text)  # ", ." -> "."
    text = re.sub(r"([.!?])(?:\s*[.,;:])+", r"\1", text)  # ". ." -> "."
    text = re.sub(r"^[\s,.;:]+", "", text)
    return re.sub(r"\s{2,}", " ", text).strip()


def intro_text(article: Article, template: str, language: str = "en") -> str:
    """The written intro for ``article`` (the normalize stage makes it speakable)."""
    meta = article.metadata
    native = for_language(language)
    fields: dict[str, str | None] = {
        "title": article.title.rstrip(".").strip(),
        "author": meta.author,
        "publication": meta.publication if meta.publication != meta.author else None,
        "date": written_date(meta.published, language) if meta.published else None,
    }
    return fill(template, fields, native.by if native is not None else "By")


def bookend(
    article: Article,
    segments: Sequence[Segment],
    options: Options,
    language: str = "en",
    lexicon: Lexicon | None = None,
) -> tuple[Segment, ...]:
    """``segments`` with the intro (section 0) and outro (a last section) added, re-indexed.

    Their spoken form comes from the normalize stage, like the article's (so the date is said
    as a newsreader says it: "November fifth, twenty twenty-four").
    """
    from .normalize import normalize

    body = list(segments)
    out: list[Segment] = []
    native = for_language(language)  # the intro and outro in the article's language
    template = options.intro_text or (native.intro_template if native else INTRO_TEMPLATE)
    if options.intro:
        text = intro_text(article, template, language)
        if text and "{title}" in template:  # the intro says the title: not twice
            body = [s for s in body if s.kind != "title"]
        if text:
            spoken = normalize(text, language, lexicon)
            out.append(Segment(0, "intro", text, spoken, 0, section=0, paragraph=-1))
    out.extend(body)
    if options.outro:
        disclosure = disclosure_for(language, options.disclosure or DISCLOSURE)
        text = (options.outro_text or disclosure).strip()
        if text:
            last = max((s.section for s in body), default=0) + 1
            spoken = normalize(text, language, lexicon)
            out.append(Segment(0, "outro", text, spoken, 0, section=last, paragraph=-1))
    return tuple(dataclasses.replace(s, index=i) for i, s in enumerate(out))


def chapter_titles(article: Article, segments: Sequence[Segment]) -> dict[int, str]:
    """Section number -> chapter title: Intro (or the title), each heading, Outro."""
    titles: dict[int, str] = {}
    for s in segments:
        if s.kind == "heading":
            titles.setdefault(s.section, s.text)
        elif s.kind == "outro":
            titles[s.section] = OUTRO_CHAPTER
    has_intro = any(s.kind == "intro" for s in segments)
    titles.setdefault(0, INTRO_CHAPTER if has_intro else article.title)
    return titles


def load_music(path: Path, rate: int) -> Audio:
    """Decode any audio file to 16-bit mono PCM at ``rate`` (imageio-ffmpeg), with fades (pydub)."""
    from ._pydub import AudioSegment
    from .encode import ffmpeg_exe

    if not Path(path).is_file():
        raise ConfigError(path, "audio file not found")
    cmd = [
        ffmpeg_exe(), "-hide_banner", "-loglevel", "error", "-nostdin", "-i", str(path),
        "-vn", "-ac", "1", "-ar", str(rate), "-f", "s16le", "-acodec", "pcm_s16le", "pipe:1",
    ]  # fmt: skip
    proc = subprocess.run(cmd, capture_output=True, check=False)
    if proc.returncode != 0 or not proc.stdout:
        why = proc.stderr.decode("utf-8", "replace").strip().splitlines()
        raise ConfigError(path, f"cannot decode audio: {why[-1] if why else 'no audio'}")
    seg = AudioSegment(data=proc.stdout, sample_width=2, frame_rate=rate, channels=1)
    fade_out = min(MUSIC_FADE_OUT_MS, len(seg) // 3)
    seg = seg.fade_in(min(MUSIC_FADE_IN_MS, len(seg) // 3)).fade_out(fade_out)
    return Audio(frames=seg.raw_data, rate=rate, width=2, channels=1)


def music_clip(audio: Audio, kind: str, section: int) -> Clip:
    seg = Segment(-1, kind, "", "", MUSIC_PAUSE_MS, section=section, paragraph=-1)  # type: ignore[arg-type]
    return Clip(segment=seg, audio=audio)


def with_music(
    clips: Iterable[Clip], intro: Audio | None, outro: Audio | None, outro_section: int
) -> Iterator[Clip]:
    """The clips with the intro music first and the outro music last."""
    if intro is not None:
        yield music_clip(intro, "intro", 0)
    last: Clip | None = None
    for clip in clips:
        if last is not None:
            yield last
        last = clip
    if last is not None:
        if outro is not None and last.segment.pause_after_ms < MUSIC_PAUSE_MS:
            last = dataclasses.replace(
                last, segment=dataclasses.replace(last.segment, pause_after_ms=MUSIC_PAUSE_MS)
            )
        yield last
    if outro is not None:
        yield music_clip(outro, "outro", outro_section)
