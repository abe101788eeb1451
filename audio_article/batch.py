"""convert_directory(): every article in a folder, in worker processes, one Outcome per file.

The shape, so it can scale out unchanged:

1. ``plan_directory`` (in this process, cheap): find the inputs, skip those whose output is up to
   date (a content hash and one small record each, see ``manifest``), and give every other input
   its output path: its name from an earlier run, or a new unique slug of its title (the titles
   read by the pool's workers, so this process never imports the text stages). Names are
   decided here, in one place, so two articles with the same title never race for one name.
   Each job also carries the lines of its page that other inputs show too (the site's menus
   and footers; read and counted by ``site``, in the pool's workers): they are not read.
2. ``run_job`` (anywhere): a pure function of a ``Job`` (input path, output path, options) to an
   ``Outcome``. It shares nothing with other jobs but the clip cache (safe for concurrent use) and
   never raises for a problem with its file: the problem becomes a failed Outcome with its stage.
3. An ``Executor`` runs jobs and yields their results in completion order. ``InlineExecutor``
   (``--jobs 1``) runs them here; ``ProcessExecutor`` runs them in a local process pool and
   survives a worker that crashes or hangs. ``cluster.ClusterExecutor`` (``--cluster``) runs
   them as Dask tasks; its workers share no disk with us (``ships_files``), so it runs the
   bytes-in, bytes-out variant of ``run_job`` from ``remote`` and the files are written here.
"""

from __future__ import annotations

import contextlib
import functools
import json
import os
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any, Literal, Protocol, TypeVar

from . import manifest
from .claims import Run
from .config import SEGMENT_TIMEOUT_S, Options, resolve_voice
from .errors import AudioArticleError, ConfigError, InProgressElsewhere, WriteError, reason
from .site import Template, executor_template, local_template, unpack

Status = Literal["converted", "skipped", "elsewhere", "failed"]
"""``elsewhere``: another run was converting the file (see ``claims``); not a failure."""
T = TypeVar("T")
R = TypeVar("R")

STALE_PART_S = 120.0
"""A ``.part`` temp file untouched for this long was left by an interrupted run."""
HANG_GRACE_S = 120.0
"""A worker silent for ``max(segment timeout × 2, this)`` is taken for hung and stopped."""


@dataclass(frozen=True)
class Job:
    """One article to make: ``run_job(job)`` depends on these fields and nothing else."""

    input: Path
    target: Path
    options: Options
    run: Run | None = None
    """The run this job belongs to: it claims the article in its name (see ``claims``)."""
    shared: bytes = b""
    """Keys of the page's lines that other pages of the batch show too, packed (``site``): the
    site's template, not read."""


@dataclass(frozen=True)
class Outcome:
    """What happened to one input file."""

    input: Path
    status: Status
    output: Path | None = None
    audio_ms: float = 0.0
    """Length of the output's audio (also for skipped files)."""
    seconds: float = 0.0
    """Wall time spent on this file."""
    stage: str | None = None
    """For a failure: the stage that failed (read, extract, synthesize, encode, tag, ...)."""
    error: str | None = None
    note: str | None = None
    """Why a file was skipped (up to date, made or being made by another run), or how it was
    made (a claim taken over from a run that was killed)."""
    guessed: tuple[str, ...] = ()
    """Metadata the page did not state and that was guessed (``credits``)."""

    def as_json(self) -> dict[str, Any]:
        d = asdict(self)
        d["guessed"] = list(self.guessed)
        d["input"] = str(self.input)
        d["output"] = str(self.output) if self.output else None
        d["duration_s"] = round(self.audio_ms / 1000, 3)
        del d["audio_ms"]
        d["seconds"] = round(self.seconds, 3)
        return d


@dataclass(frozen=True)
class Summary:
    outcomes: tuple[Outcome, ...]
    wall_s: float
    run: Run | None = None
    """This run: every ``converted`` outcome is a file it made."""

    def count(self, status: Status) -> int:
        return sum(1 for o in self.outcomes if o.status == status)

    @property
    def audio_s(self) -> float:
        """Audio made in this run (skipped files not counted)."""
        return sum(o.audio_ms for o in self.outcomes if o.status == "converted") / 1000

    @property
    def speed(self) -> float:
        """Seconds of audio made per second of wall time (× real time)."""
        return self.audio_s / self.wall_s if self.wall_s > 0 else 0.0

    @property
    def ok(self) -> bool:
        return self.count("failed") == 0

    def line(self) -> str:
        return (
            f"{len(self.outcomes)} files: {self.count('converted')} converted, "
            f"{self.count('skipped')} up to date, "
            + (f"{n} in progress elsewhere, " if (n := self.count("elsewhere")) else "")
            + f"{self.count('failed')} failed; "
            f"{self.audio_s / 3600:.2f} h of audio in {self.wall_s:.1f} s "
            f"({self.speed:.0f}× real time)"
        )

    def as_json(self) -> dict[str, Any]:
        return {
            "summary": {
                "files": len(self.outcomes),
                "converted": self.count("converted"),
                "skipped": self.count("skipped"),
                "elsewhere": self.count("elsewhere"),
                "failed": self.count("failed"),
                "audio_hours": round(self.audio_s / 3600, 4),
                "wall_seconds": round(self.wall_s, 3),
                "times_real_time": round(self.speed, 1),
            },
            "run": self.run.as_json() if self.run else None,
            "outcomes": [o.as_json() for o in self.outcomes],
        }


def write_report(summary: Summary, path: Path) -> None:
    """The JSON report, written atomically."""
    path = Path(path)
    tmp = path.with_name(f".{path.name}.part")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        text = json.dumps(summary.as_json(), ensure_ascii=False, indent=2)
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise WriteError(path, f"cannot write the report: {reason(exc)}") from exc


# --- the per-article job ----------------------------------------------------------------


def run_job(job: Job) -> Outcome:
    """Make one article's output; every per-file problem becomes a failed Outcome."""
    from .pipeline import convert_file

    start = time.monotonic()
    beat = _heartbeat
    progress = (lambda n, total: beat()) if beat else None
    try:
        episode = convert_file(
            job.input,
            job.options,
            progress,
            target=job.target,
            run=job.run,
            shared=unpack(job.shared),
        )
    except InProgressElsewhere as exc:
        return Outcome(job.input, "elsewhere", seconds=time.monotonic() - start, note=exc.message)
    except AudioArticleError as exc:
        return _failed(job.input, exc.stage, exc.message, start)
    except MemoryError:
        return _failed(job.input, "convert", "out of memory", start)
    except Exception as exc:  # a bug must fail this file only, with its reason
        return _failed(job.input, "convert", f"{type(exc).__name__}: {exc}", start)
    finally:
        release_memory()
    return Outcome(
        input=job.input,
        status="skipped" if episode.kept else "converted",
        output=episode.path,
        audio_ms=episode.timeline.duration_ms,
        seconds=time.monotonic() - start,
        note=episode.note,
        guessed=episode.article.metadata.guessed,
    )


def release_memory() -> None:
    """Give the heap freed by the last article back to the system (glibc's ``malloc_trim``).

    An article's clips, arrays and buffers are freed when it is done, but glibc keeps the freed
    pages of its per-thread arenas (the synthesis and encoder threads have their own), so a
    long-lived worker's memory would creep up with every article; measured on the 40-article
    benchmark, trimming after each keeps it flat. Elsewhere (musl, macOS, Windows) nothing.
    """
    global _malloc_trim
    if _malloc_trim is None:
        _malloc_trim = _find_malloc_trim()
    if _malloc_trim:
        _malloc_trim(0)


_malloc_trim: Any = None


def _libc() -> Any:
    """glibc, or None (musl, macOS, Windows). By its soname: ``ctypes.util.find_library`` runs
    ``ldconfig`` in a subprocess."""
    import ctypes
    import sys

    if not sys.platform.startswith("linux"):
        return None
    try:
        return ctypes.CDLL("libc.so.6")
    except OSError:
        return None


def _find_malloc_trim() -> Any:
    return getattr(_libc(), "malloc_trim", False)


MMAP_THRESHOLD = 512 * 1024
"""Heap blocks from this size up get pages of their own, given back to the system when freed."""


def lean_malloc() -> None:
    """Fix glibc's mmap threshold at 512 KB (``mallopt(M_MMAP_THRESHOLD)``), in a process that
    converts articles.

    glibc raises the threshold each time a large block is freed (up to 32 MB), so after the first
    clips every numpy work array of an article comes from the heap, where freed pages stay
    resident between arrays. Fixed, each array has its own pages and they go when it does:
    10.6 MB less at the peak of a 12-article ``--jobs 1`` batch (104.8 -> 94.2 MB, issue 16).
    512 KB rather than 128 KB: every smaller array (most of a clip's) mapped and unmapped costs
    page faults; on the 40-article ``--jobs 2`` benchmark 128 KB took 25.6 M faults and 187 s CPU,
    512 KB 15.9 M and 176 s, at a peak tree of 227 MB (goal 250).
    The same as MALLOC_MMAP_THRESHOLD_=524288 in the environment, which wins if set.
    """
    libc = _libc()
    if libc is None or "MALLOC_MMAP_THRESHOLD_" in os.environ:
        return
    with contextlib.suppress(AttributeError):
        libc.mallopt(-3, MMAP_THRESHOLD)  # M_MMAP_THRESHOLD


def _failed(path: Path, stage: str, error: str, start: float | None = None) -> Outcome:
    seconds = time.monotonic() - start if start is not None else 0.0
    return Outcome(input=path, status="failed", stage=stage, error=error, seconds=seconds)


# --- executors --------------------------------------------------------------------------


class WorkerLost(Exception):
    """The worker running this item crashed or hung (and was stopped)."""


class Executor(Protocol):
    """Runs ``fn`` on every item; yields ``(item, result)`` pairs as they finish, any order.

    ``fn`` must not raise for per-item problems (``run_job`` does not). When the machinery itself
    loses an item (a worker process died), the pair is ``(item, WorkerLost(...))``; every item
    comes back exactly once.
    """

    def map_unordered(
        self, fn: Callable[[T], R], items: Sequence[T]
    ) -> Iterator[tuple[T, R | WorkerLost]]: ...


class InlineExecutor:
    """Runs every item in this process, in order (``--jobs 1``)."""

    def map_unordered(
        self, fn: Callable[[T], R], items: Sequence[T]
    ) -> Iterator[tuple[T, R | WorkerLost]]:
        for item in items:
            yield item, fn(item)


_heartbeat: Callable[[], None] | None = None
"""Set in a pool worker while it runs an item: call it to show the worker is not hung."""


def _tracked(fn: Callable[[Any], Any], item: Any, beat_file: str) -> Any:
    """Run ``fn`` in a worker, leaving a heartbeat file (our pid) while it runs."""
    global _heartbeat
    path = Path(beat_file)
    path.write_text(str(os.getpid()))
    last = 0.0

    def heartbeat() -> None:
        nonlocal last
        now = time.monotonic()
        if now - last > 0.25:
            last = now
            with contextlib.suppress(OSError):
                os.utime(path)

    stop = threading.Event()

    def watch() -> None:  # CPU time advancing is a sign of life too (e.g. while encoding)
        cpu = time.process_time()
        while not stop.wait(0.5):
            now = time.process_time()
            if now - cpu > 0.05:
                heartbeat()
            cpu = now

    _heartbeat = heartbeat
    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    try:
        return fn(item)
    finally:
        stop.set()
        _heartbeat = None
        with contextlib.suppress(OSError):
            path.unlink()


@dataclass
class ProcessExecutor:
    """A local pool of ``jobs`` worker processes, each a fresh interpreter (``_worker_main``)
    fed one item at a time over a pipe.

    Not ``multiprocessing``: its spawn and forkserver pools start a resource-tracker process
    (13 MB) and a forkserver (14 MB) beside the workers, for named semaphores that plain pipes do
    not need (issue 16); a fork pool is unsafe with the threads a worker runs. ``fn`` and
    ``initializer`` must be importable functions (pickled by name, as for any process pool).

    Each worker starts its speech engine once (``engines.get_engine`` caches per process). An
    item whose worker dies (segfault, killed, out of memory) is retried alone once all other
    work is done, in a fresh worker, so the one that crashes again is reported lost and the
    others complete. A worker whose heartbeat stops for ``hang_after_s`` is killed, which is
    then handled like a crash (it beats on each synthesized segment and while its CPU time
    advances; a deadlocked worker does not).
    """

    jobs: int
    initializer: Callable[[], None] | None = None
    hang_after_s: float = HANG_GRACE_S

    def map_unordered(
        self, fn: Callable[[T], R], items: Sequence[T]
    ) -> Iterator[tuple[T, R | WorkerLost]]:
        with tempfile.TemporaryDirectory(prefix="audio-article-beats-") as beats:
            suspects = yield from self._round(fn, list(enumerate(items)), beats, self.jobs)
            for index, item in suspects:  # alone, so a second crash names its culprit
                again = yield from self._round(fn, [(index, item)], beats, 1)
                for _, lost in again:
                    yield lost, WorkerLost("the worker process crashed or hung on this file")

    def _round(
        self, fn: Callable[[T], R], work: list[tuple[int, T]], beats: str, jobs: int
    ) -> Iterator[tuple[T, R | WorkerLost]]:
        """Run ``work`` on up to ``jobs`` workers; returns the items whose worker died."""
        import selectors

        todo = list(reversed(work))
        crashed: list[tuple[int, T]] = []
        idle: list[_Worker] = []
        busy: dict[_Worker, tuple[int, T]] = {}
        started = 0
        with selectors.DefaultSelector() as sel:
            try:
                while todo or busy:
                    while todo and (idle or started < min(jobs, len(work))):
                        if not idle:
                            started += 1
                            worker = _Worker(self.initializer)
                            sel.register(worker.results, selectors.EVENT_READ, worker)
                            idle.append(worker)
                        worker = idle.pop()
                        index, item = todo.pop()
                        worker.send((fn, item, os.path.join(beats, str(index))))
                        busy[worker] = (index, item)
                    events = sel.select(timeout=1.0)
                    if not events:
                        self._kill_hung(beats)
                    for key, _ in events:
                        worker = key.data
                        reply = worker.receive()
                        if reply == "ready":
                            continue
                        if worker not in busy:  # an idle worker died (killed from outside)
                            sel.unregister(worker.results)
                            idle.remove(worker)
                            worker.close()
                            started -= 1
                            continue
                        index, item = busy.pop(worker)
                        if reply is None:  # the worker is gone
                            sel.unregister(worker.results)
                            worker.close()
                            started -= 1  # a fresh worker takes its place
                            if not worker.ready:  # it never got to the work: it cannot start
                                yield item, WorkerLost("the worker process could not start")
                                for _, item in reversed(todo):
                                    yield item, WorkerLost("the worker process could not start")
                                todo.clear()
                            else:
                                crashed.append((index, item))
                            with contextlib.suppress(OSError):
                                os.unlink(os.path.join(beats, str(index)))
                            continue
                        assert isinstance(reply, tuple)
                        ok, value = reply
                        yield item, value if ok else WorkerLost(value)
                        idle.append(worker)
            finally:
                for worker in idle:
                    worker.close()
                for worker in busy:  # stopped early (an error, the consumer left): no waiting
                    worker.close(kill=True)
        return crashed

    def _kill_hung(self, beats: str) -> None:
        import signal

        now = time.time()
        for entry in os.scandir(beats):
            with contextlib.suppress(OSError, ValueError):
                if now - entry.stat().st_mtime > self.hang_after_s:
                    pid = int(Path(entry.path).read_text())
                    os.kill(pid, signal.SIGKILL)


class _Worker:
    """One worker process and its two pipes (tasks in, replies out), messages length-prefixed
    pickles. Its standard output and error are ours, as with any child."""

    def __init__(self, initializer: Callable[[], None] | None) -> None:
        import pickle
        import subprocess
        import sys

        task_r, task_w = os.pipe()
        result_r, result_w = os.pipe()
        code = "from audio_article.batch import _worker_main; _worker_main()"
        try:
            self.proc = subprocess.Popen(
                [sys.executable, "-c", code, str(task_r), str(result_w)],
                stdin=subprocess.DEVNULL,
                pass_fds=(task_r, result_w),
            )
        finally:
            os.close(task_r)
            os.close(result_w)
        self.tasks = os.fdopen(task_w, "wb")
        self.results = os.fdopen(result_r, "rb", buffering=0)
        self.ready = False
        # our import path first (the worker needs it to load the pickles), then the initializer
        self._send_raw(pickle.dumps(sys.path))
        self._send_raw(pickle.dumps(initializer))

    def _send_raw(self, data: bytes) -> None:
        with contextlib.suppress(OSError):  # a dead worker: its reply will say so (None)
            self.tasks.write(len(data).to_bytes(8, "little") + data)
            self.tasks.flush()

    def send(self, task: tuple[Any, ...]) -> None:
        import pickle

        self._send_raw(pickle.dumps(task))

    def receive(self) -> tuple[bool, Any] | str | None:
        """The worker's next message: "ready" (its initializer ran), then one reply per task,
        (True, result) or (False, why); None if the worker died. Unbuffered: what the selector
        saw is all still in the pipe."""
        import pickle

        size = _read_exact(self.results, 8)
        if len(size) < 8:
            return None
        data = _read_exact(self.results, int.from_bytes(size, "little"))
        try:
            message = pickle.loads(data)
        except Exception as exc:  # cut short (the worker died writing) or not loadable
            return None if self.proc.poll() is not None else (False, f"{exc!r}")
        if message == "ready":
            self.ready = True
        return message

    def close(self, kill: bool = False) -> None:
        import subprocess

        if kill:
            self.proc.kill()
        with contextlib.suppress(OSError):
            self.tasks.close()  # end of tasks: the worker exits
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self.results.close()


def _read_exact(f: Any, n: int) -> bytes:
    """``n`` bytes from an unbuffered pipe, or fewer at its end."""
    chunks = []
    while n > 0 and (chunk := f.read(n)):
        chunks.append(chunk)
        n -= len(chunk)
    return b"".join(chunks)


def _worker_main() -> None:
    """A pool worker: run the initializer, then each task sent on the pipe, until it closes."""
    import pickle
    import sys

    tasks = os.fdopen(int(sys.argv[1]), "rb")
    replies = os.fdopen(int(sys.argv[2]), "wb")

    def receive() -> Any:
        size = tasks.read(8)
        if len(size) < 8:
            return None
        return pickle.loads(tasks.read(int.from_bytes(size, "little")))

    def reply(message: Any) -> None:
        try:
            data = pickle.dumps(message)
        except Exception as exc:  # e.g. a result that cannot be pickled
            data = pickle.dumps((False, f"{type(exc).__name__}: {exc}"))
        replies.write(len(data).to_bytes(8, "little") + data)
        replies.flush()

    lean_malloc()
    sys.path[:] = receive()
    initializer = receive()
    if initializer is not None:
        initializer()
    reply("ready")
    while (task := receive()) is not None:
        fn, item, beat = task
        try:
            reply((True, _tracked(fn, item, beat)))
        except Exception as exc:
            reply((False, f"{type(exc).__name__}: {exc}"))


def cpu_count() -> int:
    """CPUs this process may use (its affinity mask, not the machine's count)."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:  # macOS, Windows
        return os.cpu_count() or 1


def make_executor(
    jobs: int | None,
    initializer: Callable[[], None] | None = None,
    segment_timeout_s: float = SEGMENT_TIMEOUT_S,
    cluster: str | None = None,
) -> Executor:
    """``InlineExecutor`` for one job, else a local process pool of ``jobs`` (the CPU count);
    with ``cluster`` (a Dask scheduler address, or ``local:N``) a ``ClusterExecutor``."""
    hang_after_s = max(2 * segment_timeout_s, HANG_GRACE_S)
    if cluster:
        try:
            from .cluster import ClusterExecutor
        except ImportError as exc:
            raise ConfigError(
                cluster, "--cluster needs Dask: pip install 'audio-article[cluster]'"
            ) from exc
        return ClusterExecutor(cluster, initializer, hang_after_s=hang_after_s)
    jobs = jobs or cpu_count()
    if jobs == 1:
        lean_malloc()  # this process converts the articles
        if initializer:
            initializer()
        return InlineExecutor()
    return ProcessExecutor(jobs, initializer, hang_after_s=hang_after_s)


# --- planning ---------------------------------------------------------------------------


def find_inputs(root: Path, *, recursive: bool = False, pattern: str | None = None) -> list[Path]:
    """Supported article files under ``root`` (hidden files and folders left out), sorted."""
    from .read import SUPPORTED_SUFFIXES

    root = Path(root)
    if recursive:
        found = []
        for folder, dirs, files in os.walk(root):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            found += [Path(folder) / f for f in files]
    else:
        found = [p for p in root.iterdir() if p.is_file()]
    out = []
    for p in found:
        rel = p.relative_to(root)
        if p.name.startswith(".") or not p.is_file():
            continue
        if pattern is not None:
            if not rel.match(pattern):
                continue
        elif p.suffix.lower() not in SUPPORTED_SUFFIXES:
            continue
        out.append(p)
    return sorted(out, key=lambda p: p.relative_to(root).as_posix())


def clean_stale_parts(out_dir: Path, older_than_s: float = STALE_PART_S) -> int:
    """Remove ``.*.part`` temp files an interrupted run left in ``out_dir``; how many."""
    out_dir = Path(out_dir)
    if not out_dir.is_dir():
        return 0
    now = time.time()
    removed = 0
    for p in out_dir.rglob(".*.part"):
        with contextlib.suppress(OSError):
            if now - p.stat().st_mtime >= older_than_s:
                p.unlink()
                removed += 1
    return removed


@dataclass(frozen=True)
class Plan:
    """Decided before any audio is made: which inputs are done already, which jobs to run."""

    done: tuple[Outcome, ...]
    """Up-to-date and unusable inputs, already with their outcome."""
    jobs: tuple[Job, ...]


Titles = Callable[[list[Path]], dict[Path, "str | tuple[str, str]"]]
"""Input paths -> each one's title, or (stage, message) if it cannot be read."""


def plan_directory(
    root: Path,
    options: Options,
    *,
    recursive: bool = False,
    pattern: str | None = None,
    run: Run | None = None,
    titles: Titles | None = None,
    template: Template | None = None,
) -> Plan:
    """Find inputs, skip the up to date ones, name every output (see the module docstring).

    A new input's name comes from its title: ``titles`` reads them (``local_titles`` here, by
    default; ``executor_titles`` in the pool's workers, so that this process never imports the
    text stages: numpy and the extraction model are ~25 MB that a batch parent need not hold).
    The names are still given out here, in input order, whatever order the titles come in.
    If there is a job, each is given the lines of its page that another input shows too, the
    site's template (``template``: ``site.local_template`` here by default; in the pool's
    workers with ``site.executor_template``).
    """
    from .cache import engine_version
    from .naming import inside, output_path

    root = Path(root)
    out_dir = Path(options.output_dir)
    voice = resolve_voice(options.voice)
    versions = functools.cache(lambda name: engine_version(name, options.cache_dir))
    records = manifest.all_records(out_dir)
    by_input = {r.input: r for r in records}
    orphans = {r.input_sha256: r for r in records if not Path(r.input).exists()}
    assigned: dict[str, set[str]] = {}  # folder -> stems given out in this run
    for r in records:
        folder, _, name = r.output.rpartition("/")
        assigned.setdefault(folder, set()).add(name.rsplit(".", 1)[0])
    done: list[Outcome] = []
    planned: list[tuple[Path, Path | None, float]] = []  # (input, target or None: to name, start)
    inputs = find_inputs(root, recursive=recursive, pattern=pattern)
    for path in inputs:
        start = time.monotonic()
        try:
            digest = manifest.input_digest(path)
        except OSError as exc:
            done.append(_failed(path, "read", f"cannot read file: {exc.strerror or exc}"))
            continue
        record = by_input.get(str(path.resolve()))
        if record is None and digest in orphans:  # a moved or renamed file keeps its output
            record = _adopt(out_dir, orphans.pop(digest), path)
        engine = record.engine if record and record.engine else voice.engine
        key = manifest.job_key(digest, options, voice, versions(engine))
        if not options.force and manifest.is_fresh(record, key, out_dir):
            assert record is not None
            output = out_dir / record.output
            done.append(Outcome(path, "skipped", output, record.duration_ms, _since(start)))
            continue
        planned.append((path, out_dir / record.output if record is not None else None, start))
    unnamed = [path for path, target, _ in planned if target is None]
    found = (titles or local_titles)(unnamed) if unnamed else {}
    jobs: list[Job] = []
    for path, target, start in planned:
        if target is None:
            title = found[path]
            if not isinstance(title, str):
                done.append(_failed(path, *title, start))
                continue
            folder = path.parent.relative_to(root).as_posix() if recursive else ""
            folder = "" if folder == "." else folder
            taken = assigned.setdefault(folder, set())
            target = output_path(title, out_dir / folder, source=path, taken=taken)
            taken.add(target.stem)
        if not inside(target, out_dir):  # cannot happen with slugs; never write outside OUT
            raise ConfigError(target, "output path outside the output folder")
        jobs.append(Job(path, target, replace(options, force=True), run))
    if jobs:
        shared = (template or local_template)(inputs)
        jobs = [replace(job, shared=shared.get(job.input, b"")) for job in jobs]
    return Plan(done=tuple(done), jobs=tuple(jobs))


def title_of(path: Path) -> str | tuple[str, str]:
    """The article's title (read + extract only), to name a new output; or (stage, message)."""
    try:
        return _title(path)
    except AudioArticleError as exc:
        return (exc.stage, exc.message)


def local_titles(paths: list[Path]) -> dict[Path, str | tuple[str, str]]:
    return {path: title_of(path) for path in paths}


def executor_titles(executor: Executor) -> Titles:
    """Titles read by ``executor``'s workers (a worker lost on one: that file fails)."""

    def titles(paths: list[Path]) -> dict[Path, str | tuple[str, str]]:
        found: dict[Path, str | tuple[str, str]] = {}
        for path, title in executor.map_unordered(title_of, paths):
            found[path] = ("worker", str(title)) if isinstance(title, WorkerLost) else title
        return found

    return titles


def _adopt(out_dir: Path, record: manifest.Record, path: Path) -> manifest.Record:
    """Move ``record`` (whose input is gone) over to ``path``, the same bytes elsewhere."""
    manifest.remove_record(out_dir, Path(record.input))
    adopted = replace(record, input=str(path.resolve()))
    manifest.write_record(out_dir, path, adopted)
    return adopted


def _since(start: float) -> float:
    return time.monotonic() - start


def _title(path: Path) -> str:
    """The article's title (read + extract only), to name a new output."""
    from .extract import extract
    from .read import read_source

    return extract(read_source(path)).title


# --- the whole directory ----------------------------------------------------------------


def convert_directory(
    root: Path | str,
    options: Options | None = None,
    *,
    recursive: bool = False,
    pattern: str | None = None,
    executor: Executor | None = None,
    on_outcome: Callable[[Outcome], None] | None = None,
    on_plan: Callable[[Plan], None] | None = None,
) -> Summary:
    """Convert every supported file under ``root`` into ``options.output_dir``.

    Every input gets exactly one Outcome (``on_outcome`` is called as each arrives). Raises only
    for problems with the run itself (an unknown voice, an unusable output folder).
    """
    from .cache import open_cache

    start = time.monotonic()
    run = Run()  # before the plan: what another run finishes after this is not made again
    options = options or Options()
    root = Path(root)
    if not root.is_dir():
        raise ConfigError(root, "not a folder")
    try:
        Path(options.output_dir).mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise WriteError(options.output_dir, f"cannot create the folder: {reason(exc)}") from exc
    clean_stale_parts(options.output_dir)
    executor = executor or make_executor(None)
    pool = isinstance(executor, ProcessExecutor)
    plan = plan_directory(
        root,
        options,
        recursive=recursive,
        pattern=pattern,
        run=run,
        titles=executor_titles(executor) if pool else None,
        template=executor_template(executor) if pool else None,
    )
    if on_plan:
        on_plan(plan)
    outcomes: list[Outcome] = []

    def emit(outcome: Outcome) -> None:
        outcomes.append(outcome)
        if on_outcome:
            on_outcome(outcome)

    for outcome in plan.done:
        emit(outcome)
    if plan.jobs:
        if getattr(executor, "ships_files", False):  # no shared disk: bytes in, bytes out
            from .remote import map_shipped

            results = map_shipped(executor, plan.jobs)
        else:
            results = executor.map_unordered(run_job, list(plan.jobs))
        for job, result in results:
            if isinstance(result, Outcome):
                emit(result)
            else:
                emit(_failed(job.input, "worker", str(result)))
    cache = open_cache(options)
    if cache is not None:
        cache.prune()
    order = {p: i for i, p in enumerate(sorted({o.input for o in outcomes}))}
    outcomes.sort(key=lambda o: order[o.input])
    return Summary(outcomes=tuple(outcomes), wall_s=time.monotonic() - start, run=run)
