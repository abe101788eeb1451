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
from .models import Article, Audio, Clip, Segment

MUSIC_FADE_IN_MS = 40
MUSIC_FADE_OUT_MS = 600
MUSIC_PAUSE_MS = 300
"""Silence between a jingle and the speech next to it."""
INTRO_CHAPTER = "Intro"
OUTRO_CHAPTER = "Outro"


def written_date(when: datetime) -> str:
    return f"{when:%B} {when.day}, {when.year}"


def spoken_date(when: datetime, language: str = "en") -> str:
    """The date as a newsreader says it: "March fifth, twenty twenty-four"."""
    from num2words import num2words

    lang = language.split("-")[0].split("_")[0] or "en"
    try:
        day = num2words(when.day, lang=lang, to="ordinal")
        year = num2words(when.year, lang=lang, to="year")
    except NotImplementedError:
        day = num2words(when.day, lang="en", to="ordinal")
        year = num2words(when.year, lang="en", to="year")
    return f"{when:%B} {day}, {year}"


def fill(template: str, fields: dict[str, str | None]) -> str:
    """Fill ``template``; a missing field disappears with the punctuation around it."""
    names = {name for _, name, _, _ in string.Formatter().parse(template) if name}
    unknown = names - set(fields)
    if unknown:
        raise ConfigError(
            None, f"unknown field {{{sorted(unknown)[0]}}} in template (known: {', '.join(fields)})"
        )
    text = template.format_map({k: (v or "").strip() for k, v in fields.items()})
    text = re.sub(r"\bBy\s*[,;]\s*(?=\w)", "By ", text)  # "By , Kyiv Independent" -> "By Kyiv..."
    text = re.sub(r"\bBy\s*(?=[,.;:!?]|$)", "", text)  # "By ." -> "."
    text = re.sub(r"\s+([,.;:!?])", r"\1", text)
    text = re.sub(r"([,;:])(?:\s*[,;:])+", r"\1", text)  # ", ," -> ","
    text = re.sub(r"[,;:]\s*([.!?])", r"\1", text)  # ", ." -> "."
    text = re.sub(r"([.!?])(?:\s*[.,;:])+", r"\1", text)  # ". ." -> "."
    text = re.sub(r"^[\s,.;:]+", "", text)
    return re.sub(r"\s{2,}", " ", text).strip()


def _speak(text: str, language: str) -> str:
    """The normalize stage's spoken form of ``text`` where it is available."""
    try:
        from .normalize import normalize
    except ImportError:  # the text stages land separately; the written form is speakable
        return text
    try:
        spoken = normalize(text, language=language)
    except TypeError:
        spoken = normalize(text)
    return spoken if isinstance(spoken, str) else text


def intro_texts(article: Article, template: str, language: str = "en") -> tuple[str, str]:
    """(written, spoken) intro for ``article``."""
    meta = article.metadata
    fields: dict[str, str | None] = {
        "title": article.title.rstrip(".").strip(),
        "author": meta.author,
        "publication": meta.publication if meta.publication != meta.author else None,
        "date": written_date(meta.published) if meta.published else None,
    }
    written = fill(template, fields)
    if meta.published:
        # the date is said here, not left to the normalizer: it must sound like a newsreader
        fields["date"] = "\0"
        spoken = _speak(fill(template, fields), language)
        spoken = spoken.replace("\0", spoken_date(meta.published, language))
    else:
        spoken = _speak(written, language)
    return written, spoken


def bookend(
    article: Article, segments: Sequence[Segment], options: Options, language: str = "en"
) -> tuple[Segment, ...]:
    """``segments`` with the intro (section 0) and outro (a last section) added, re-indexed."""
    body = list(segments)
    out: list[Segment] = []
    if options.intro:
        written, spoken = intro_texts(article, options.intro_text or INTRO_TEMPLATE, language)
        if written:
            out.append(Segment(0, "intro", written, spoken, 0, section=0, paragraph=-1))
    out.extend(body)
    if options.outro:
        text = (options.outro_text or options.disclosure or DISCLOSURE).strip()
        if text:
            last = max((s.section for s in body), default=0) + 1
            spoken = _speak(text, language)
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
