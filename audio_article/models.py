"""Every type passed between pipeline stages: frozen dataclasses, tuples not lists.

Everything up to ``normalize`` is text; audio appears at ``synthesize``. Timings come only from
real clip durations measured in ``stitch``; transcripts and chapters read the timeline.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Literal

SourceKind = Literal["text", "html", "markdown"]
SegmentKind = Literal["intro", "title", "heading", "sentence", "outro"]


@dataclass(frozen=True)
class Source:
    """An input file decoded to text."""

    path: Path
    text: str
    kind: SourceKind
    encoding: str = "utf-8"
    encoding_note: str = ""
    """How the encoding was known, for ``clean --explain`` ("BOM", "valid UTF-8", or the
    detector and how sure it was)."""


@dataclass(frozen=True)
class Metadata:
    """What the page says about the article; never read as body text."""

    author: str | None = None
    publication: str | None = None
    published: datetime | None = None
    reading_time_minutes: int | None = None
    audio_notice: str | None = None
    url: str | None = None
    language: str | None = None
    description: str | None = None
    tags: tuple[str, ...] = ()
    guid: str | None = None
    """The id of the feed item the article came from (the podcast episode keeps it)."""
    guessed: tuple[str, ...] = ()
    """What was not stated on the page but guessed (for the report), one note per guess."""


@dataclass(frozen=True)
class Section:
    """A run of body paragraphs; ``heading`` is None for the part before the first heading."""

    heading: str | None
    paragraphs: tuple[str, ...]


@dataclass(frozen=True)
class Removed:
    """A line of the input that will not be read aloud, and why."""

    line: str
    reason: str


@dataclass(frozen=True)
class Article:
    """The article as it will be read: title, sections, metadata kept apart."""

    title: str
    sections: tuple[Section, ...]
    metadata: Metadata = field(default_factory=Metadata)
    removed: tuple[Removed, ...] = ()

    @property
    def blocks(self) -> tuple[str, ...]:
        """Headings and paragraphs in reading order (without the title)."""
        out: list[str] = []
        for section in self.sections:
            if section.heading:
                out.append(section.heading)
            out.extend(section.paragraphs)
        return tuple(out)

    @property
    def word_count(self) -> int:
        return sum(len(b.split()) for b in (self.title, *self.blocks))


@dataclass(frozen=True)
class Segment:
    """One unit of speech: a sentence, a clause cut from a long one, a heading, the title."""

    index: int
    kind: SegmentKind
    text: str
    """The written text, as in the article."""
    spoken: str
    """What the engine is given: normalized, lexicon applied."""
    pause_after_ms: int
    section: int = 0
    """Index of the chapter this segment belongs to (0 = intro/title)."""
    paragraph: int = 0
    """Index of the paragraph (block) this segment came from; -1 for intro/outro."""


@dataclass(frozen=True)
class Word:
    """A word as the engine spoke it: its characters in the text it was given, and its start."""

    start: int
    """Offset of the word's first character in the engine's text (``Segment.spoken``)."""
    end: int
    """Offset just past its last character."""
    start_ms: float
    """When the engine began the word, from the start of the clip (or, in a ``Cue``, of the
    episode)."""


@dataclass(frozen=True)
class Audio:
    """Raw interleaved little-endian PCM with its format (never assume a rate)."""

    frames: bytes
    rate: int
    width: int = 2
    channels: int = 1
    words: tuple[Word, ...] = ()
    """Word timings the engine reported, in order (empty when it reports none)."""

    @property
    def frame_count(self) -> int:
        return len(self.frames) // (self.width * self.channels)

    @property
    def duration_ms(self) -> float:
        return 1000.0 * self.frame_count / self.rate


@dataclass(frozen=True)
class Clip:
    """The engine's audio for one segment."""

    segment: Segment
    audio: Audio

    @property
    def duration_ms(self) -> float:
        return self.audio.duration_ms


@dataclass(frozen=True)
class Cue:
    """Where one segment sits in the finished episode (milliseconds)."""

    segment: Segment
    start_ms: float
    end_ms: float
    words: tuple[Word, ...] = ()
    """The engine's word timings, in episode time (empty when the engine reports none)."""


@dataclass(frozen=True)
class Chapter:
    title: str
    start_ms: float
    end_ms: float


@dataclass(frozen=True)
class Timeline:
    """Every cue in time order and the total length, including pauses."""

    cues: tuple[Cue, ...]
    duration_ms: float
    rate: int
    chapters: tuple[Chapter, ...] = ()


@dataclass(frozen=True)
class Loudness:
    integrated_lufs: float
    true_peak_dbtp: float
    gain_db: float


@dataclass(frozen=True)
class Episode:
    """A finished MP3 and what is known about it."""

    article: Article
    timeline: Timeline
    path: Path
    size_bytes: int
    loudness: Loudness | None = None
    sidecars: tuple[Path, ...] = ()
    kept: bool = False
    """The output was already there and was kept (nothing was made); ``note`` says why."""
    note: str | None = None
    """Why it was kept, or something worth knowing about how it was made (a claim taken over)."""


@dataclass(frozen=True)
class Pauses:
    """Silence after a segment, by the boundary that follows it (milliseconds)."""

    clause: int = 250
    """After a clause cut from a long sentence."""
    sentence: int = 450
    paragraph: int = 850
    heading: int = 700
    """After a section heading (the pause before it is ``section``)."""
    section: int = 1200
    """Before a section heading."""
    title: int = 1200
    """After the title (and after the intro)."""
