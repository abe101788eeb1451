"""`audio-article doctor`: what is installed, what works, and the fix for what does not."""

from __future__ import annotations

import platform
import sys
import time
from dataclasses import dataclass, field

from .config import DEFAULT_VOICE, VoiceProfile, find_profiles, load_profile, user_cache_dir
from .errors import AudioArticleError

TEST_TEXT = "This is a test of the voice."
"""About one second of speech."""

FIXES = {
    "pyttsx3": "pip install --force-reinstall pyttsx3 espeakng-loader "
    "(or install the system voice: apt install espeak-ng)",
    "piper": 'pip install "audio-article[piper]"',
}


@dataclass(frozen=True)
class Check:
    """One line of the report."""

    what: str
    ok: bool
    detail: str
    fix: str = ""


@dataclass(frozen=True)
class Report:
    checks: tuple[Check, ...] = field(default_factory=tuple)
    default_ok: bool = False

    @property
    def exit_code(self) -> int:
        return 0 if self.default_ok else 1


def _engine_checks(name: str) -> tuple[Check, object | None]:
    from .engines import get_engine

    try:
        engine = get_engine(name)
    except AudioArticleError as exc:
        return Check(f"engine {name}", False, exc.message, FIXES.get(name, "")), None
    try:
        count = len(engine.voices())
    except Exception as exc:  # a broken engine must not stop the report
        count = f"? ({exc})"
    library = getattr(engine, "library", "")
    return (
        Check(
            f"engine {name}",
            True,
            f"{engine.version()}; {count} voices; {library}".rstrip("; "),
        ),
        engine,
    )


def _test_synthesis(profile: VoiceProfile) -> Check:
    from .engines import engine_for

    what = f"voice {profile.name} ({profile.engine})"
    started = time.perf_counter()
    try:
        engine = engine_for(profile)
        audio = engine.synthesize(TEST_TEXT, profile, 30.0)
    except AudioArticleError as exc:
        from .engines import engine_status

        engine_ok, _ = engine_status(profile.engine)
        fix = (
            f"edit {profile.path} (choose a voice from "
            f"`audio-article voices --engine {profile.engine}`)"
            if engine_ok
            else FIXES.get(profile.engine, "")
        )
        return Check(what, False, exc.message, fix)
    elapsed = time.perf_counter() - started
    if audio.frame_count == 0:
        return Check(what, False, "the engine produced no audio", FIXES.get(profile.engine, ""))
    return Check(
        what,
        True,
        f"spoke {audio.duration_ms / 1000:.2f} s at {audio.rate} Hz in {elapsed:.2f} s",
    )


def _encoder() -> Check:
    try:
        from .encode import encoder_version

        return Check("MP3 encoder", True, f"{encoder_version()}, in process")
    except Exception as exc:  # missing or broken wheel: say so, do not crash the report
        return Check("MP3 encoder", False, str(exc), "pip install --force-reinstall lameenc")


def _decoders() -> list[Check]:
    """miniaudio decodes each MP3 to check its loudness; ffmpeg decodes intro/outro music in any
    format and the MP3 that ``inspect`` measures."""
    checks = []
    try:
        import miniaudio

        checks.append(Check("MP3 decoder", True, f"miniaudio {miniaudio.__version__}"))
    except Exception as exc:
        checks.append(
            Check("MP3 decoder", False, str(exc), "pip install --force-reinstall miniaudio")
        )
    try:
        from .encode import ffmpeg_exe

        checks.append(Check("ffmpeg", True, f"{ffmpeg_exe()} (music files, inspect)"))
    except Exception as exc:
        checks.append(
            Check("ffmpeg", False, str(exc), "pip install --force-reinstall imageio-ffmpeg")
        )
    return checks


def run_doctor() -> Report:
    """Check everything; the default voice decides the exit code."""
    from .engines import ENGINES

    checks = [
        Check("Python", sys.version_info >= (3, 11), sys.version.split()[0], "use Python 3.11+"),
        Check("platform", True, platform.platform()),
    ]
    usable: dict[str, bool] = {}
    for name in ENGINES:
        check, engine = _engine_checks(name)
        checks.append(check)
        usable[name] = engine is not None
    checks.append(_encoder())
    checks.extend(_decoders())
    cache = user_cache_dir()
    checks.append(
        Check("cache dir", True, f"{cache}{'' if cache.exists() else ' (not created yet)'}")
    )
    default_ok = False
    tested: set[str] = set()
    profiles = sorted(find_profiles(), key=lambda p: p.stem != DEFAULT_VOICE)  # default first
    if not profiles or profiles[0].stem != DEFAULT_VOICE:
        checks.append(
            Check(
                "voice default",
                False,
                "no default.toml profile found",
                "reinstall audio-article from its source folder (pip install -e .)",
            )
        )
    for path in profiles:
        try:
            profile = load_profile(path)
        except AudioArticleError as exc:
            checks.append(Check(f"voice {path.stem}", False, exc.message, f"edit {path}"))
            continue
        # the default voice, then one test per other usable engine
        if path.stem != DEFAULT_VOICE and (
            profile.engine in tested or not usable.get(profile.engine)
        ):
            continue
        result = _test_synthesis(profile)
        checks.append(result)
        tested.add(profile.engine)
        if path.stem == DEFAULT_VOICE:
            default_ok = result.ok
    return Report(checks=tuple(checks), default_ok=default_ok)
