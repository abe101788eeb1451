"""Jobs that carry their input and bring back their output: for executors with no shared disk.

A cluster worker may be another machine that cannot see the client's files. So the client packs
each ``batch.Job`` into a ``ShippedJob`` (the article's bytes, the bytes of any file the options
name: cover art, intro and outro music), the worker converts it inside a private temporary folder
with the ordinary pipeline (``run_shipped``, through ``batch.run_job``, so the audio and every
sidecar are made by exactly the same code as on this machine) and returns a ``Returned``: the
Outcome and the finished files as bytes. The client then writes them into OUT as the local pool
would: each file through a temp file and a rename, the sidecars first and the MP3 last (an MP3 in
place means the whole episode is there), then the record that lets the next run skip it.

Nothing is written into OUT by a worker, so a worker that dies mid-job leaves nothing there; the
job is simply run again elsewhere, and whichever run's result reaches the client first is written,
once.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import tempfile
import threading
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from . import batch, manifest
from .batch import Job, Outcome, WorkerLost
from .config import VoiceProfile
from .errors import AudioArticleError

INSTALL_STAGES = frozenset({"config", "synthesize"})
"""Failures that can come from a worker's install (an engine or a voice missing there): their
reason names the worker."""
ASSET_OPTIONS = ("cover", "intro_audio", "outro_audio")
"""Options naming files on the client that the worker needs (shipped with every job)."""


@dataclass(frozen=True)
class ShippedJob:
    """A ``Job`` with everything a worker needs from the client's disk."""

    job: Job
    data: bytes | None
    """The input file's bytes (None if it could not be read: then ``error`` says why)."""
    target: str
    """The output path relative to the output folder (POSIX)."""
    assets: tuple[tuple[str, str, bytes], ...] = ()
    """(option name, file name, bytes) of each file an option names."""
    error: str | None = None


@dataclass(frozen=True)
class Returned:
    """A worker's answer: the outcome (in the client's paths) and the files it made."""

    outcome: Outcome
    files: tuple[tuple[str, bytes], ...] = ()
    """(path relative to the output folder, bytes); the MP3 is the last one."""
    engine: str = ""
    engine_version: str = ""
    worker: str = ""
    """Where it ran (a worker's address), for errors that depend on the worker's install."""
    hung: bool = False
    """The job stopped making progress and was abandoned: its worker must be restarted."""
    title: str = ""


class _Shipped(Sequence[ShippedJob]):
    """The jobs, packed on demand: a big run never holds every article in memory at once."""

    def __init__(self, jobs: Sequence[Job]) -> None:
        self.jobs = jobs
        self._assets: dict[Path, tuple[str, bytes] | str] = {}

    def __len__(self) -> int:
        return len(self.jobs)

    def __getitem__(self, index):  # noqa: ANN001, ANN204 - Sequence's overloads
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        return self.pack(self.jobs[index])

    def pack(self, job: Job) -> ShippedJob:
        target = Path(job.target).relative_to(Path(job.options.output_dir)).as_posix()
        assets = []
        for name in ASSET_OPTIONS:
            path = getattr(job.options, name)
            if path is None:
                continue
            if path not in self._assets:  # read once per run, not once per job
                try:
                    self._assets[path] = (Path(path).name, Path(path).read_bytes())
                except OSError as exc:
                    self._assets[path] = f"{path}: cannot read file: {exc.strerror or exc}"
            asset = self._assets[path]
            if isinstance(asset, str):
                return ShippedJob(job, None, target, error=asset)
            assets.append((name, *asset))
        try:
            data = Path(job.input).read_bytes()
        except OSError as exc:
            return ShippedJob(job, None, target, error=f"cannot read file: {exc.strerror or exc}")
        return ShippedJob(job, data, target, tuple(assets))


def map_shipped(executor: batch.Executor, jobs: Sequence[Job]) -> Iterator[tuple[Job, object]]:
    """Run ``jobs`` on ``executor`` as shipped jobs; write each result into OUT as it arrives.

    Yields ``(job, Outcome | WorkerLost)`` like ``executor.map_unordered(run_job, jobs)``.
    """
    from .config import resolve_voice

    on_hung = getattr(executor, "restart_worker", None)
    voices: dict[object, object] = {}  # the requested profile, resolved once (for the records)
    for shipped, result in executor.map_unordered(run_shipped, _Shipped(jobs)):
        if isinstance(result, WorkerLost):
            yield shipped.job, result
            continue
        assert isinstance(result, Returned)
        if result.hung and on_hung is not None:
            on_hung(result.worker)
        requested = shipped.job.options.voice
        if requested not in voices:
            voices[requested] = resolve_voice(requested)
        yield shipped.job, receive(shipped, result, voices[requested])


def receive(shipped: ShippedJob, result: Returned, voice: VoiceProfile | None = None) -> Outcome:
    """Write a worker's files into OUT (atomically, MP3 last) and its record; the Outcome."""
    from .encode import atomic_path
    from .transcripts import remove_sidecars

    outcome = result.outcome
    if outcome.status != "converted":
        return outcome
    job = shipped.job
    out_dir = Path(job.options.output_dir)
    try:
        for rel, data in result.files:
            with atomic_path(out_dir / rel, job.input) as tmp:
                tmp.write_bytes(data)
        if not job.options.sidecars:
            remove_sidecars(Path(job.target), job.input)
        _save_record(shipped, result, voice)
    except AudioArticleError as exc:
        return batch._failed(job.input, exc.stage, exc.message)
    except OSError as exc:
        return batch._failed(job.input, "encode", f"cannot write the output: {exc}")
    return outcome


def _save_record(shipped: ShippedJob, result: Returned, voice: VoiceProfile | None) -> None:
    """The record ``manifest.Check.save`` would have written, with the worker's engine version."""
    from .cache import engine_version
    from .config import resolve_voice

    job, outcome = shipped.job, result.outcome
    out_dir = Path(job.options.output_dir)
    assert shipped.data is not None and outcome.output is not None
    digest = hashlib.sha256(shipped.data).hexdigest()
    voice = voice or resolve_voice(job.options.voice)
    # the next plan computes keys with the version cached here: make it the workers' one
    engine_version(result.engine, job.options.cache_dir, engine=_Reported(result.engine_version))
    *sidecars, mp3 = (rel for rel, _ in result.files)
    record = manifest.Record(
        input=str(Path(job.input).resolve()),
        input_sha256=digest,
        key=manifest.job_key(digest, job.options, voice, result.engine_version),
        output=mp3,
        size=(out_dir / mp3).stat().st_size,
        title=result.title,
        duration_ms=outcome.audio_ms,
        engine=result.engine,
        sidecars=tuple(sidecars),
    )
    manifest.write_record(out_dir, Path(job.input), record)


@dataclass(frozen=True)
class _Reported:
    """An engine known only by the version a worker reported."""

    reported: str

    def version(self) -> str:
        return self.reported


# --- on the worker ----------------------------------------------------------------------

_one_at_a_time = threading.Lock()
"""One conversion per worker process at a time: engines are started once per process and are
not safe to call from two threads (a Dask worker started with ``--nthreads 4`` still works, it
just converts one article at a time per process)."""

hang_after_s: float = batch.HANG_GRACE_S
"""No sign of life for this long and the job is abandoned (set by the cluster's worker plugin)."""
version_mismatch: str | None = None
"""Set on a worker whose audio-article is not the client's: every job fails with this reason."""


def worker_address() -> str:
    """The Dask worker this runs on (its address), else this machine's name."""
    try:
        from distributed import get_worker

        return get_worker().address
    except (ImportError, ValueError):
        import socket

        return socket.gethostname()


def run_shipped(shipped: ShippedJob) -> Returned:
    """Convert a shipped job in a private temp folder; the Outcome and the files, as bytes.

    Runs ``batch.run_job`` on a thread of its own and watches its heartbeat (each synthesized
    segment, CPU time advancing): a job silent for ``hang_after_s`` is reported failed and hung,
    so the client restarts this worker (the stuck thread cannot be stopped from here).
    """
    job = shipped.job
    if shipped.data is None:
        return Returned(batch._failed(job.input, "read", shipped.error or "cannot read file"))
    where = worker_address()  # here: Dask knows its worker on the task's thread only
    if version_mismatch:
        failed = batch._failed(job.input, "worker", f"{version_mismatch} (on worker {where})")
        return Returned(failed, worker=where)
    result: list[Returned] = []
    last = [time.monotonic()]
    started = threading.Event()

    def work() -> None:
        with _one_at_a_time:
            last[0] = time.monotonic()
            started.set()
            batch._heartbeat = lambda: last.__setitem__(0, time.monotonic())
            try:
                result.append(_convert(shipped, where))
            except BaseException as exc:  # never leave the waiting thread without an answer
                failed = batch._failed(job.input, "convert", f"{type(exc).__name__}: {exc}")
                result.append(Returned(failed))
            finally:
                batch._heartbeat = None

    busy = JobCPU()
    thread = threading.Thread(target=work, name="audio-article-job", daemon=True)
    thread.start()
    cpu = busy.seconds()
    while thread.is_alive():
        thread.join(0.5)
        now = busy.seconds()
        if now - cpu > 0.05:  # CPU time advancing is a sign of life too (e.g. while encoding)
            last[0] = time.monotonic()
        cpu = now
        if started.is_set() and time.monotonic() - last[0] > hang_after_s:
            reason = f"no progress for {hang_after_s:.0f} s: stopped (its worker is restarted)"
            return Returned(batch._failed(job.input, "worker", reason), worker=where, hung=True)
    return result[0]


_job_threads: set[int] = set()
"""Native ids of threads first seen while a job of ours ran (engine and encoder threads live on
from one job to the next): they count as the job's, the worker's own threads never do."""


class JobCPU:
    """CPU seconds spent by the job: its threads (those started since it began, or by an earlier
    job: engine pools) and this process's child processes (the encoder). Not the Dask worker's
    own threads (event loop, heartbeats), which keep running while a job hangs, nor anything
    else on the machine."""

    def __init__(self) -> None:
        import psutil

        self._process = psutil.Process()
        self._before = {t.id for t in self._process.threads()} - _job_threads
        self._threads: dict[int, float] = {}  # the last CPU time seen of each job thread
        self._ended = 0.0  # of job threads that have ended: their time is not lost with them

    def seconds(self) -> float:
        import psutil

        total = 0.0
        try:
            live = {}
            for t in self._process.threads():
                if t.id not in self._before:
                    _job_threads.add(t.id)
                    live[t.id] = t.user_time + t.system_time
            for tid, last in self._threads.items():
                if tid not in live or live[tid] < last:  # ended (or its id reused)
                    self._ended += last
            self._threads = live
            total += self._ended + sum(live.values())
            for child in self._process.children(recursive=True):
                with contextlib.suppress(psutil.Error):  # it may end meanwhile
                    times = child.cpu_times()
                    total += times.user + times.system
        except psutil.Error:
            pass
        ended = os.times()  # children that ended (and were waited for)
        return total + ended.children_user + ended.children_system


def _convert(shipped: ShippedJob, where: str) -> Returned:
    from .engines import get_engine

    job = shipped.job
    with tempfile.TemporaryDirectory(prefix="audio-article-job-") as tmp:
        here = Path(tmp)
        source = here / "in" / Path(job.input).name  # the same name: kind and fallback title
        source.parent.mkdir()
        source.write_bytes(shipped.data or b"")
        out = here / "out"
        assets = {}
        for name, file_name, data in shipped.assets:
            path = here / "assets" / name / file_name
            path.parent.mkdir(parents=True)
            path.write_bytes(data)
            assets[name] = path
        options = replace(job.options, output_dir=out, **assets)
        outcome = batch.run_job(Job(source, out / shipped.target, options, shared=job.shared))
        if outcome.status != "converted":
            error = _client_paths(outcome.error or "", source, out, job)
            if outcome.stage in INSTALL_STAGES:
                error = f"{error} (on worker {where})"
            return Returned(replace(outcome, input=job.input, error=error), worker=where)
        record = manifest.read_record(out, source)
        assert record is not None and outcome.output is not None
        files = tuple((rel, (out / rel).read_bytes()) for rel in (*record.sidecars, record.output))
        files = tuple((rel, _relabel(rel, data, source, job)) for rel, data in files)
        engine = record.engine
        version = get_engine(engine).version()
        done = replace(
            outcome, input=job.input, output=Path(job.options.output_dir) / record.output
        )
        return Returned(done, files, engine, version, where, title=record.title)


def _relabel(rel: str, data: bytes, source: Path, job: Job) -> bytes:
    """The metadata sidecar names the input file: the client's path, not the worker's copy."""
    from .transcripts import relabel_source

    if Path(rel).name == Path(job.target).stem + ".json":  # not .chapters.json, .timings.json
        return relabel_source(data, job.input)
    return data


def _client_paths(message: str, source: Path, out: Path, job: Job) -> str:
    """An error message as the client would have seen it (its paths, not the temp folder's)."""
    message = message.replace(str(source), str(job.input))
    return message.replace(str(out), str(job.options.output_dir))
