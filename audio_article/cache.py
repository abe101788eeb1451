"""The clip cache: engine audio for one spoken text, addressed by what produced it.

Key: engine name + engine version + the voice settings the engine hears + the spoken text. Value:
the engine's raw PCM, its format and the engine's word timings, one file per clip under
``<cache dir>/clips-v2/ab/<key>`` (v2 added the word timings; v1 entries are not read).
An edited article therefore re-synthesizes only its changed segments.

Safe with concurrent workers without locks: an entry is written to a temp file in its folder and
moved into place with ``os.replace`` (atomic), so a reader sees a whole entry or none. Every entry
carries a CRC of its samples; a corrupt or truncated one is deleted and re-synthesized. The cache
is bounded: when it grows past ``max_bytes`` the least recently used entries go first (a hit
touches the file's mtime; atime is unreliable on ``noatime``/``relatime`` mounts).

Also here: a cheap, cached engine version string, so deciding that an output is up to date never
has to start a speech engine.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import struct
import tempfile
import time
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .config import CLIP_CACHE_MAX_BYTES as DEFAULT_MAX_BYTES
from .models import Audio, Word

if TYPE_CHECKING:
    from .config import Options, VoiceProfile
    from .engines import Engine

PRUNE_TO = 0.9
"""Pruning removes old entries until the cache is at this fraction of its bound."""
STALE_TEMP_S = 3600.0
"""A temp file older than this was left by a killed process; pruning removes it."""
VERSION_PROBE_TTL_S = 24 * 3600.0
"""A cached engine version is re-checked (by starting the engine) at least this often."""

_MAGIC = b"AAC2"
_HEADER = struct.Struct("<4sIHHIII")  # magic, rate, width, channels, nbytes, nwords, crc32
_WORD = struct.Struct("<IId")  # start, end (characters of the spoken text), start_ms
_VOICE_FIELDS = ("engine", "voice_id", "language", "rate", "pitch", "volume")
"""The voice settings an engine hears (pauses and lexicons act before or after the engine)."""


def default_cache_dir() -> Path:
    import platformdirs

    return Path(platformdirs.user_cache_dir("audio-article"))


def clip_key(engine_name: str, engine_version: str, voice: VoiceProfile, text: str) -> str:
    """The content address of one clip."""
    settings = {f: getattr(voice, f) for f in _VOICE_FIELDS}
    blob = json.dumps([engine_name, engine_version, settings, text], ensure_ascii=False)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


@dataclass
class ClipCache:
    """Clips on disk, safe to share between processes. ``hits``/``misses`` count this process."""

    root: Path
    max_bytes: int = DEFAULT_MAX_BYTES
    hits: int = 0
    misses: int = 0
    _written: int = field(default=0, repr=False)

    def __post_init__(self) -> None:
        self.root = Path(self.root)
        self.clips = self.root / "clips-v2"

    def _path(self, key: str) -> Path:
        return self.clips / key[:2] / key[2:]

    def get(self, key: str) -> Audio | None:
        """The cached clip, or None (missing, partial or corrupt entries count as missing)."""
        path = self._path(key)
        try:
            data = path.read_bytes()
        except OSError:
            self.misses += 1
            return None
        audio = _decode(data)
        if audio is None:  # truncated or corrupt: drop it, the caller re-synthesizes
            with contextlib.suppress(OSError):
                path.unlink()
            self.misses += 1
            return None
        with contextlib.suppress(OSError):
            os.utime(path)  # mark as recently used, for pruning
        self.hits += 1
        return audio

    def put(self, key: str, audio: Audio) -> None:
        """Store a clip atomically. A full disk or a read-only cache only costs the caching."""
        path = self._path(key)
        words = b"".join(_WORD.pack(w.start, w.end, w.start_ms) for w in audio.words)
        header = _HEADER.pack(
            _MAGIC,
            audio.rate,
            audio.width,
            audio.channels,
            len(audio.frames),
            len(audio.words),
            zlib.crc32(words, zlib.crc32(audio.frames)),
        )
        tmp = None
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=path.parent)
            with os.fdopen(fd, "wb") as f:
                f.write(header)
                f.write(audio.frames)
                f.write(words)
            os.replace(tmp, path)
        except OSError:
            if tmp:
                with contextlib.suppress(OSError):
                    os.unlink(tmp)
            return
        self._written += len(header) + len(audio.frames) + len(words)
        if self._written > self.max_bytes // 10:  # bounded even if nobody calls prune()
            self._written = 0
            self.prune()

    def size(self) -> int:
        return sum(size for _, _, size in self._entries())

    def _entries(self) -> list[tuple[float, Path, int]]:
        out = []
        if not self.clips.is_dir():
            return out
        now = time.time()
        for sub in os.scandir(self.clips):
            if not sub.is_dir():
                continue
            for entry in os.scandir(sub.path):
                try:
                    st = entry.stat()
                except OSError:
                    continue
                if entry.name.startswith(".tmp-"):
                    if now - st.st_mtime > STALE_TEMP_S:
                        with contextlib.suppress(OSError):
                            os.unlink(entry.path)
                    continue
                out.append((st.st_mtime, Path(entry.path), st.st_size))
        return out

    def prune(self, max_bytes: int | None = None) -> int:
        """Delete least recently used entries until under ``PRUNE_TO`` of the bound; bytes freed."""
        limit = self.max_bytes if max_bytes is None else max_bytes
        entries = self._entries()
        total = sum(size for _, _, size in entries)
        if total <= limit:
            return 0
        freed = 0
        for _, path, size in sorted(entries):
            if total - freed <= limit * PRUNE_TO:
                break
            with contextlib.suppress(OSError):
                path.unlink()
                freed += size
        return freed


def _decode(data: bytes) -> Audio | None:
    if len(data) < _HEADER.size:
        return None
    magic, rate, width, channels, nbytes, nwords, crc = _HEADER.unpack_from(data)
    frames = data[_HEADER.size : _HEADER.size + nbytes]
    packed = data[_HEADER.size + nbytes :]
    if (
        magic != _MAGIC
        or len(frames) != nbytes
        or len(packed) != nwords * _WORD.size
        or rate <= 0
        or zlib.crc32(packed, zlib.crc32(frames)) != crc
    ):
        return None
    words = tuple(Word(*w) for w in _WORD.iter_unpack(packed))
    return Audio(frames=frames, rate=rate, width=width, channels=channels, words=words)


# --- engine versions, cheaply -------------------------------------------------------------

_ENGINE_PACKAGES: dict[str, tuple[str, ...]] = {
    "pyttsx3": ("pyttsx3", "espeakng-loader"),
    "piper": ("piper-tts", "onnxruntime"),
}
"""Distributions whose upgrade can change an engine's output (beyond the engine's own name)."""


def _fingerprint(engine_name: str) -> str:
    """What must stay the same for a cached version string to still be right (milliseconds)."""
    from importlib.metadata import PackageNotFoundError, version

    from . import __version__

    parts = [engine_name, __version__]
    for dist in _ENGINE_PACKAGES.get(engine_name, (engine_name,)):
        try:
            parts.append(f"{dist}={version(dist)}")
        except PackageNotFoundError:
            parts.append(f"{dist}=-")
    if engine_name == "pyttsx3":  # a system libespeak-ng can be upgraded under us
        for candidate in ("/usr/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu", "/usr/lib"):
            lib = Path(candidate) / "libespeak-ng.so.1"
            with contextlib.suppress(OSError):
                parts.append(f"{lib}@{lib.stat().st_mtime_ns}")
        parts.append(os.environ.get("AUDIO_ARTICLE_ESPEAK", ""))
    return "|".join(parts)


def engine_version(
    engine_name: str, cache_dir: Path | None = None, engine: Engine | None = None
) -> str:
    """The engine's version string, from a small probe file unless something changed.

    With ``engine`` given (already started), its own ``version()`` is used and recorded; without,
    the engine is started only when the probe is missing, stale or its fingerprint changed.
    """
    probe = Path(cache_dir or default_cache_dir()) / "engines.json"
    fingerprint = _fingerprint(engine_name)
    try:
        known = json.loads(probe.read_text(encoding="utf-8"))
        if not isinstance(known, dict):
            known = {}
    except (OSError, ValueError):
        known = {}
    entry = known.get(engine_name)
    fresh = (
        isinstance(entry, dict)
        and entry.get("fingerprint") == fingerprint
        and time.time() - float(entry.get("checked", 0)) < VERSION_PROBE_TTL_S
    )
    if engine is None and fresh:
        return str(entry["version"])
    if engine is None:
        from .engines import get_engine

        engine = get_engine(engine_name)
    current = engine.version()
    if not fresh or entry.get("version") != current:
        known[engine_name] = {
            "fingerprint": fingerprint,
            "version": current,
            "checked": time.time(),
        }
        _write_json_atomic(probe, known)
    return current


def _write_json_atomic(path: Path, data: object) -> None:
    """Write JSON via temp + ``os.replace``; failures only cost the caching."""
    tmp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=path.parent)
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump(data, f, ensure_ascii=False, indent=1)
        os.replace(tmp, path)
    except OSError:
        if tmp:
            with contextlib.suppress(OSError):
                os.unlink(tmp)


_open: dict[tuple[Path, int], ClipCache] = {}


def open_cache(options: Options) -> ClipCache | None:
    """The process's clip cache for ``options`` (None when caching is off)."""
    if not options.clip_cache:
        return None
    key = (Path(options.cache_dir or default_cache_dir()), options.cache_max_bytes)
    if key not in _open:
        _open[key] = ClipCache(*key)
    return _open[key]
