"""Options, named defaults and voice profiles (``voices/*.toml``).

A profile is one TOML file: which engine, which of its voices, language, rate, pitch, volume,
pauses per boundary kind, lexicons and loudness target. Profiles are found by name in the
package's ``audio_article/voices/`` and then in the user's profile folder (``audio-article voices`` shows
where), or given as a path. ``voice_for`` picks the profile for an article's language when the
user names none.
"""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass, field, fields
from pathlib import Path

from .errors import ConfigError
from .models import Pauses

PROJECT_VOICES = Path(__file__).resolve().parent / "voices"
"""The profiles and lexicons shipped inside the package (package data: a wheel install has them
as much as a source checkout does)."""
DEFAULT_VOICE = "default"
DEFAULT_OUTPUT_DIR = Path("output")
DISCLOSURE = "This audio is created with AI assistance."
INTRO_TEMPLATE = "{title}. By {author}, {publication}, {date}."
SEGMENT_TIMEOUT_S = 60.0
CLIP_CACHE_MAX_BYTES = 2 * 1024**3
"""Default bound of the clip cache (2 GiB, about 6 hours of 22 kHz speech)."""


def user_voices_dir() -> Path:
    """The user's own profiles, searched after the project's ``voices/``."""
    import platformdirs

    return Path(platformdirs.user_config_dir("audio-article")) / "voices"


def user_cache_dir() -> Path:
    """Where clips and other re-creatable files are kept."""
    import platformdirs

    return Path(platformdirs.user_cache_dir("audio-article"))


@dataclass(frozen=True)
class VoiceProfile:
    """A voice: which engine, which of its voices, how fast, and how it paces and sounds."""

    name: str
    engine: str = "pyttsx3"
    voice_id: str = "en-us"
    """The engine's own voice id (eSpeak NG: a voice name such as ``en-us``; Piper: a bundled
    voice such as ``en_US-joe-medium``)."""
    language: str = "en"
    """BCP 47 language tag of the text this voice reads (``en``, ``uk``, ``pt-BR``)."""
    rate: int = 175
    """Words per minute."""
    pitch: int = 50
    """0-100, 50 is the voice's normal pitch (engines without pitch control refuse others)."""
    volume: float = 1.0
    """Engine volume, 0.0-2.0."""
    pauses: Pauses = field(default_factory=Pauses)
    lexicons: tuple[Path, ...] = ()
    """Per-voice lexicon files, applied after the global one for ``language``."""
    loudness_lufs: float | None = None
    """Loudness target; None means the default for the channel count."""
    description: str = ""
    path: Path | None = None
    model: Path | None = None
    """Piper: a voice model ``.onnx`` (its ``.onnx.json`` beside it) instead of ``voice_id``."""
    isolate: bool = False
    """Run every segment in a worker process, so an engine crash fails one segment, not the
    run. Off by default: in-process synthesis is faster and failures are retried in a worker
    anyway (see ``engines.resilient``)."""


_NUMERIC = {"rate": int, "pitch": int, "volume": float, "loudness_lufs": float}
_TEXT = ("name", "engine", "voice", "language", "description", "model")
_BOOL = ("isolate",)
_LANGUAGE = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$")
_RANGES = {
    "rate": (40, 600, "words per minute"),
    "pitch": (0, 100, ""),
    "volume": (0.01, 2.0, ""),
    "loudness_lufs": (-40.0, -5.0, "LUFS"),
}


def load_profile(path: Path) -> VoiceProfile:
    """Parse and validate a profile file; errors name the file and the key."""
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(path, f"cannot read voice profile: {exc.strerror or exc}") from exc
    except UnicodeDecodeError as exc:
        raise ConfigError(path, "voice profile is not UTF-8 text") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(path, f"invalid TOML: {exc}") from exc
    known = set(_NUMERIC) | set(_TEXT) | set(_BOOL) | {"pauses", "lexicons"}
    for key in data:
        if key not in known:
            raise ConfigError(path, f"unknown key {key!r} (known: {', '.join(sorted(known))})")
    kwargs: dict = {"name": data.get("name", path.stem), "path": path}
    for key in _TEXT:
        if key in data and not (isinstance(data[key], str) and data[key].strip()):
            raise ConfigError(path, f"key {key!r} must be a non-empty string")
    for key in _BOOL:
        if key in data:
            if not isinstance(data[key], bool):
                raise ConfigError(path, f"key {key!r} must be true or false")
            kwargs[key] = data[key]
    if "engine" in data:
        from .engines import ENGINES  # the table only: no engine is started here

        if data["engine"] not in ENGINES:
            raise ConfigError(
                path,
                f"key 'engine': unknown engine {data['engine']!r} "
                f"(choose from {', '.join(sorted(ENGINES))})",
            )
        kwargs["engine"] = data["engine"]
    if "voice" in data:
        kwargs["voice_id"] = data["voice"]
    if "language" in data:
        if not _LANGUAGE.match(data["language"]):
            raise ConfigError(path, "key 'language' must be a language tag such as 'en' or 'uk'")
        kwargs["language"] = data["language"]
    if "description" in data:
        kwargs["description"] = data["description"]
    if "model" in data:
        # absolute but not resolved: a symlinked model keeps its own .onnx.json beside it
        model = Path(os.path.abspath(path.parent / Path(data["model"]).expanduser()))
        if model.suffix != ".onnx":
            raise ConfigError(path, "key 'model' must be the path of a Piper .onnx voice model")
        kwargs["model"] = model
    for key, kind in _NUMERIC.items():
        if key in data:
            value = data[key]
            if isinstance(value, bool) or not isinstance(value, int | float):
                raise ConfigError(path, f"key {key!r} must be a number")
            low, high, unit = _RANGES[key]
            if not low <= value <= high:
                raise ConfigError(
                    path, f"key {key!r} must be between {low:g} and {high:g} {unit}".rstrip()
                )
            kwargs[key] = kind(value)
    if kwargs.get("engine") == "piper" and kwargs.get("pitch", 50) != 50:
        raise ConfigError(path, "key 'pitch': Piper voices have no pitch control (remove it)")
    if "pauses" in data:
        kwargs["pauses"] = _pauses(path, data["pauses"])
    if "lexicons" in data:
        lex = data["lexicons"]
        if not isinstance(lex, list) or not all(isinstance(x, str) for x in lex):
            raise ConfigError(path, "key 'lexicons' must be a list of file paths")
        kwargs["lexicons"] = tuple((path.parent / x).resolve() for x in lex)
    return VoiceProfile(**kwargs)


def _pauses(path: Path, pauses: object) -> Pauses:
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
    return Pauses(**pauses)


def voice_dirs() -> list[Path]:
    """Where profiles are looked up by name: the project's ``voices/``, then the user's."""
    return [PROJECT_VOICES, user_voices_dir()]


def find_profiles() -> list[Path]:
    """Every profile file by name; a project profile hides a user one of the same name."""
    seen: dict[str, Path] = {}
    for folder in voice_dirs():
        if folder.is_dir():
            for p in sorted(folder.glob("*.toml")):
                seen.setdefault(p.stem, p)
    return sorted(seen.values(), key=lambda p: p.stem)


def resolve_voice(name_or_path: str | Path | None) -> VoiceProfile:
    """A profile by name (``voices/NAME.toml``, then the user dir) or by file path."""
    name = str(name_or_path or DEFAULT_VOICE)
    candidate = Path(name).expanduser()
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


def _primary(language: str) -> str:
    return language.replace("_", "-").split("-")[0].lower()


def voice_for(article_language: str | None, requested: str | Path | None) -> VoiceProfile:
    """The profile to read an article with.

    The user's choice wins. Otherwise the profile for the article's language: the one named
    after the language (``voices/de.toml``), else the default if it speaks that language, else
    the first by name whose language matches (same primary subtag: ``en-GB`` matches ``en``).
    A language no profile speaks gets the default profile with the default engine's own voice
    for that language, when it has one (eSpeak NG speaks about a hundred); else the default.
    """
    if requested:
        return resolve_voice(requested)
    default = resolve_voice(DEFAULT_VOICE)
    if not article_language:
        return default
    wanted = _primary(article_language)
    if _primary(default.language) == wanted:
        return default
    try:
        named = resolve_voice(wanted)
    except ConfigError:
        named = None
    if named is not None and _primary(named.language) == wanted:
        return named
    for path in find_profiles():
        try:
            profile = load_profile(path)
        except ConfigError:
            continue  # an invalid user profile must not break language selection
        if _primary(profile.language) == wanted:
            return profile
    return _default_in(default, wanted)


def _default_in(default: VoiceProfile, wanted: str) -> VoiceProfile:
    """The default profile speaking ``wanted`` with its engine's voice for it, if any."""
    from dataclasses import replace

    from .engines import get_engine
    from .errors import AudioArticleError

    try:
        engine_voices = get_engine(default.engine).voices()
    except AudioArticleError:
        return default
    # an exact language first ("it"), then a regional one ("pt-pt")
    tags = [lang for v in engine_voices for lang in v.languages if _primary(lang) == wanted]
    if not tags:
        return default
    tag = wanted if wanted in tags else sorted(tags)[0]
    return replace(
        default,
        name=f"{default.name}-{tag}",
        voice_id=tag,
        language=wanted,
        description=f"{default.description} (engine voice for {tag!r}: no profile for it)",
    )


@dataclass(frozen=True)
class Options:
    """Everything a conversion can be told; the CLI maps its flags onto this."""

    output_dir: Path = DEFAULT_OUTPUT_DIR
    voice: str | Path | None = None
    author: str | None = None
    """The author (ID3 TPE1, feed): overrides the byline found on the page."""
    publication: str | None = None
    """The publication (ID3 TALB, feed): overrides the one found on the page."""
    fallback_publication: str | None = None
    """The publication where the page names none (a batch's ``--publication``)."""
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
    source_url: str | None = None
    """The page the article was fetched from (``convert URL``, a feed item): the episode's
    source URL (WOAS), feed link and guid, over any URL the page itself names."""
    source_guid: str | None = None
    """The guid of the feed item the article came from: the episode's guid in the podcast."""
