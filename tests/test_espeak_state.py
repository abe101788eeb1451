"""eSpeak NG speaks every clip as it would in a fresh process, whatever it spoke before (the real
library): so an article's audio does not depend on which worker made it, or in what order."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import subprocess
import sys

import pytest

pytestmark = pytest.mark.integration

CLIPS = [
    ("default", "en-us", "The council agreed on a new budget, with 17 votes in favour."),
    ("default", "en-us", "Hello there. What? No!"),
    ("de", "de", "Der Rat hat den Haushalt mit siebzehn Stimmen beschlossen."),
    ("fr", "fr", "Le conseil a adopté un nouveau budget."),
    ("default", "en-us+Alicia", "She sells sea shells, with an echo and breath."),  # echo, breath
    ("default", "en-us+adam", "A Klatt voice, for once."),  # the Klatt synthesizer
]

FRESH = """
import dataclasses, hashlib, json, sys
from audio_article.config import resolve_voice
from audio_article.engines import get_engine
profile, voice_id, text = json.loads(sys.argv[1])
voice = dataclasses.replace(resolve_voice(profile), voice_id=voice_id)
print(hashlib.sha256(get_engine("pyttsx3").synthesize(text, voice).frames).hexdigest())
"""


def digest(engine, profile: str, voice_id: str, text: str) -> str:  # noqa: ANN001
    from audio_article.config import resolve_voice

    voice = dataclasses.replace(resolve_voice(profile), voice_id=voice_id)
    return hashlib.sha256(engine.synthesize(text, voice).frames).hexdigest()


@pytest.fixture(scope="module")
def espeak():
    from audio_article.engines import get_engine
    from audio_article.errors import EngineUnavailable

    try:
        engine = get_engine("pyttsx3")
    except EngineUnavailable as exc:
        pytest.skip(f"no eSpeak NG here: {exc}")
    if getattr(engine._backend, "_state", None) is None:
        pytest.skip("this libespeak-ng has no symbol table (a stripped system library)")
    return engine


def test_every_clip_sounds_as_in_a_fresh_process_whatever_came_before(espeak):
    fresh = [
        subprocess.run(
            [sys.executable, "-c", FRESH, json.dumps(clip)],
            capture_output=True, text=True, check=True,
        ).stdout.strip()
        for clip in CLIPS
    ]  # fmt: skip
    for order in (CLIPS, CLIPS[::-1], CLIPS[1::2] + CLIPS[::2]):
        for _ in range(2):  # and again, right after itself
            spoken = {clip: digest(espeak, *clip) for clip in order}
            assert [spoken[clip] for clip in CLIPS] == fresh


def test_without_the_reset_a_clip_depends_on_what_came_before(espeak, monkeypatch):
    """The reset is what makes it so (eSpeak NG's pitch flutter, gain control... carry over)."""
    clip = CLIPS[0]
    first = digest(espeak, *clip)
    monkeypatch.setattr(espeak._backend, "_state", None)
    for other in CLIPS[1:]:
        digest(espeak, *other)
    assert digest(espeak, *clip) != first
