"""Engines that survive a hang or a crash: a segment is retried once in a fresh worker process.

Where to run synthesis, measured with ``benchmarks/bench_engines.py`` (20 sentences of the sample,
2 cores): eSpeak NG takes ~6 ms per sentence in-process (~1,200x real time); through a worker
process the same sentences cost ~0.8 ms more each (pickling the request, ~320 KB of PCM back
through a pipe), about 13 %, plus ~0.15 s to start the worker. Piper takes ~0.9 s per sentence,
so the same ~1 ms of IPC is noise there, but a worker is a second copy of the model (~0.7 s to
load, ~140 MB of memory). And eSpeak NG can already abort a runaway segment from its synthesis callback,
Piper from onnxruntime's terminate flag. So:

- in-process (the default): a timeout, or an unexpected exception from the engine, is retried
  once in a worker process that starts its own engine; a deterministic ``SynthesisError`` (an
  unknown voice id, say) is not retried;
- ``isolate = true`` in a profile: every segment runs in one long-lived worker per engine; a
  worker that dies (a segfault in a driver) or stops answering is killed and the segment is
  retried once in a fresh one. Use it for system drivers that are known to hang or crash.

Either way a second failure is a ``SynthesisError`` for that file; the run goes on.

Workers are started with "spawn": a script that calls the library must keep its top-level code
under ``if __name__ == "__main__":`` (the console script and ``python -m audio_article`` do).
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.connection
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from ..errors import AudioArticleError, SynthesisError
from ..models import Audio
from .base import Engine, EngineCrashed, EngineVoice, SynthesisTimeout

if TYPE_CHECKING:
    from ..config import VoiceProfile

STARTUP_TIMEOUT_S = 120.0
"""How long a worker may take to start its engine (a large Piper model loads in seconds)."""
GRACE_S = 5.0
"""Extra time a worker gets past the segment timeout before it is declared hung."""


def _serve(conn: multiprocessing.connection.Connection, factory: Callable[[], Engine]) -> None:
    """The worker's loop: start the engine, then answer one request per segment."""
    try:
        engine = factory()
    except Exception as exc:
        conn.send(("error", False, f"cannot start the engine in a worker: {exc}"))
        return
    conn.send(("ready", None, None))
    while True:
        try:
            request = conn.recv()
        except EOFError:
            return
        if request is None:
            return
        text, voice, timeout_s = request
        try:
            audio = engine.synthesize(text, voice, timeout_s)
        except AudioArticleError as exc:
            conn.send(("error", isinstance(exc, SynthesisTimeout), exc.message))
        except Exception as exc:
            conn.send(("error", False, f"{type(exc).__name__}: {exc}"))
        else:
            conn.send(("ok", audio, None))


class Worker:
    """One child process running one engine, started on first use and killed when it misbehaves."""

    def __init__(self, name: str, factory: Callable[[], Engine]) -> None:
        self.name = name
        self.factory = factory
        self._proc: Any = None
        self._conn: multiprocessing.connection.Connection | None = None

    @property
    def alive(self) -> bool:
        return self._proc is not None and self._proc.is_alive()

    def start(self) -> None:
        # "spawn", not "fork": forking a process that runs onnxruntime or driver threads can
        # deadlock the child; a spawned child imports only what the engine needs.
        ctx = multiprocessing.get_context("spawn")
        parent, child = ctx.Pipe()
        proc = ctx.Process(target=_serve, args=(child, self.factory), daemon=True)
        try:
            proc.start()
        except Exception as exc:  # e.g. a factory that cannot be pickled
            raise EngineCrashed(None, f"cannot start a {self.name} worker: {exc}") from exc
        child.close()
        self._proc, self._conn = proc, parent
        kind, _, message = self._receive(STARTUP_TIMEOUT_S, "starting")
        if kind != "ready":
            self.stop()
            raise EngineCrashed(None, f"{self.name} worker: {message}")

    def stop(self) -> None:
        """Kill the worker (it may be hung: no polite shutdown)."""
        if self._conn is not None:
            self._conn.close()
        if self._proc is not None:
            if self._proc.is_alive():
                self._proc.kill()
            self._proc.join(timeout=5)
        self._proc = self._conn = None

    def _receive(self, timeout_s: float, doing: str) -> tuple[str, Any, Any]:
        assert self._conn is not None and self._proc is not None
        try:
            if self._conn.poll(timeout_s):
                return self._conn.recv()
        except (EOFError, OSError):
            pass
        else:
            self.stop()
            raise EngineCrashed(
                None, f"{self.name} worker hung while {doing} (killed after {timeout_s:g} s)"
            )
        self._proc.join(timeout=5)
        code = self._proc.exitcode
        self.stop()
        raise EngineCrashed(None, f"{self.name} worker crashed while {doing} (exit code {code})")

    def synthesize(self, text: str, voice: VoiceProfile, timeout_s: float) -> Audio:
        if not self.alive:
            self.start()
        assert self._conn is not None
        try:
            self._conn.send((text, voice, timeout_s))
        except (OSError, ValueError) as exc:
            self.stop()
            raise EngineCrashed(None, f"{self.name} worker is gone: {exc}") from exc
        kind, payload, message = self._receive(timeout_s + GRACE_S, f"reading {text[:40]!r}")
        if kind == "ok":
            return payload
        if payload:  # a timeout the engine itself noticed
            raise SynthesisTimeout(None, message)
        raise SynthesisError(None, message)


class ResilientEngine:
    """An engine whose failed segments get a second chance in a fresh worker process."""

    def __init__(self, inner: Engine, factory: Callable[[], Engine]) -> None:
        self.inner = inner
        self.name = inner.name
        self.trained = inner.trained
        self.max_chars = inner.max_chars
        self.worker = Worker(inner.name, factory)
        self.retries = 0
        """How many segments needed the second chance (for reports and tests)."""

    def version(self) -> str:
        return self.inner.version()

    def voices(self) -> list[EngineVoice]:
        return self.inner.voices()

    def check(self, voice: VoiceProfile) -> None:
        check = getattr(self.inner, "check", None)
        if check is not None:
            check(voice)

    def synthesize(self, text: str, voice: VoiceProfile, timeout_s: float = 60.0) -> Audio:
        try:
            if voice.isolate:
                return self.worker.synthesize(text, voice, timeout_s)
            return self.inner.synthesize(text, voice, timeout_s)
        except (SynthesisTimeout, EngineCrashed) as exc:
            first = exc.message
        except AudioArticleError:
            raise  # deterministic: the same input fails the same way
        except Exception as exc:  # an engine bug: its state may be broken, try a fresh one
            first = f"{type(exc).__name__}: {exc}"
        self.retries += 1
        self.worker.stop()  # a fresh worker, whatever the previous one went through
        started = time.monotonic()
        try:
            return self.worker.synthesize(text, voice, timeout_s)
        except SynthesisError as exc:
            raise SynthesisError(
                None,
                f"{self.name} failed twice on {text[:60]!r}: {first}; "
                f"then in a fresh worker after {time.monotonic() - started:.1f} s: {exc.message}",
            ) from exc

    def close(self) -> None:
        self.worker.stop()
