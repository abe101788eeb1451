"""Batch on a Dask cluster (a real LocalCluster of worker processes): the same files and report as
the local pool, nothing lost or duplicated when a worker dies, hung tasks and missing engines fail
alone, a lost scheduler keeps what was finished."""

from __future__ import annotations

import functools
import json
import os
import signal
import time
from pathlib import Path

import pytest

distributed = pytest.importorskip("distributed")

from audio_article import engines, manifest  # noqa: E402
from audio_article.batch import (  # noqa: E402
    InlineExecutor,
    Outcome,
    ProcessExecutor,
    convert_directory,
)  # noqa: E402
from audio_article.cluster import ClusterExecutor, parse_local  # noqa: E402
from audio_article.config import Options  # noqa: E402
from audio_article.errors import ClusterError, EngineUnavailable  # noqa: E402

from .fakes import FakeEngine  # noqa: E402
from .test_batch import BODY, article, by_name, write  # noqa: E402


@pytest.fixture(scope="module")
def cluster():
    """Two worker processes (one thread each), shared by the tests of this module."""
    import dask

    with (
        dask.config.set({"distributed.scheduler.allowed-failures": 1}),
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as c,
    ):
        yield c


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """The local batch tests' corpus, plus a file that fails."""
    src = tmp_path / "in"
    write(src, "budget.txt", article("Council Agrees New Budget", *BODY))
    write(src, "roads.md", article("# Roads Come First", *BODY[::-1]))
    write(src, "notes.csv", "not,an,article\n")
    write(src, ".hidden.txt", article("Hidden", *BODY))
    write(src, "empty.txt", "")
    return src


def options(tmp_path: Path, name: str) -> Options:
    return Options(output_dir=tmp_path / name, cache_dir=tmp_path / f"cache-{name}")


class SlowEngine(FakeEngine):
    """The fake engine, a little slow, with a way to die or hang on one article."""

    def __init__(self, marks: str, kill_on: str | None, hang_on: str | None) -> None:
        super().__init__()
        self.marks = Path(marks)
        self.kill_on = kill_on
        self.hang_on = hang_on

    def synthesize(self, text: str, voice, timeout_s: float = 60.0):  # noqa: ANN001, ANN201
        time.sleep(0.05)
        if self.kill_on and self.kill_on in text:
            attempts = self.marks / f"attempt-{os.getpid()}-{time.monotonic_ns()}"
            attempts.write_text(text)
            if len(list(self.marks.glob("attempt-*"))) == 1 or self.kill_on.startswith("Always"):
                os.kill(os.getpid(), signal.SIGKILL)  # the worker dies mid-task
        if self.hang_on and self.hang_on in text:
            time.sleep(3600)
        return super().synthesize(text, voice, timeout_s)


def install_engine(marks: str = "", kill_on: str | None = None, hang_on: str | None = None) -> None:
    """Worker initializer: the worker's "pyttsx3" is a fake engine."""
    engine = SlowEngine(marks, kill_on, hang_on) if marks else FakeEngine()
    engines.ENGINES["pyttsx3"] = lambda: engine
    engines._started.pop("pyttsx3", None)
    engines._resilient.pop("pyttsx3", None)


def no_engine() -> None:
    """Worker initializer: this worker has no speech engine."""

    def missing() -> engines.Engine:
        raise EngineUnavailable(None, "eSpeak NG is not installed: pip install espeakng-loader")

    engines.ENGINES["pyttsx3"] = missing
    engines._started.pop("pyttsx3", None)


def files(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and manifest.STATE_DIR not in p.parts
    }


def comparable(summary, out: Path) -> list[dict]:  # noqa: ANN001
    """The report without wall times, outputs relative to their folder."""
    rows = []
    for row in summary.as_json()["outcomes"]:
        row.pop("seconds")
        if row["output"]:
            row["output"] = Path(row["output"]).relative_to(out).as_posix()
        rows.append(row)
    return rows


def test_cluster_makes_the_same_files_report_and_records_as_the_local_pool(
    cluster, corpus, tmp_path
):
    local = options(tmp_path, "local")
    remote = options(tmp_path, "remote")
    pool = ProcessExecutor(2, initializer=install_engine)
    on_pool = convert_directory(corpus, local, executor=pool)
    dask = ClusterExecutor(cluster.scheduler_address, initializer=install_engine)
    seen: list[Outcome] = []
    on_dask = convert_directory(corpus, remote, executor=dask, on_outcome=seen.append)

    assert comparable(on_dask, remote.output_dir) == comparable(on_pool, local.output_dir)
    assert by_name(on_dask)["empty.txt"].stage == "read"
    assert on_dask.count("converted") == 2 and len(seen) == 3
    made = files(remote.output_dir)
    assert made == files(local.output_dir)  # MP3s (audio frames and tags) and sidecars
    assert len([n for n in made if n.endswith(".mp3")]) == 2
    meta = json.loads(made["council-agrees-new-budget.json"])
    assert meta["source"]["file"] == str(corpus / "budget.txt")  # not the worker's copy
    keys = lambda out: {r.input: (r.key, r.output, r.sidecars) for r in manifest.all_records(out)}  # noqa: E731
    assert keys(remote.output_dir) == keys(local.output_dir)

    again = convert_directory(corpus, remote, executor=dask)  # the records written here hold
    assert [o.status for o in again.outcomes if o.input.name != "empty.txt"] == ["skipped"] * 2


def test_a_worker_killed_mid_task_loses_nothing_and_duplicates_nothing(cluster, tmp_path):
    src = tmp_path / "in"
    titles = [f"Story Number {n}" for n in range(6)]
    for n, title in enumerate(titles):
        write(src, f"story-{n}.txt", article(title, *BODY))
    write(src, "victim.txt", article("Doomed Story", "This is the sentence that kills."))
    marks = tmp_path / "marks"
    marks.mkdir()
    init = functools.partial(install_engine, str(marks), "sentence that kills")
    opts = options(tmp_path, "out")
    seen: list[Outcome] = []
    summary = convert_directory(
        src, opts, executor=ClusterExecutor(cluster.scheduler_address, init), on_outcome=seen.append
    )
    assert len(list(marks.glob("attempt-*"))) == 2  # killed once, run again on a live worker
    names = [o.input.name for o in seen]
    assert sorted(names) == sorted({*names}) and len(names) == 7  # every article exactly once
    assert {o.status for o in summary.outcomes} == {"converted"}, summary.outcomes
    out = opts.output_dir
    assert len(list(out.glob("*.mp3"))) == 7 and not list(out.rglob("*.part"))
    assert len(manifest.all_records(out)) == 7


def test_an_article_that_kills_every_worker_fails_alone(cluster, tmp_path):
    src = tmp_path / "in"
    write(src, "fine.txt", article("Fine Story", *BODY))
    write(src, "poison.txt", article("Poison Story", "Always the sentence that kills."))
    marks = tmp_path / "marks"
    marks.mkdir()
    init = functools.partial(install_engine, str(marks), "Always the sentence")
    opts = options(tmp_path, "out")
    summary = by_name(
        convert_directory(src, opts, executor=ClusterExecutor(cluster.scheduler_address, init))
    )
    assert summary["fine.txt"].status == "converted"
    assert summary["poison.txt"].status == "failed" and summary["poison.txt"].stage == "worker"
    assert "died" in summary["poison.txt"].error
    assert [p.name for p in opts.output_dir.glob("*.mp3")] == ["fine-story.mp3"]


def test_a_hung_task_fails_alone_and_its_worker_is_restarted(cluster, tmp_path):
    src = tmp_path / "in"
    write(src, "fine.txt", article("Fine Story", *BODY))
    write(src, "other.txt", article("Other Story", *BODY[::-1]))
    write(src, "stuck.txt", article("Stuck Story", "This sentence never ends."))
    marks = tmp_path / "marks"
    marks.mkdir()
    init = functools.partial(install_engine, str(marks), None, "never ends")
    opts = options(tmp_path, "out")
    executor = ClusterExecutor(cluster.scheduler_address, init, hang_after_s=2.0)
    summary = by_name(convert_directory(src, opts, executor=executor))
    assert summary["stuck.txt"].status == "failed" and summary["stuck.txt"].stage == "worker"
    assert "no progress" in summary["stuck.txt"].error
    assert summary["fine.txt"].status == summary["other.txt"].status == "converted"
    assert not list(opts.output_dir.glob("stuck*"))


def test_a_worker_without_the_engine_fails_each_article_with_the_reason(cluster, corpus, tmp_path):
    opts = options(tmp_path, "out")
    summary = by_name(
        convert_directory(
            corpus, opts, executor=ClusterExecutor(cluster.scheduler_address, no_engine)
        )
    )
    for name in ("budget.txt", "roads.md"):
        assert summary[name].status == "failed" and summary[name].stage == "synthesize"
        assert "pip install espeakng-loader" in summary[name].error
        assert "on worker tcp://" in summary[name].error
    assert not list(opts.output_dir.glob("*.mp3"))


def test_a_lost_scheduler_keeps_finished_work_and_a_rerun_does_the_rest(tmp_path, fake_engine):
    src = tmp_path / "in"
    for n in range(5):
        write(src, f"story-{n}.txt", article(f"Story Number {n}", *BODY))
    marks = tmp_path / "marks"
    marks.mkdir()
    init = functools.partial(install_engine, str(marks))
    opts = options(tmp_path, "out")
    lost = distributed.LocalCluster(
        n_workers=1, threads_per_worker=1, processes=True, dashboard_address=None
    )
    seen: list[Outcome] = []

    def stop_scheduler(outcome: Outcome) -> None:
        seen.append(outcome)
        if len(seen) == 1:
            lost.close()

    try:
        with pytest.raises(ClusterError, match="lost the connection to the Dask scheduler"):
            convert_directory(
                src,
                opts,
                executor=ClusterExecutor(lost.scheduler_address, init),
                on_outcome=stop_scheduler,
            )
    finally:
        lost.close()
    kept = {p.name for p in opts.output_dir.glob("*.mp3")}
    assert 1 <= len(kept) < 5 and not list(opts.output_dir.rglob("*.part"))
    rerun = convert_directory(src, opts, executor=InlineExecutor())
    assert rerun.count("skipped") == len(kept) and rerun.count("converted") == 5 - len(kept)


def test_unreachable_scheduler_and_bad_addresses_are_one_line_errors(tmp_path, corpus):
    with pytest.raises(ClusterError, match="cannot reach the Dask scheduler"):
        convert_directory(
            corpus,
            options(tmp_path, "out"),
            executor=ClusterExecutor("tcp://127.0.0.1:9", connect_timeout_s=1.0),
        )
    for bad in ("local:0", "local:two"):
        with pytest.raises(ClusterError, match="local:N"):
            parse_local(bad)
    assert parse_local("local:3") == 3


@pytest.mark.integration
def test_cli_cluster_with_espeak_matches_the_local_run_byte_for_byte(corpus, tmp_path):
    """The real CLI, the real engine: ``--cluster local:2``, ``--jobs 2`` and ``--jobs 1`` speak
    the articles in other processes and orders, yet every file is the same (eSpeak NG speaks each
    clip as in a fresh process); the cover art given on the client reaches the worker."""
    from click.testing import CliRunner
    from PIL import Image

    from audio_article.cli import cli

    write(
        corpus, "third.txt", article("Harbour Reopens", "Ferries ran again on Friday. Fares rose.")
    )
    write(corpus, "fourth.txt", article("Library Hours", "The library opens at nine, from May."))
    cover = tmp_path / "cover.png"
    Image.new("RGB", (1400, 1400), (200, 30, 30)).save(cover)
    runs = {}
    ways = {"inline": ["--jobs", "1"], "pool": ["--jobs", "2"], "dask": ["--cluster", "local:2"]}
    for name, how in ways.items():
        out, report = tmp_path / name, tmp_path / f"{name}.json"
        args = ["batch", str(corpus), "-o", str(out), "--cache-dir", str(tmp_path / f"c-{name}"),
                "--report", str(report), "--cover", str(cover), *how]  # fmt: skip
        result = CliRunner().invoke(cli, args)
        assert result.exit_code == 1, result.output  # empty.txt fails, alone
        assert "empty.txt: [read]" in result.output
        rows = json.loads(report.read_text())["outcomes"]
        for row in rows:
            row.pop("seconds")
            row["output"] = row["output"] and Path(row["output"]).relative_to(out).as_posix()
        runs[name] = (rows, files(out))
    assert runs["dask"][0] == runs["pool"][0] == runs["inline"][0]
    assert runs["dask"][1] == runs["pool"][1]
    assert runs["dask"][1] == runs["inline"][1]
    assert len([n for n in runs["dask"][1] if n.endswith(".mp3")]) == 4


def test_cli_cluster_usage_and_address_errors(corpus, tmp_path):
    from click.testing import CliRunner

    from audio_article.cli import cli

    base = ["batch", str(corpus), "-o", str(tmp_path / "out")]
    both = CliRunner().invoke(cli, [*base, "--jobs", "2", "--cluster", "local:2"])
    assert both.exit_code == 2 and "exclude each other" in both.output
    bad = CliRunner().invoke(cli, [*base, "--cluster", "local:none"])
    assert bad.exit_code == 1
    assert bad.output.strip().splitlines()[-1] == (
        "Error: local:none: use local:N with N worker processes (e.g. local:2)"
    )


def test_a_worker_with_another_version_fails_each_article_with_the_reason(
    corpus, tmp_path, monkeypatch, fake_engine
):
    from audio_article import remote
    from audio_article.batch import plan_directory
    from audio_article.cluster import AudioArticleWorker

    monkeypatch.setattr(remote, "version_mismatch", None)
    monkeypatch.setattr(remote, "hang_after_s", remote.hang_after_s)
    opts = options(tmp_path, "out")
    job = plan_directory(corpus, opts).jobs[0]
    shipped = remote._Shipped([job])[0]
    assert shipped.data == job.input.read_bytes() and shipped.target.endswith(".mp3")
    AudioArticleWorker("0.0.1", 30.0).setup(None)
    answer = remote.run_shipped(shipped)
    assert answer.outcome.status == "failed" and answer.outcome.stage == "worker"
    assert (
        "the worker has audio-article" in answer.outcome.error and "0.0.1" in answer.outcome.error
    )
    AudioArticleWorker(__import__("audio_article").__version__, 30.0).setup(None)
    answer = remote.run_shipped(shipped)  # the same job, in this process: the files come back
    assert answer.outcome.status == "converted" and answer.engine == "pyttsx3"
    assert [rel for rel, _ in answer.files][-1] == shipped.target
    assert not opts.output_dir.exists() or not list(opts.output_dir.glob("*.mp3"))
    assert remote.receive(shipped, answer).output == job.target and job.target.is_file()


def test_batch_from_a_feed_on_the_cluster_matches_the_local_run(cluster, tmp_path, fake_engine):
    from audio_article.from_feed import convert_feed

    from .test_sources import content_items, rss

    feed = tmp_path / "feed.xml"
    feed.write_bytes(rss(content_items(3)))
    local, remote = options(tmp_path, "local"), options(tmp_path, "remote")
    here = convert_feed(str(feed), local, executor=InlineExecutor())
    dask = ClusterExecutor(cluster.scheduler_address, initializer=install_engine)
    there = convert_feed(str(feed), remote, executor=dask)
    assert there.count("converted") == here.count("converted") == 3
    assert comparable(there, remote.output_dir) == comparable(here, local.output_dir)
    a, b = files(local.output_dir), files(remote.output_dir)
    assert sorted(a) == sorted(b) and len([n for n in b if n.endswith(".mp3")]) == 3
    for name in a:
        if name.endswith(".json") and name.count(".") == 1:  # names the stored source, in OUT
            x, y = json.loads(a[name]), json.loads(b[name])
            assert y["source"].pop("file").startswith(str(remote.output_dir))
            x["source"].pop("file")
            assert x == y
        else:
            assert a[name] == b[name], name
    again = convert_feed(str(feed), remote, executor=dask)
    assert again.count("skipped") == 3


def heap_probe(_: object) -> dict:
    """On a worker: page faults for 200 fresh 1 MiB buffers, the profiler, the nanny's env."""
    import resource

    import dask

    before = resource.getrusage(resource.RUSAGE_THREAD).ru_minflt
    for _ in range(200):
        buffer = bytearray(1 << 20)
        del buffer
    callbacks = distributed.get_worker().periodic_callbacks
    return {
        "faults": resource.getrusage(resource.RUSAGE_THREAD).ru_minflt - before,
        "profiling": "profile" in callbacks,
        "tick_ms": callbacks["tick"].callback_time,
        "config": (
            dask.config.get("distributed.worker.profile.enabled"),
            dask.config.get("distributed.nanny.pre-spawn-environ").get("MALLOC_TRIM_THRESHOLD_"),
        ),
    }


def test_workers_reuse_their_heap_and_run_no_profiler():
    """The cause of a Dask worker converting 1.4x slower than a pool worker: the nanny's
    MALLOC_TRIM_THRESHOLD_ (every large buffer mapped and faulted in afresh) and the statistical
    profiler. A worker started with Dask's defaults (as ``dask worker`` would) is put right by
    the plugin; ``local:N`` starts its workers without either."""
    with distributed.LocalCluster(
        n_workers=1, threads_per_worker=1, processes=True, dashboard_address=None
    ) as plain:
        with distributed.Client(plain, set_as_default=False) as untouched:
            control = untouched.submit(heap_probe, 0, pure=False).result()
        if control["faults"] < 20_000:  # ~256 per buffer: each is a fresh mmap
            pytest.skip(f"this libc does not fault on the Dask defaults ({control})")
        assert control["profiling"]
        ((_, tuned),) = ClusterExecutor(plain.scheduler_address).map_unordered(heap_probe, [0])
        assert tuned["faults"] < 5_000 and not tuned["profiling"], tuned
        assert control["tick_ms"] == 20 and tuned["tick_ms"] == 1000

    ((_, local),) = ClusterExecutor("local:1").map_unordered(heap_probe, [0])
    assert local["faults"] < 5_000 and not local["profiling"], local
    assert local["config"] == (False, None) and local["tick_ms"] == 1000


def test_the_hang_watch_counts_the_jobs_threads_and_children_only():
    import subprocess
    import sys
    import threading

    from audio_article.remote import JobCPU

    stop = threading.Event()

    def spin() -> None:
        while not stop.is_set():
            sum(range(1000))

    other = threading.Thread(target=spin, daemon=True)  # e.g. the Dask worker's own threads
    other.start()
    job = threading.Thread(target=spin, daemon=True)
    try:
        busy = JobCPU()
        start = busy.seconds()
        time.sleep(0.6)
        assert busy.seconds() - start < 0.05  # only another thread was busy
        job.start()  # the job's thread (started after the job began)
        time.sleep(0.6)
        assert busy.seconds() - start > 0.05
    finally:
        stop.set()
        other.join()
        job.join()
    spinner = "import time\nend = time.process_time() + 2\nwhile time.process_time() < end: pass"
    after = busy.seconds()
    child = subprocess.Popen([sys.executable, "-c", spinner])  # the job's encoder process
    while child.poll() is None and busy.seconds() - after < 0.5:
        time.sleep(0.1)
    assert child.poll() is None, "counted while it runs"
    child.wait()
    assert busy.seconds() - after > 1.5  # ended, still counted


def test_the_hang_watch_keeps_the_time_of_a_job_thread_that_ended():
    # A job thread that ends takes its CPU time with it from the process's thread list; the
    # count must not go down (in a long suite, an earlier job's pool thread ending made the
    # encoder's two seconds read as 1.4).
    import threading

    from audio_article.remote import JobCPU

    busy = JobCPU()

    def spin() -> None:
        end = time.thread_time() + 0.3
        while time.thread_time() < end:
            pass

    job = threading.Thread(target=spin)
    job.start()
    while job.is_alive():
        busy.seconds()  # seen while it runs
        time.sleep(0.02)
    job.join()
    assert busy.seconds() >= 0.25
