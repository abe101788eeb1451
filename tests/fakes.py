"""A deterministic engine for tests: a steady tone of 10 ms per character, so times are exact."""

from __future__ import annotations

import math
import struct

from audio_article.engines.base import EngineVoice
from audio_article.models import Audio, Word

MS_PER_CHAR = 10


def tone(ms: float, rate: int = 44_100, freq: float = 440.0, amplitude: float = 0.3) -> bytes:
    n = round(ms * rate / 1000)
    period = [
        round(amplitude * 32767 * math.sin(2 * math.pi * freq * i / rate)) for i in range(rate)
    ]
    return struct.pack(f"<{n}h", *(period[i % rate] for i in range(n)))


class FakeEngine:
    name = "fake"
    trained = False
    max_chars = 200

    def __init__(self, rate: int = 44_100, fail_on: str | None = None) -> None:
        self.rate = rate
        self.fail_on = fail_on
        self.calls: list[str] = []

    def version(self) -> str:
        return "fake-1"

    def synthesize(self, text: str, voice, timeout_s: float = 60.0) -> Audio:  # noqa: ANN001
        from audio_article.errors import SynthesisError

        self.calls.append(text)
        if self.fail_on and self.fail_on in text:
            raise SynthesisError(None, f"fake failure on {self.fail_on!r}")
        return Audio(
            frames=tone(MS_PER_CHAR * len(text), self.rate), rate=self.rate, words=fake_words(text)
        )

    def voices(self) -> list[EngineVoice]:
        return [EngineVoice(id="fake", name="Fake", languages=("en",))]


def fake_words(text: str) -> tuple[Word, ...]:
    """One word per whitespace-separated token, starting MS_PER_CHAR per character in."""
    import re

    return tuple(
        Word(m.start(), m.end(), float(MS_PER_CHAR * m.start())) for m in re.finditer(r"\S+", text)
    )
