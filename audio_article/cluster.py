"""Batch on a Dask cluster: ``batch --cluster tcp://scheduler:8786`` or ``--cluster local:N``.

``ClusterExecutor`` is one more ``batch.Executor``. Planning (hashing, records, names) stays in
the client; every job to run becomes one Dask task. No shared filesystem is assumed: the tasks
are ``remote.run_shipped`` on ``remote.ShippedJob``s (the article's bytes and options in, the
finished files as bytes out), and the client writes the files into OUT (``remote.receive``).

- A Dask worker runs an article as fast as a pool worker does: ``local:N`` starts its workers
  with ``WORKER_CONFIG`` (the nanny does not set ``MALLOC_TRIM_THRESHOLD_``, which turns off
  glibc's dynamic mmap threshold, ~870k page faults per article; no statistical profiler
  sampling the task's stack every 10 ms; monitors every second, not every 20-500 ms), and on
  workers started by hand (``dask worker``) the plugin does the same from inside
  (``tune_worker``).
- Each worker process starts its engine once (``engines.get_engine`` keeps it per process) and
  keeps its clip cache in ``--cache-dir`` (on that machine) or its user cache folder. The
  ``AudioArticleWorker`` plugin, registered on every worker (also on those that join or are
  restarted later), sets the hang timeout, checks the worker runs the same audio-article version
  and runs the optional initializer (tests install a fake engine with it).
- At most a few tasks per worker thread are submitted at a time, so a run of 50,000 articles
  never holds all of them in the client's or the scheduler's memory, and a lost scheduler costs
  only the articles in flight.
- A worker that dies mid-task: Dask runs the task again on another worker (a task that has
  killed ``distributed.scheduler.allowed-failures`` + 1 workers fails alone, "KilledWorker"). The
  client writes whichever result reaches it, once; nothing is written into OUT by a worker.
- A task silent past the hang timeout answers "failed" and its worker is restarted.
- The scheduler gone: ``ClusterError`` (one line); every file written so far stays, with its
  record, so a re-run does only the rest.
"""

from __future__ import annotations

import contextlib
import logging
import time
import uuid
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from distributed import WorkerPlugin

from .batch import HANG_GRACE_S, WorkerLost
from .errors import ClusterError

T = TypeVar("T")
R = TypeVar("R")

CONNECT_TIMEOUT_S = 30.0
"""How long to wait for the scheduler to answer, and for a first worker to join it."""
TASKS_PER_THREAD = 2
"""Tasks in flight per worker thread: one running, one ready to start the moment it ends."""
LOCAL_PREFIX = "local:"
WORKER_CONFIG: dict[str, Any] = {
    # the nanny's default sets MALLOC_TRIM_THRESHOLD_=65536 in the worker's environment: glibc
    # then keeps a fixed 128 KiB mmap threshold and trims the heap at every free, so each
    # article's audio buffers are mapped, faulted in and unmapped again and again (None: unset)
    "distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None,
    # the statistical profiler samples every thread's stack every 10 ms (for the dashboard)
    "distributed.worker.profile.enabled": False,
    # event-loop health ticks (20 ms), system monitor (500 ms) and memory monitor (100 ms) of
    # every worker, nanny and the scheduler: 1.65 s CPU per 30 s of an idle local:2, 0.33 s so
    "distributed.admin.tick.interval": "1s",
    "distributed.admin.system-monitor.interval": "5s",
    "distributed.worker.memory.monitor-interval": "1s",
}
"""Dask settings for our workers (``local:N``; README "Many machines" for ``dask worker``)."""
SLOWER_CALLBACKS = {"tick": 1000, "monitor": 5000, "memory_monitor": 1000}
"""The same intervals (ms) for a worker started by hand (its periodic callbacks, by name)."""
MMAP_THRESHOLD = 32 * 1024 * 1024
"""glibc's own ceiling for its dynamic mmap threshold (64-bit): buffers below it reuse the heap."""
TRIM_THRESHOLD = 2 * MMAP_THRESHOLD
"""What glibc's dynamic rule makes of the trim threshold (twice the mmap threshold); every
article ends with a ``malloc_trim`` anyway (``batch.release_memory``)."""


class AudioArticleWorker(WorkerPlugin):
    """Set up each worker process for audio-article jobs (see the module docstring)."""

    name = "audio-article"

    def __init__(
        self, version: str, hang_after_s: float, initializer: Callable[[], None] | None = None
    ) -> None:
        self.version = version
        self.hang_after_s = hang_after_s
        self.initializer = initializer

    def setup(self, worker: Any) -> None:
        from . import __version__, remote

        remote.hang_after_s = self.hang_after_s
        remote.version_mismatch = (
            None
            if __version__ == self.version
            else f"the worker has audio-article {__version__}, the client {self.version}"
        )
        tune_worker(worker)
        if self.initializer is not None:
            self.initializer()


def tune_worker(worker: Any) -> None:
    """Undo, inside a running worker, what ``WORKER_CONFIG`` prevents on ``local:N``: stop the
    statistical profiler, slow its monitors down and, if the nanny set ``MALLOC_TRIM_THRESHOLD_`` (glibc read it when the
    process started), set the heap thresholds glibc's dynamic rule would reach (``mallopt``)."""
    import os

    callbacks = getattr(worker, "periodic_callbacks", None) or {}
    for name in ("profile", "profile-cycle"):
        callback = callbacks.pop(name, None)
        if callback is not None:
            callback.stop()
    for name, every_ms in SLOWER_CALLBACKS.items():
        if name in callbacks:
            callbacks[name].callback_time = max(callbacks[name].callback_time, every_ms)
    if os.environ.get("MALLOC_TRIM_THRESHOLD_") is not None:
        _mallopt(MMAP_THRESHOLD, TRIM_THRESHOLD)


def _mallopt(mmap_threshold: int, trim_threshold: int) -> bool:
    """glibc's ``mallopt`` for the two thresholds; False where there is no glibc."""
    import ctypes
    import ctypes.util

    m_trim_threshold, m_mmap_threshold = -1, -3  # <malloc.h>
    try:
        mallopt = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6").mallopt
    except (OSError, AttributeError):
        return False
    return bool(mallopt(m_mmap_threshold, mmap_threshold)) and bool(
        mallopt(m_trim_threshold, trim_threshold)
    )


@dataclass
class ClusterExecutor:
    """Runs items as Dask tasks on the cluster at ``address`` (or on ``local:N`` processes)."""

    address: str
    initializer: Callable[[], None] | None = None
    hang_after_s: float = HANG_GRACE_S
    connect_timeout_s: float = CONNECT_TIMEOUT_S
    ships_files = True
    """Workers cannot see the client's files: jobs go as ``remote.ShippedJob``s."""
    _client: Any = field(default=None, init=False, repr=False)

    def map_unordered(
        self, fn: Callable[[T], R], items: Sequence[T]
    ) -> Iterator[tuple[T, R | WorkerLost]]:
        from . import __version__

        client, cluster = self._connect()
        self._client = client
        try:
            plugin = AudioArticleWorker(__version__, self.hang_after_s, self.initializer)
            client.register_plugin(plugin, name=AudioArticleWorker.name)
            yield from self._run(client, fn, items)
        finally:
            self._client = None
            with contextlib.suppress(Exception):
                client.close(timeout=5)
            if cluster is not None:
                with contextlib.suppress(Exception):
                    cluster.close(timeout=10)

    def restart_worker(self, address: str) -> None:
        """Restart the worker at ``address`` (through its nanny): a job of ours hung there."""
        if self._client is not None and address:
            with contextlib.suppress(Exception):
                self._client.restart_workers([address], raise_for_error=False)

    def _connect(self) -> tuple[Any, Any]:
        import dask
        from distributed import Client, LocalCluster

        if self.address.startswith(LOCAL_PREFIX):
            workers = parse_local(self.address)
            try:
                with dask.config.set(WORKER_CONFIG):  # the nannies keep it for restarts too
                    cluster = LocalCluster(
                        n_workers=workers,
                        threads_per_worker=1,
                        processes=True,
                        dashboard_address=None,
                        silence_logs=logging.ERROR,
                    )
            except Exception as exc:  # ports, processes: whatever stops it, one line
                raise ClusterError(self.address, f"cannot start a local cluster: {exc}") from exc
            return Client(cluster, set_as_default=False), cluster
        try:
            client = Client(self.address, timeout=self.connect_timeout_s, set_as_default=False)
        except (OSError, TimeoutError, ValueError) as exc:
            raise ClusterError(self.address, f"cannot reach the Dask scheduler ({exc})") from exc
        try:
            client.wait_for_workers(1, timeout=self.connect_timeout_s)
        except (OSError, TimeoutError) as exc:
            client.close()
            raise ClusterError(
                self.address, f"no worker joined the scheduler in {self.connect_timeout_s:.0f} s"
            ) from exc
        return client, None

    def _run(
        self, client: Any, fn: Callable[[T], R], items: Sequence[T]
    ) -> Iterator[tuple[T, R | WorkerLost]]:
        from distributed import as_completed
        from distributed.scheduler import KilledWorker

        run = uuid.uuid4().hex[:8]
        queue = iter(range(len(items)))
        flying: dict[str, T] = {}
        done = as_completed(loop=client.loop)
        window = Window(client)

        def submit() -> bool:
            index = next(queue, None)
            if index is None:
                return False
            item = items[index]
            future = client.submit(fn, item, key=f"audio-article-{run}-{index}", pure=False)
            flying[future.key] = item
            done.add(future)
            return True

        while len(flying) < window.size() and submit():
            pass
        try:
            for future in done:
                item = flying.pop(future.key)
                try:
                    result = future.result()
                except KilledWorker:
                    result = WorkerLost("the worker process died on this file, every time")
                except Exception as exc:
                    if _lost(client, exc):
                        raise self._scheduler_lost() from exc
                    result = WorkerLost(f"{type(exc).__name__}: {exc}")
                future.release()
                yield item, result
                while len(flying) < window.size() and submit():
                    pass
        except (OSError, TimeoutError) as exc:
            raise self._scheduler_lost() from exc
        finally:
            for key in list(flying):
                with contextlib.suppress(Exception):
                    client.cancel([key])

    def _scheduler_lost(self) -> ClusterError:
        return ClusterError(
            self.address,
            "lost the connection to the Dask scheduler; the files finished so far are kept, "
            "run the same command again to do the rest",
        )


class Window:
    """How many tasks to keep in flight: ``TASKS_PER_THREAD`` per worker thread (re-read every
    few seconds, as workers join or leave)."""

    def __init__(self, client: Any, every_s: float = 5.0) -> None:
        self.client = client
        self.every_s = every_s
        self._size = 0
        self._at = 0.0

    def size(self) -> int:
        now = time.monotonic()
        if now - self._at > self.every_s:
            with contextlib.suppress(Exception):
                threads = sum(self.client.nthreads().values())
                self._size = max(2, TASKS_PER_THREAD * threads)
            self._at = now
        return self._size or 2


def _lost(client: Any, exc: BaseException) -> bool:
    """The scheduler is gone (Dask cancels every future, "scheduler-connection-lost")."""
    return client.status != "running" or "scheduler-connection-lost" in str(exc)


def parse_local(address: str) -> int:
    """``local:N`` -> N (at least 1)."""
    count = address[len(LOCAL_PREFIX) :]
    if not count.isdigit() or int(count) < 1:
        raise ClusterError(address, "use local:N with N worker processes (e.g. local:2)")
    return int(count)
