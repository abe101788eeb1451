"""Options, named defaults and voice profiles (``voices/*.toml``)."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field, fields
from pathlib import Path

from .errors import ConfigError
from .models import Pauses

PROJECT_VOICES = Path(__file__).resolve().parent.parent / "voices"
DEFAULT_VOICE = "default"
DEFAULT_OUTPUT_DIR = Path("output")
DISCLOSURE = "This audio is created with AI assistance."
INTRO_TEMPLATE = "{title}. By {author}, {publication}, {date}."
SEGMENT_TIMEOUT_S = 60.0
CLIP_CACHE_MAX_BYTES = 2 * 1024**3
"""Default bound of the clip cache (2 GiB, about 6 hours of 22 kHz speech)."""


def user_voices_dir() -> Path:
    import platformdirs

    return Path(platformdirs.user_config_dir("audio-article")) / "voices"


@dataclass(frozen=True)
class VoiceProfile:
    """A voice: which engine, which of its voices, how fast, and how it paces and sounds."""

    name: str
    engine: str = "pyttsx3"
    voice_id: str = "en-us"
    """The engine's own voice id (eSpeak NG: a language/voice name such as ``en-us``)."""
    language: str = "en"
    rate: int = 175
    """Words per minute."""
    pitch: int = 50
    """0-100, 50 is the voice's normal pitch."""
    volume: float = 1.0
    """Engine volume, 0.0-2.0."""
    pauses: Pauses = field(default_factory=Pauses)
    lexicons: tuple[Path, ...] = ()
    """Per-voice lexicon files, applied after the global one for ``language``."""
    loudness_lufs: float | None = None
    """Loudness target; None means the default for the channel count."""
    description: str = ""
    path: Path | None = None


_NUMERIC = {"rate": int, "pitch": int, "volume": float, "loudness_lufs": float}
_TEXT = ("name", "engine", "voice", "language", "description")


def load_profile(path: Path) -> VoiceProfile:
    """Parse and validate a profile file; errors name the file and the key."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(path, f"cannot read voice profile: {exc.strerror or exc}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(path, f"invalid TOML: {exc}") from exc
    known = set(_NUMERIC) | set(_TEXT) | {"pauses", "lexicons"}
    for key in data:
        if key not in known:
            raise ConfigError(path, f"unknown key {key!r} (known: {', '.join(sorted(known))})")
    kwargs: dict = {"name": data.get("name", path.stem), "path": path}
    for key in _TEXT:
        if key in data and not isinstance(data[key], str):
            raise ConfigError(path, f"key {key!r} must be a string")
    if "engine" in data:
        kwargs["engine"] = data["engine"]
    if "voice" in data:
        kwargs["voice_id"] = data["voice"]
    for key in ("language", "description"):
        if key in data:
            kwargs[key] = data[key]
    for key, kind in _NUMERIC.items():
        if key in data:
            value = data[key]
            if isinstance(value, bool) or not isinstance(value, int | float):
                raise ConfigError(path, f"key {key!r} must be a number")
            kwargs[key] = kind(value)
    if not 40 <= kwargs.get("rate", 175) <= 600:
        raise ConfigError(path, "key 'rate' must be between 40 and 600 words per minute")
    if not 0 <= kwargs.get("pitch", 50) <= 100:
        raise ConfigError(path, "key 'pitch' must be between 0 and 100")
    if not 0 < kwargs.get("volume", 1.0) <= 2.0:
        raise ConfigError(path, "key 'volume' must be in (0, 2]")
    if "pauses" in data:
        pauses = data["pauses"]
        names = {f.name for f in fields(Pauses)}
        if not isinstance(pauses, dict):
            raise ConfigError(path, "key 'pauses' must be a table")
        for key, value in pauses.items():
            if key not in names:
                raise ConfigError(
                    path, f"unknown key 'pauses.{key}' (known: {', '.join(sorted(names))})"
                )
            if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 10_000:
                raise ConfigError(path, f"key 'pauses.{key}' must be milliseconds (0-10000)")
        kwargs["pauses"] = Pauses(**pauses)
    if "lexicons" in data:
        lex = data["lexicons"]
        if not isinstance(lex, list) or not all(isinstance(x, str) for x in lex):
            raise ConfigError(path, "key 'lexicons' must be a list of file paths")
        kwargs["lexicons"] = tuple((path.parent / x).resolve() for x in lex)
    return VoiceProfile(**kwargs)


def voice_dirs() -> list[Path]:
    """Where profiles are looked up by name: the project's ``voices/``, then the user's."""
    return [PROJECT_VOICES, user_voices_dir()]


def find_profiles() -> list[Path]:
    seen: dict[str, Path] = {}
    for folder in voice_dirs():
        if folder.is_dir():
            for p in sorted(folder.glob("*.toml")):
                seen.setdefault(p.stem, p)
    return list(seen.values())


def resolve_voice(name_or_path: str | Path | None) -> VoiceProfile:
    """A profile by name (``voices/NAME.toml``, then the user dir) or by file path."""
    name = str(name_or_path or DEFAULT_VOICE)
    candidate = Path(name)
    if name.endswith(".toml") or candidate.parent != Path("."):
        if not candidate.is_file():
            raise ConfigError(candidate, "voice profile not found")
        return load_profile(candidate)
    for folder in voice_dirs():
        p = folder / f"{name}.toml"
        if p.is_file():
            return load_profile(p)
    names = sorted(p.stem for p in find_profiles())
    raise ConfigError(name, f"unknown voice (choose from {', '.join(names) or 'none found'})")


@dataclass(frozen=True)
class Options:
    """Everything a conversion can be told; the CLI maps its flags onto this."""

    output_dir: Path = DEFAULT_OUTPUT_DIR
    voice: str | Path | None = None
    bitrate_kbps: int = 96
    sample_rate: int = 44_100
    stereo: bool = False
    segment_timeout_s: float = SEGMENT_TIMEOUT_S
    disclosure: str = DISCLOSURE
    intro: bool = True
    outro: bool = True
    intro_text: str | None = None
    """Template for the intro; None means ``INTRO_TEMPLATE``. Fields: title, author,
    publication, date (a missing field is left out with its punctuation)."""
    outro_text: str | None = None
    """None means the disclosure."""
    intro_audio: Path | None = None
    """Music or a jingle played before the intro, at the speech's loudness, with fades."""
    outro_audio: Path | None = None
    loudness_lufs: float | None = None
    """Integrated loudness target; None: the voice profile's, else -16 stereo / -19 mono."""
    true_peak_dbtp: float = -1.0
    id3v24: bool = False
    cover: Path | None = None
    """Cover art (JPEG/PNG); None: a generated 1400x1400 cover."""
    sidecars: bool = True
    """Write .vtt, .srt, .chapters.json and .json next to the MP3."""
    force: bool = False
    """Redo outputs even when they are up to date."""
    clip_cache: bool = True
    """Reuse synthesized clips from the clip cache (and add new ones to it)."""
    cache_dir: Path | None = None
    """Clip cache folder; None means the user cache dir (platformdirs)."""
    cache_max_bytes: int = CLIP_CACHE_MAX_BYTES
    """Bound of the clip cache; least recently used clips are pruned past it."""
