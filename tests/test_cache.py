"""The clip cache: content-addressed, corrupt entries re-made, bounded, safe to share."""

from __future__ import annotations

import os
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path

import pytest

from audio_article import engines
from audio_article.cache import ClipCache, clip_key, engine_version
from audio_article.config import VoiceProfile
from audio_article.models import Audio, Segment, Word
from audio_article.synthesize import synthesize

from .fakes import FakeEngine, tone

VOICE = VoiceProfile(name="test")


def audio(ms: float, rate: int = 22_050) -> Audio:
    return Audio(frames=tone(ms, rate), rate=rate)


def segments(*texts: str) -> list[Segment]:
    return [Segment(i, "sentence", t, t, 400) for i, t in enumerate(texts)]


def test_round_trip_keeps_samples_and_format(tmp_path: Path) -> None:
    cache = ClipCache(tmp_path)
    a = Audio(frames=tone(120, 24_000), rate=24_000, width=2, channels=1)
    key = clip_key("fake", "1", VOICE, "Hello.")
    assert cache.get(key) is None
    cache.put(key, a)
    assert cache.get(key) == a
    assert (cache.hits, cache.misses) == (1, 1)


def test_round_trip_keeps_word_timings(tmp_path: Path) -> None:
    cache = ClipCache(tmp_path)
    words = (Word(0, 5, 0.0), Word(6, 11, 312.5))
    a = Audio(frames=tone(120), rate=44_100, words=words)
    key = clip_key("fake", "1", VOICE, "Hello world.")
    cache.put(key, a)
    assert cache.get(key) == a
    # a damaged word table is a miss, like damaged samples
    path = cache._path(key)
    data = bytearray(path.read_bytes())
    data[-3] ^= 0xFF
    path.write_bytes(bytes(data))
    assert cache.get(key) is None


def test_key_covers_engine_version_voice_and_text() -> None:
    base = clip_key("fake", "1", VOICE, "Hello.")
    assert clip_key("fake", "1", VOICE, "Hello.") == base
    assert clip_key("fake", "2", VOICE, "Hello.") != base
    assert clip_key("other", "1", VOICE, "Hello.") != base
    assert clip_key("fake", "1", replace(VOICE, rate=200), "Hello.") != base
    assert clip_key("fake", "1", replace(VOICE, voice_id="en-gb"), "Hello.") != base
    assert clip_key("fake", "1", VOICE, "Hello!") != base
    # pauses act after the engine: they must not invalidate clips
    assert clip_key("fake", "1", replace(VOICE, description="x"), "Hello.") == base


@pytest.mark.parametrize("damage", ["truncate", "flip", "empty", "garbage"])
def test_corrupt_or_partial_entries_are_misses_and_removed(tmp_path: Path, damage: str) -> None:
    cache = ClipCache(tmp_path)
    key = clip_key("fake", "1", VOICE, "Hello.")
    cache.put(key, audio(200))
    path = cache._path(key)
    data = bytearray(path.read_bytes())
    if damage == "truncate":
        data = data[: len(data) // 2]
    elif damage == "flip":
        data[-10] ^= 0xFF
    elif damage == "empty":
        data = bytearray()
    else:
        data = bytearray(b"not a clip at all" * 10)
    path.write_bytes(bytes(data))
    assert cache.get(key) is None
    assert not path.exists()


def test_synthesize_reads_back_cached_clips(tmp_path: Path) -> None:
    cache = ClipCache(tmp_path)
    engine = FakeEngine()
    first = list(synthesize(segments("One.", "Two two.", "One."), engine, VOICE, cache=cache))
    assert engine.calls == ["One.", "Two two."]  # the repeated sentence came from the cache
    second = list(synthesize(segments("One.", "Two two.", "Three."), engine, VOICE, cache=cache))
    assert engine.calls == ["One.", "Two two.", "Three."]
    assert [c.audio for c in second[:2]] == [c.audio for c in first[:2]]


def test_a_corrupt_entry_is_resynthesized(tmp_path: Path) -> None:
    cache = ClipCache(tmp_path)
    engine = FakeEngine()
    list(synthesize(segments("Hello there."), engine, VOICE, cache=cache))
    key = clip_key(engine.name, engine.version(), VOICE, "Hello there.")
    cache._path(key).write_bytes(b"AAC2garbage")
    clips = list(synthesize(segments("Hello there."), engine, VOICE, cache=cache))
    assert engine.calls == ["Hello there.", "Hello there."]
    assert clips[0].audio.frame_count > 0 and cache.get(key) == clips[0].audio


def test_prune_removes_least_recently_used_first(tmp_path: Path) -> None:
    cache = ClipCache(tmp_path, max_bytes=10**9)
    keys = [clip_key("fake", "1", VOICE, str(i)) for i in range(5)]
    now = time.time()
    for age, key in enumerate(keys):  # keys[0] newest ... keys[4] oldest
        cache.put(key, audio(100))
        os.utime(cache._path(key), (now - 100 * age, now - 100 * age))
    cache.get(keys[4])  # a hit makes the oldest the most recently used
    entry = cache._path(keys[0]).stat().st_size
    freed = cache.prune(max_bytes=3 * entry)
    assert freed >= 2 * entry
    left = {k for k in keys if cache._path(k).exists()}
    assert keys[4] in left and keys[0] in left
    assert keys[3] not in left and keys[2] not in left
    assert cache.size() <= 3 * entry


def test_cache_stays_bounded_while_writing(tmp_path: Path) -> None:
    entry = len(tone(100, 22_050)) + 20
    cache = ClipCache(tmp_path, max_bytes=20 * entry)
    for i in range(100):
        cache.put(clip_key("fake", "1", VOICE, str(i)), audio(100))
    assert cache.size() <= 22 * entry


def test_concurrent_writers_of_one_key_leave_a_whole_entry(tmp_path: Path) -> None:
    key = clip_key("fake", "1", VOICE, "Same text.")
    clips = [audio(50 + i) for i in range(16)]
    with ThreadPoolExecutor(8) as pool:
        list(pool.map(lambda a: ClipCache(tmp_path).put(key, a), clips))
    assert ClipCache(tmp_path).get(key) in clips
    assert not [p for p in (tmp_path / "clips-v2").rglob(".tmp-*")]


def test_an_unwritable_cache_only_costs_the_caching(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    cache = ClipCache(blocker)  # its "folder" is a file: every write fails
    engine = FakeEngine()
    clips = list(synthesize(segments("Hi there."), engine, VOICE, cache=cache))
    assert clips[0].audio.frame_count > 0


def test_engine_version_is_probed_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    started: list[int] = []

    def factory() -> FakeEngine:
        started.append(1)
        return FakeEngine()

    monkeypatch.setitem(engines.ENGINES, "fake", factory)
    monkeypatch.setattr(engines, "_started", {})
    assert engine_version("fake", tmp_path) == "fake-1"
    engines._started.clear()
    assert engine_version("fake", tmp_path) == "fake-1"
    assert len(started) == 1
    (tmp_path / "engines.json").write_text("{broken")
    assert engine_version("fake", tmp_path) == "fake-1"
    assert len(started) == 2
