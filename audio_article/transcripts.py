"""Stage 9: sidecar files next to the MP3, all read from the timeline.

- ``<stem>.vtt`` and ``<stem>.srt``: one cue per spoken segment (a sentence, a clause cut from a
  long one, a heading), lines of at most 65 characters; times are the real clip times.
- ``<stem>.chapters.json``: Podcasting 2.0 JSON chapters (version 1.2.0).
- ``<stem>.timings.json``: the same cues with their written words' start times, for the
  episode page (``timings.py``).
- ``<stem>.json``: what the episode is: article metadata, voice, engine, loudness, duration,
  chapters, and the SHA-256 of the input file.

Each file is written to a temp file in the same folder and renamed into place
(``encode.atomic_path``). Writers are small
functions in a name -> function table, so a format is one function.
"""

from __future__ import annotations

import hashlib
import json
import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .encode import atomic_write_text
from .models import Article, Cue, Loudness, Timeline
from .timings import timings_json

if TYPE_CHECKING:
    from .config import Options, VoiceProfile
    from .engines import Engine

LINE_CHARS = 65
CHAPTERS_VERSION = "1.2.0"


@dataclass(frozen=True)
class EpisodeFacts:
    """What the metadata file says besides the article and the timeline."""

    source: Path
    voice: str
    engine: str
    engine_version: str
    encoder: str
    bitrate_kbps: int
    sample_rate: int
    channels: int
    loudness: Loudness | None = None
    loudness_target_lufs: float | None = None
    true_peak_limit_dbtp: float | None = None
    disclosure: str = ""
    source_type: str = ""


def episode_facts(
    source: Path,
    options: Options,
    engine: Engine,
    voice: VoiceProfile,
    loudness: Loudness | None,
    target_lufs: float | None,
) -> EpisodeFacts:
    from .encode import encoder_version
    from .languages import disclosure_for
    from .tag import digital_source_type

    return EpisodeFacts(
        source=source,
        voice=voice.name,
        engine=engine.name,
        engine_version=engine.version(),
        encoder=encoder_version(),
        bitrate_kbps=options.bitrate_kbps,
        sample_rate=options.sample_rate,
        channels=2 if options.stereo else 1,
        loudness=loudness,
        loudness_target_lufs=target_lufs,
        true_peak_limit_dbtp=options.true_peak_dbtp,
        disclosure=disclosure_for(voice.language, options.disclosure),
        source_type=digital_source_type(bool(getattr(engine, "trained", False))),
    )


def spoken_cues(timeline: Timeline) -> list[Cue]:
    """Cues with words (music has none)."""
    return [c for c in timeline.cues if c.segment.text.strip()]


def wrap(text: str, width: int = LINE_CHARS) -> list[str]:
    return textwrap.wrap(" ".join(text.split()), width=width, break_long_words=True) or [""]


def _clock(ms: float, sep: str) -> str:
    total = round(ms)
    hours, rest = divmod(total, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    seconds, millis = divmod(rest, 1000)
    return f"{hours:02d}:{minutes:02d}:{seconds:02d}{sep}{millis:03d}"


def _cue_blocks(timeline: Timeline, decimal: str) -> list[str]:
    """Numbered cue blocks, one per spoken cue; WebVTT and SRT differ in the decimal mark."""
    out: list[str] = []
    for n, cue in enumerate(spoken_cues(timeline), 1):
        out.append(str(n))
        out.append(f"{_clock(cue.start_ms, decimal)} --> {_clock(cue.end_ms, decimal)}")
        out.extend(wrap(cue.segment.text))
        out.append("")
    return out


def vtt(timeline: Timeline) -> str:
    return "\n".join(["WEBVTT", "", *_cue_blocks(timeline, ".")])


def srt(timeline: Timeline) -> str:
    return "\n".join(_cue_blocks(timeline, ","))


def chapters_json(timeline: Timeline) -> dict[str, Any]:
    return {
        "version": CHAPTERS_VERSION,
        "chapters": [
            {
                "startTime": round(c.start_ms / 1000, 3),
                "endTime": round(c.end_ms / 1000, 3),
                "title": c.title,
            }
            for c in timeline.chapters
        ],
    }


def content_hash(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return f"sha256:{digest.hexdigest()}"


def metadata_json(
    article: Article, timeline: Timeline, facts: EpisodeFacts, audio: Path
) -> dict[str, Any]:
    from .report import article_json

    art = article_json(article)
    loud = facts.loudness
    return {
        "audio": audio.name,
        "title": article.title,
        "metadata": art["metadata"],
        "source": {"file": str(facts.source), "content_hash": content_hash(facts.source)},
        "voice": facts.voice,
        "engine": {"name": facts.engine, "version": facts.engine_version},
        "encoder": facts.encoder,
        "format": {
            "codec": "mp3",
            "bitrate_kbps": facts.bitrate_kbps,
            "sample_rate": facts.sample_rate,
            "channels": facts.channels,
        },
        "loudness": None
        if loud is None
        else {
            "integrated_lufs": round(loud.integrated_lufs, 2),
            "true_peak_dbtp": round(loud.true_peak_dbtp, 2),
            "gain_db": round(loud.gain_db, 2),
            "target_lufs": facts.loudness_target_lufs,
            "true_peak_limit_dbtp": facts.true_peak_limit_dbtp,
        },
        "duration_ms": round(timeline.duration_ms, 3),
        "chapters": [
            {"title": c.title, "start_ms": round(c.start_ms, 3), "end_ms": round(c.end_ms, 3)}
            for c in timeline.chapters
        ],
        "segments": len(timeline.cues),
        "words": article.word_count,
        "ai": {"disclosure": facts.disclosure, "digital_source_type": facts.source_type},
    }


def _dump(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def relabel_source(metadata: bytes, source: Path) -> bytes:
    """A metadata sidecar (``.json``) naming ``source`` as its input file, as if made from there
    (a cluster worker converts a copy of the input under another path)."""
    data = json.loads(metadata)
    data["source"]["file"] = str(source)
    return _dump(data).encode("utf-8")


def _compact(data: dict[str, Any]) -> str:
    """One cue per line: small (a word start per word), still readable in a diff."""
    cues = data.get("cues", [])
    head = json.dumps({k: v for k, v in data.items() if k != "cues"}, ensure_ascii=False)
    lines = [json.dumps(c, ensure_ascii=False, separators=(",", ":")) for c in cues]
    return head[:-1] + ', "cues": [\n' + ",\n".join(lines) + "\n]}\n"


SIDECARS: dict[str, Callable[[Article, Timeline, EpisodeFacts, Path], str]] = {
    ".vtt": lambda a, t, f, p: vtt(t),
    ".srt": lambda a, t, f, p: srt(t),
    ".chapters.json": lambda a, t, f, p: _dump(chapters_json(t)),
    ".timings.json": lambda a, t, f, p: _compact(timings_json(t)),
    ".json": lambda a, t, f, p: _dump(metadata_json(a, t, f, p)),
}
"""Suffix (after the MP3's stem) -> writer."""


def sidecar_paths(mp3: Path) -> tuple[Path, ...]:
    return tuple(mp3.with_name(mp3.stem + suffix) for suffix in SIDECARS)


def write_sidecars(
    mp3: Path, article: Article, timeline: Timeline, facts: EpisodeFacts
) -> tuple[Path, ...]:
    """Write every sidecar next to ``mp3`` (each atomically); returns their paths."""
    written = []
    for suffix, writer in SIDECARS.items():
        path = mp3.with_name(mp3.stem + suffix)
        atomic_write_text(path, writer(article, timeline, facts, mp3), facts.source)
        written.append(path)
    return tuple(written)


def remove_sidecars(mp3: Path, source: Path | None = None) -> None:
    """Remove the sidecars of an earlier rendering of ``mp3`` (so none describes another
    version of the audio)."""
    from .errors import EncodeError

    for path in sidecar_paths(mp3):
        try:
            path.unlink(missing_ok=True)
        except OSError as exc:
            raise EncodeError(source, f"cannot remove {path}: {exc.strerror or exc}") from exc
