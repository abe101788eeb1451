"""The system voice through pyttsx3: eSpeak NG on Linux, SAPI5 on Windows, NSSpeech on macOS.

On Linux we drive libespeak-ng through pyttsx3's own ctypes binding (``pyttsx3.drivers._espeak``)
in synchronous mode with our own synthesis callback, instead of pyttsx3's ``save_to_file`` +
``runAndWait``. In pyttsx3 2.99 that path returns before the WAV is written (so the next call steals
the file name and clips shift by one), prints "Audio saved to ..." on stdout, hard-codes 22,050 Hz,
grows its buffer quadratically and can hang at exit. Synchronous mode returns only when the
segment's audio is complete, so each clip provably holds its own text, at the rate the library
reports, with no files, no threads and no output. The same callback receives eSpeak NG's word
events (where each word starts in the text and in the audio), so clips carry word timings.

Elsewhere pyttsx3's driver is used as designed: ``save_to_file`` then ``runAndWait`` and a wait for
the ``finished-utterance`` callback before the WAV is read back.
"""

from __future__ import annotations

import contextlib
import ctypes
import functools
import io
import os
import sys
import tempfile
import threading
import time
import wave
from importlib.metadata import version as _pkg_version
from typing import TYPE_CHECKING

from ..errors import EngineUnavailable, SynthesisError
from ..models import Audio, Word
from .base import EngineVoice, SynthesisTimeout

if TYPE_CHECKING:
    from ..config import VoiceProfile


_LOCK = threading.Lock()


class Pyttsx3Engine:
    """The system voice. Start once per process (``engines.get_engine``)."""

    name = "pyttsx3"
    trained = False
    max_chars = 300

    def __init__(self) -> None:
        try:
            import pyttsx3  # noqa: F401
        except ImportError as exc:  # pragma: no cover - it is a hard dependency
            raise EngineUnavailable(None, "pyttsx3 is not installed: pip install pyttsx3") from exc
        self._lock = _LOCK  # one library per process, so one lock for every instance
        self._backend: _EspeakBackend | _DriverBackend
        if sys.platform.startswith("linux"):
            self._backend = _espeak_backend()
        else:  # pragma: no cover - not testable on this Linux machine
            self._backend = _DriverBackend()

    def version(self) -> str:
        return f"pyttsx3-{_pkg_version('pyttsx3')}/{self._backend.version()}"

    @property
    def library(self) -> str:
        return self._backend.describe()

    def synthesize(self, text: str, voice: VoiceProfile, timeout_s: float = 60.0) -> Audio:
        with self._lock:
            return self._backend.synthesize(text, voice, timeout_s)

    def voices(self) -> list[EngineVoice]:
        with self._lock:
            return self._backend.voices()

    def check(self, voice: VoiceProfile) -> None:
        """Raise EngineUnavailable if the system voice has nothing for ``voice.voice_id``."""
        wanted = voice.voice_id.lower()
        if wanted == "default" or not isinstance(self._backend, _EspeakBackend):
            return  # SAPI5/NSSpeech voice ids differ in form: the driver itself decides there
        for v in self.voices():
            names = {v.id.lower(), v.id.rsplit("/", 1)[-1].lower(), v.name.lower()}
            if wanted in names or wanted in (lang.lower() for lang in v.languages):
                return
        raise EngineUnavailable(
            voice.path, f"the system voice ({self.library}) has no voice {voice.voice_id!r}"
        )


@functools.cache
def _espeak_backend() -> _EspeakBackend:
    """The one eSpeak NG backend of this process.

    libespeak-ng is a process-wide singleton with one synthesis callback: a second backend would
    take the callback over and leave the first one returning empty clips.
    """
    return _EspeakBackend()


class _EspeakBackend:
    """libespeak-ng in AUDIO_OUTPUT_SYNCHRONOUS mode via pyttsx3's binding."""

    def __init__(self) -> None:
        from . import espeak

        try:
            self.lib = espeak.load()
        except OSError as exc:
            raise EngineUnavailable(
                None, "eSpeak NG not found: pip install espeakng-loader (or apt install espeak-ng)"
            ) from exc
        if self.lib.data_path:
            os.environ.setdefault("ESPEAK_DATA_PATH", self.lib.data_path)
        try:
            from pyttsx3.drivers import _espeak
        except Exception as exc:  # the binding raises RuntimeError when it finds no library
            raise EngineUnavailable(None, f"pyttsx3 cannot load eSpeak NG: {exc}") from exc
        self.e = _espeak
        path = self.lib.data_path.encode() if self.lib.data_path else None
        rate = _espeak.Initialize(_espeak.AUDIO_OUTPUT_SYNCHRONOUS, 100, path, 0)
        if rate <= 0:
            raise EngineUnavailable(None, f"eSpeak NG failed to initialize ({self.lib.path})")
        self.rate = rate
        self._chunks: list[bytes] = []
        self._events: list[tuple[int, int, int]] = []
        self._deadline = 0.0
        self._timed_out = False
        _espeak.SetSynthCallback(self._on_synth)
        self._current: tuple | None = None
        self._state = espeak.SynthState.find(_espeak.dll)  # None: clips depend on history
        self._info = self._version_info()

    def _version_info(self) -> str:
        try:
            fn = ctypes.CDLL(self.lib.path).espeak_Info
            fn.restype = ctypes.c_char_p
            fn.argtypes = [ctypes.POINTER(ctypes.c_char_p)]
            return "espeak-ng-" + fn(None).decode()
        except (AttributeError, OSError):
            return "espeak-ng"

    def version(self) -> str:
        return self._info

    def describe(self) -> str:
        return f"{self.lib.path} ({self.lib.origin})"

    def _on_synth(self, wav, numsamples, events) -> int:  # noqa: ANN001 - ctypes callback
        if numsamples > 0 and wav:
            self._chunks.append(ctypes.string_at(wav, numsamples * 2))
        if events:
            i = 0
            while (event := events[i]).type != 0:  # espeakEVENT_LIST_TERMINATED
                if event.type == self.e.EVENT_WORD:
                    self._events.append((event.text_position, event.length, event.sample))
                i += 1
        if time.monotonic() > self._deadline:
            self._timed_out = True
            return 1  # abort synthesis
        return 0

    def _apply(self, voice: VoiceProfile) -> None:
        key = (voice.voice_id, voice.rate, voice.pitch, voice.volume)
        if key == self._current:
            return
        e = self.e
        if e.SetVoiceByName(voice.voice_id.encode()) != e.EE_OK:
            raise SynthesisError(voice.path, f"eSpeak NG has no voice {voice.voice_id!r}")
        e.SetParameter(e.RATE, int(voice.rate), 0)
        e.SetParameter(e.PITCH, int(voice.pitch), 0)
        e.SetParameter(e.VOLUME, int(round(voice.volume * 100)), 0)
        self._current = key

    def synthesize(self, text: str, voice: VoiceProfile, timeout_s: float) -> Audio:
        self._apply(voice)
        self._chunks = []
        self._events = []
        self._timed_out = False
        self._deadline = time.monotonic() + timeout_s
        if self._state is not None:  # as in a fresh process, whatever was spoken before
            self._state.restore()
        status = self.e.Synth(text.encode("utf-8"), flags=self.e.CHARS_UTF8)
        chunks, self._chunks = self._chunks, []
        events, self._events = self._events, []
        if self._timed_out:
            raise SynthesisTimeout(
                None, f"eSpeak NG timed out after {timeout_s:g} s on: {text[:60]}"
            )
        if status != self.e.EE_OK:
            raise SynthesisError(None, f"eSpeak NG failed (status {status}) on: {text[:60]}")
        frames = b"".join(chunks)
        words = espeak_words(events, len(text), len(frames) // 2, self.rate)
        return Audio(frames=frames, rate=self.rate, width=2, channels=1, words=words)

    def voices(self) -> list[EngineVoice]:
        out = []
        for v in self.e.ListVoices(None):
            lang = v.languages[1:].decode("utf-8", "ignore") if v.languages else ""
            out.append(
                EngineVoice(
                    id=v.identifier.decode("utf-8", "ignore"),
                    name=v.name.decode("utf-8", "ignore"),
                    languages=(lang,) if lang else (),
                    gender=[None, "male", "female"][v.gender] if v.gender in (0, 1, 2) else None,
                )
            )
        return out


def espeak_words(
    events: list[tuple[int, int, int]], text_len: int, frame_count: int, rate: int
) -> tuple[Word, ...]:
    """Word events (1-based character position, length in characters, start sample) -> words.

    eSpeak NG reports a number read as several words ("2024": two thousand twenty-four) as
    several events at one position: the first one starts the written word. Positions are in
    characters of the text (not UTF-8 bytes), samples count from the start of the clip.
    """
    words: list[Word] = []
    for position, length, sample in events:
        start = position - 1
        if start < 0 or start >= text_len or (words and start < words[-1].end):
            continue
        at = 1000.0 * min(max(sample, 0), frame_count) / rate
        if words and at < words[-1].start_ms:
            at = words[-1].start_ms
        words.append(Word(start=start, end=min(text_len, start + max(length, 1)), start_ms=at))
    return tuple(words)


class _DriverBackend:  # pragma: no cover - Windows and macOS only
    """pyttsx3's own driver (SAPI5, NSSpeechSynthesizer/AVSpeech)."""

    def __init__(self) -> None:
        import pyttsx3

        try:
            with contextlib.redirect_stdout(io.StringIO()):
                self.engine = pyttsx3.init()
        except Exception as exc:
            raise EngineUnavailable(None, f"pyttsx3 cannot start the system voice: {exc}") from exc
        self._done = threading.Event()
        self.engine.connect("finished-utterance", lambda name, completed: self._done.set())

    def version(self) -> str:
        return sys.platform

    def describe(self) -> str:
        return f"pyttsx3 driver on {sys.platform}"

    def synthesize(self, text: str, voice: VoiceProfile, timeout_s: float) -> Audio:
        eng = self.engine
        if voice.voice_id and voice.voice_id != "default":
            eng.setProperty("voice", voice.voice_id)
        eng.setProperty("rate", voice.rate)
        eng.setProperty("volume", min(voice.volume, 1.0))
        fd, name = tempfile.mkstemp(suffix=".wav")
        os.close(fd)
        try:
            self._done.clear()
            with contextlib.redirect_stdout(io.StringIO()):
                eng.save_to_file(text, name)
                eng.runAndWait()
            if not self._done.wait(timeout_s):
                raise SynthesisTimeout(None, f"system voice timed out on: {text[:60]}")
            deadline = time.monotonic() + timeout_s
            while os.path.getsize(name) == 0 and time.monotonic() < deadline:
                time.sleep(0.01)
            with wave.open(name, "rb") as w:
                return Audio(
                    w.readframes(w.getnframes()),
                    w.getframerate(),
                    w.getsampwidth(),
                    w.getnchannels(),
                )
        except (OSError, wave.Error, EOFError) as exc:
            raise SynthesisError(None, f"system voice wrote no audio: {exc}") from exc
        finally:
            with contextlib.suppress(OSError):
                os.unlink(name)

    def voices(self) -> list[EngineVoice]:
        return [
            EngineVoice(id=v.id, name=v.name, languages=tuple(v.languages or ()), gender=v.gender)
            for v in self.engine.getProperty("voices")
        ]
