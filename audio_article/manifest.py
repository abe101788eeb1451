"""What was made from what: one small record per input, so unchanged work is skipped in milliseconds.

A record lives in the output folder, ``OUT/.audio-article/records/<hash of the input path>.json``,
and says which input (and which bytes of it) produced which output under which *job key*. The key
covers everything that changes the audio: the input's content hash, every output-shaping option,
the voice profile and its lexicon files, the engine's version and the tool's version. Deciding that
an output is up to date reads the input once, one record and the cached engine version (no engine
start, no extraction). Records are written by the process that made the output, right after the
MP3 was moved into place, one file per input, so workers never write the same file; an output
without a record is simply made again.

The record also keeps the output's name, so an article keeps its name across runs (even when its
title is edited), and two articles with the same title never take each other's name.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from dataclasses import asdict, dataclass, fields
from pathlib import Path

from .config import PROJECT_VOICES, Options, VoiceProfile
from .models import Article, Episode, Timeline

STATE_DIR = ".audio-article"
RECORDS = "records"
_NOT_IN_KEY = frozenset(
    {"output_dir", "voice", "force", "cache_dir", "cache_max_bytes", "segment_timeout_s"}
)
"""Options that do not change the audio (the voice counts through its resolved profile)."""


@dataclass(frozen=True)
class Record:
    input: str
    """Absolute path of the input file."""
    input_sha256: str
    key: str
    """The job key the output was made under (see the module docstring)."""
    output: str
    """The MP3, relative to the output folder (POSIX separators)."""
    size: int
    title: str = ""
    duration_ms: float = 0.0
    engine: str = ""
    """The engine that spoke it: its version is part of the key of the next check."""
    sidecars: tuple[str, ...] = ()
    """Transcript, chapters and metadata files next to the MP3 (relative, POSIX)."""


def input_digest(path: Path) -> str:
    with open(path, "rb") as f:
        return hashlib.file_digest(f, "sha256").hexdigest()


def _files_digest(paths: list[Path]) -> str:
    h = hashlib.sha256()
    for p in sorted(paths):
        with contextlib.suppress(OSError):
            h.update(str(p).encode() + b"\0" + p.read_bytes() + b"\0")
    return h.hexdigest()


def job_key(digest: str, options: Options, voice: VoiceProfile, engine_version: str) -> str:
    """Everything that shapes the output, hashed."""
    from . import __version__

    opts = {f.name: getattr(options, f.name) for f in fields(options) if f.name not in _NOT_IN_KEY}
    voice_files = [p for p in (voice.path, *voice.lexicons) if p]
    if PROJECT_VOICES.is_dir():  # shared lexicons live next to the profiles
        voice_files += [p for p in PROJECT_VOICES.rglob("*") if p.is_file()]
    blob = json.dumps(
        {
            "tool": __version__,
            "input": digest,
            "options": opts,
            "voice": asdict(voice),
            "voice_files": _files_digest(voice_files),
            "engine": engine_version,
        },
        sort_keys=True,
        default=str,
    )
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


def _record_file(out_dir: Path, source: Path) -> Path:
    name = hashlib.sha256(str(Path(source).resolve()).encode()).hexdigest()[:32]
    return Path(out_dir) / STATE_DIR / RECORDS / f"{name}.json"


def read_record(out_dir: Path, source: Path) -> Record | None:
    try:
        data = json.loads(_record_file(out_dir, source).read_text(encoding="utf-8"))
        return Record(**{**data, "sidecars": tuple(data.get("sidecars", ()))})
    except (OSError, ValueError, TypeError):
        return None


def write_record(out_dir: Path, source: Path, record: Record) -> None:
    from .errors import WriteError, reason

    path = _record_file(out_dir, source)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".tmp-", suffix=".part", dir=path.parent)
    except OSError as exc:
        raise WriteError(source, f"cannot write {path}: {reason(exc)}") from exc
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump(asdict(record), f, ensure_ascii=False, indent=1)
        os.replace(tmp, path)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(exc, OSError):
            raise WriteError(source, f"cannot write {path}: {reason(exc)}") from exc
        raise


def remove_record(out_dir: Path, source: Path) -> None:
    with contextlib.suppress(OSError):
        _record_file(out_dir, source).unlink()


def all_records(out_dir: Path) -> list[Record]:
    folder = Path(out_dir) / STATE_DIR / RECORDS
    out = []
    if folder.is_dir():
        for p in sorted(folder.glob("*.json")):
            with contextlib.suppress(OSError, ValueError, TypeError):
                data = json.loads(p.read_text(encoding="utf-8"))
                out.append(Record(**{**data, "sidecars": tuple(data.get("sidecars", ()))}))
    return out


def is_fresh(record: Record | None, key: str, out_dir: Path) -> bool:
    """The record was made under ``key`` and its output is still there, whole."""
    if record is None or record.key != key:
        return False
    try:
        whole = (Path(out_dir) / record.output).stat().st_size == record.size
    except OSError:
        return False
    return whole and all((Path(out_dir) / p).is_file() for p in record.sidecars)


def taken_stems(records: list[Record], folder: str, but: str | None = None) -> set[str]:
    """Stems of outputs in ``folder`` (relative, POSIX, "" for the top) owned by other inputs."""
    out = set()
    for r in records:
        parent, _, name = r.output.rpartition("/")
        if parent == folder and r.input != but:
            out.add(name.rsplit(".", 1)[0])
    return out


@dataclass(frozen=True)
class Check:
    """Whether ``source`` must be (re)made into ``out_dir``, and where its output goes."""

    source: Path
    out_dir: Path
    digest: str
    key: str
    record: Record | None
    """This input's record from an earlier run, if any (whatever its key)."""
    options: Options
    voice: VoiceProfile

    @property
    def fresh(self) -> bool:
        return bool(self.digest) and is_fresh(self.record, self.key, self.out_dir)

    def target(self, title: str, folder: str = "") -> Path:
        """The output path: this input's name from an earlier run, else a new unique slug."""
        from .naming import output_path

        if self.record is not None:
            return self.out_dir / self.record.output
        taken = taken_stems(all_records(self.out_dir), folder, but=str(self.source.resolve()))
        return output_path(title, self.out_dir / folder, source=self.source, taken=taken)

    def episode(self) -> Episode:
        """What the record knows of the existing output (no sections, no cues)."""
        assert self.record is not None
        r = self.record
        return Episode(
            article=Article(title=r.title, sections=()),
            timeline=Timeline(cues=(), duration_ms=r.duration_ms, rate=0),
            path=self.out_dir / r.output,
            size_bytes=r.size,
        )

    def save(self, episode: Episode, engine: str | None = None) -> Record:
        """Record ``episode`` as made from this input (call after the MP3 is in place).

        ``engine`` names the engine that spoke (the article's language can choose another
        profile than the requested one). The key is recomputed with its version (the engine is
        running in this process by now), which the next check's cached version then matches.
        """
        from .cache import engine_version
        from .engines import get_engine

        name = engine or self.voice.engine
        version = engine_version(name, self.options.cache_dir, engine=get_engine(name))
        out = self.out_dir.resolve()
        record = Record(
            input=str(self.source.resolve()),
            input_sha256=self.digest,
            key=job_key(self.digest, self.options, self.voice, version),
            output=Path(episode.path).resolve().relative_to(out).as_posix(),
            size=Path(episode.path).stat().st_size,
            title=episode.article.title,
            duration_ms=episode.timeline.duration_ms,
            engine=name,
            sidecars=tuple(Path(p).resolve().relative_to(out).as_posix() for p in episode.sidecars),
        )
        write_record(self.out_dir, self.source, record)
        return record


def check(source: Path, options: Options, voice: VoiceProfile | None = None) -> Check:
    """The up-to-date check: hash the input, read one record and the cached engine version."""
    from .cache import engine_version
    from .config import resolve_voice

    source = Path(source)
    voice = voice or resolve_voice(options.voice)
    try:
        digest = input_digest(source)
    except OSError:  # missing, a folder, unreadable: never fresh; reading it reports why
        digest = ""
    record = read_record(options.output_dir, source)
    engine = record.engine if record and record.engine else voice.engine
    key = job_key(digest, options, voice, engine_version(engine, options.cache_dir))
    return Check(source, Path(options.output_dir), digest, key, record, options, voice)
