"""Speed of each engine on the sample article: x real time, per-segment overhead, worker IPC cost.

Run by hand (not a test):  PYTHONPATH=. python benchmarks/bench_engines.py [--engines pyttsx3,piper]

For each engine (default profile for pyttsx3, joe for Piper):
- start-up: building the engine and the first (warm-up) segment;
- per segment: the article's sentences one call each -> wall and CPU seconds, x real time
  (seconds of audio per wall second; on this 2-core machine Piper's onnxruntime uses both cores,
  so CPU time is reported too);
- whole text: the same sentences in one call; (per-segment wall - whole wall) / segments is the
  per-segment overhead of calling the engine once per sentence;
- isolated: the same sentences through the worker process (``isolate = true``); the difference
  from in-process per segment is the IPC cost.

Measured 2026-11-27 on the 2-core dev machine (shared with other jobs, best of 2-7 runs), 20
sentences of the sample article, ~145 s of audio:
  eSpeak NG (pyttsx3 engine): ~1,000-1,200x real time per segment; per-segment overhead within
    +-1 ms of one whole-text call; worker IPC +0.5-0.8 ms per segment (~10 %), worker start 0.1-0.3 s.
  Piper en_US-joe-medium: 8-10x real time wall (8x per CPU second; onnxruntime uses both cores),
    model load + first segment 1.5 s; per-segment overhead within noise (whole text is not
    faster: Piper splits into sentences itself); worker IPC not measurable above the noise
    (8 sentences: 6.8-11.5 s in-process vs 7.0-8.2 s in a worker).
"""

from __future__ import annotations

import argparse
import re
import time
from dataclasses import replace
from pathlib import Path

from audio_article.config import resolve_voice
from audio_article.engines import ENGINES, get_engine
from audio_article.engines.resilient import ResilientEngine

SAMPLE = (
    Path(__file__).resolve().parent.parent / "examples" / "kyiv-independent-north-korean-troops.txt"
)
PROFILES = {"pyttsx3": "default", "piper": "joe"}


def sentences(limit: int) -> list[str]:
    import pysbd

    text = SAMPLE.read_text(encoding="utf-8")
    seg = pysbd.Segmenter(language="en", clean=False)
    out = [
        s.strip() for p in re.split(r"\n\s*\n", text) for s in seg.segment(p) if len(s.split()) > 3
    ]
    return out[:limit]


def timed(fn):  # noqa: ANN001, ANN201
    wall, cpu = time.perf_counter(), time.process_time()
    result = fn()
    return result, time.perf_counter() - wall, time.process_time() - cpu


def best(fn, repeat: int):  # noqa: ANN001, ANN201
    """The fastest of ``repeat`` runs: other processes on a shared machine only add time."""
    runs = [timed(fn) for _ in range(repeat)]
    return min(runs, key=lambda r: r[1])


def bench(name: str, texts: list[str], repeat: int) -> None:
    voice = resolve_voice(PROFILES[name])
    engine, start_wall, _ = timed(lambda: get_engine(name))
    _, warm, _ = timed(lambda: engine.synthesize(texts[0], voice, 60))
    clips, wall, cpu = best(lambda: [engine.synthesize(t, voice, 60) for t in texts], repeat)
    audio_s = sum(c.duration_ms for c in clips) / 1000
    whole, whole_wall, _ = best(lambda: engine.synthesize(" ".join(texts), voice, 600), repeat)
    print(
        f"\n{name} ({engine.version()}), {len(texts)} segments, {audio_s:.1f} s of audio, {clips[0].rate} Hz"
    )
    print(f"  start-up {start_wall:.2f} s, first segment {warm:.2f} s")
    print(
        f"  per segment : {wall:.2f} s wall, {cpu:.2f} s CPU -> {audio_s / wall:.0f}x real time "
        f"({audio_s / cpu:.0f}x per CPU second)"
    )
    print(
        f"  whole text  : {whole_wall:.2f} s wall -> {whole.duration_ms / 1000 / whole_wall:.0f}x real time"
    )
    print(f"  per-segment overhead: {1000 * (wall - whole_wall) / len(texts):+.1f} ms")
    wrapped = ResilientEngine(engine, ENGINES[name])
    isolated = replace(voice, isolate=True)
    try:
        _, spawn, _ = timed(lambda: wrapped.synthesize(texts[0], isolated, 60))
        iso_clips, iso_wall, _ = best(
            lambda: [wrapped.synthesize(t, isolated, 60) for t in texts], repeat
        )
    finally:
        wrapped.close()
    mb = sum(len(c.frames) for c in iso_clips) / 1e6
    print(
        f"  isolated    : worker start {spawn:.2f} s, {iso_wall:.2f} s wall "
        f"-> IPC {1000 * (iso_wall - wall) / len(texts):+.1f} ms per segment ({mb:.1f} MB of PCM sent back)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--engines", default="pyttsx3,piper")
    parser.add_argument("--segments", type=int, default=40)
    parser.add_argument("--repeat", type=int, default=3, help="best of N runs")
    args = parser.parse_args()
    texts = sentences(args.segments)
    for name in args.engines.split(","):
        bench(name, texts, args.repeat)


if __name__ == "__main__":
    main()
