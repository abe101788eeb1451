"""Batch: every file gets one outcome, up-to-date work is skipped, names are unique and stable,
bad files fail alone, worker crashes and hangs lose nothing."""

from __future__ import annotations

import contextlib
import json
import os
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from audio_article import engines
from audio_article.batch import (
    InlineExecutor,
    Outcome,
    ProcessExecutor,
    WorkerLost,
    clean_stale_parts,
    convert_directory,
    find_inputs,
)
from audio_article.cli import cli
from audio_article.config import Options

from .fakes import FakeEngine


def article(title: str, *paragraphs: str) -> str:
    return "\n\n".join((title, *paragraphs)) + "\n"


BODY = (
    "The city council met on Tuesday to discuss the new budget for next year. "
    "Members argued for three hours about the cost of repairing old bridges.",
    "In the end they agreed to spend more on roads and less on parking. "
    "The mayor said the plan would be published before the end of the month.",
)


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    src = tmp_path / "in"
    write(src, "budget.txt", article("Council Agrees New Budget", *BODY))
    write(src, "roads.md", article("# Roads Come First", *BODY[::-1]))
    write(src, "notes.csv", "not,an,article\n")
    write(src, ".hidden.txt", article("Hidden", *BODY))
    return src


@pytest.fixture
def options(tmp_path: Path) -> Options:
    return Options(output_dir=tmp_path / "out", cache_dir=tmp_path / "cache")


@pytest.fixture
def starts(monkeypatch: pytest.MonkeyPatch, fake_engine: FakeEngine) -> list[int]:
    """Count engine starts (``engines.get_engine`` building the engine)."""
    count: list[int] = []

    def factory() -> FakeEngine:
        count.append(1)
        return fake_engine

    monkeypatch.setitem(engines.ENGINES, "pyttsx3", factory)
    return count


def by_name(summary) -> dict[str, Outcome]:  # noqa: ANN001
    return {o.input.name: o for o in summary.outcomes}


def test_converts_supported_files_only_with_one_outcome_each(corpus, options, fake_engine):
    summary = convert_directory(corpus, options, executor=InlineExecutor())
    outcomes = by_name(summary)
    assert set(outcomes) == {"budget.txt", "roads.md"}
    assert {o.status for o in outcomes.values()} == {"converted"}
    assert outcomes["budget.txt"].output == options.output_dir / "council-agrees-new-budget.mp3"
    assert outcomes["roads.md"].output == options.output_dir / "roads-come-first.mp3"
    assert all(o.output.stat().st_size > 1000 and o.audio_ms > 1000 for o in outcomes.values())
    assert summary.ok and summary.count("converted") == 2
    assert summary.audio_s == pytest.approx(sum(o.audio_ms for o in outcomes.values()) / 1000)


def test_second_run_skips_everything_without_starting_the_engine(corpus, options, starts):
    convert_directory(corpus, options, executor=InlineExecutor())
    assert len(starts) == 1
    engines._started.clear()
    summary = convert_directory(corpus, options, executor=InlineExecutor())
    assert {o.status for o in summary.outcomes} == {"skipped"}
    assert len(starts) == 1  # deciding to skip did not start the engine
    first = by_name(summary)["budget.txt"]
    assert first.output.exists() and first.audio_ms > 0


def test_force_redoes_and_changed_options_redo(corpus, options, fake_engine):
    from dataclasses import replace

    convert_directory(corpus, options, executor=InlineExecutor())
    forced = convert_directory(corpus, replace(options, force=True), executor=InlineExecutor())
    assert {o.status for o in forced.outcomes} == {"converted"}
    other = convert_directory(corpus, replace(options, bitrate_kbps=64), executor=InlineExecutor())
    assert {o.status for o in other.outcomes} == {"converted"}
    again = convert_directory(corpus, replace(options, bitrate_kbps=64), executor=InlineExecutor())
    assert {o.status for o in again.outcomes} == {"skipped"}


def test_one_sentence_edit_resynthesizes_one_sentence(corpus, options, fake_engine):
    convert_directory(corpus, options, executor=InlineExecutor())
    fake_engine.calls.clear()
    edited = BODY[1].replace("less on parking", "less on parking lots")
    write(corpus, "budget.txt", article("Council Agrees New Budget", BODY[0], edited))
    summary = convert_directory(corpus, options, executor=InlineExecutor())
    outcomes = by_name(summary)
    assert outcomes["budget.txt"].status == "converted"
    assert outcomes["roads.md"].status == "skipped"
    assert len(fake_engine.calls) == 1 and "parking lots" in fake_engine.calls[0]
    # and the output kept its name
    assert outcomes["budget.txt"].output.name == "council-agrees-new-budget.mp3"


def test_same_titles_get_unique_names_that_stay_put(tmp_path, options, fake_engine):
    src = tmp_path / "in"
    write(src, "b.txt", article("Same Title", *BODY))
    write(src, "c.txt", article("Same Title", BODY[1]))
    first = by_name(convert_directory(src, options, executor=InlineExecutor()))
    assert first["b.txt"].output.name == "same-title.mp3"
    assert first["c.txt"].output.name == "same-title-2.mp3"
    # a newcomer sorting first with the same title must not take an existing name
    write(src, "a.txt", article("Same Title", BODY[0]))
    second = by_name(convert_directory(src, options, executor=InlineExecutor()))
    assert second["a.txt"].output.name == "same-title-3.mp3"
    assert second["b.txt"].status == second["c.txt"].status == "skipped"
    assert second["b.txt"].output.name == "same-title.mp3"
    assert len({o.output for o in second.values()}) == 3
    assert all(o.output.exists() for o in second.values())


def test_a_moved_file_keeps_its_output_and_is_not_redone(tmp_path, options, fake_engine):
    src = tmp_path / "in"
    write(src, "old-name.txt", article("Moving Story", *BODY))
    convert_directory(src, options, executor=InlineExecutor())
    (src / "old-name.txt").rename(src / "new-name.txt")
    moved = by_name(convert_directory(src, options, executor=InlineExecutor()))
    assert moved["new-name.txt"].status == "skipped"
    assert moved["new-name.txt"].output.name == "moving-story.mp3"


def test_bad_files_fail_alone_with_stage_and_reason(corpus, options, fake_engine):
    write(corpus, "empty.txt", "")
    (corpus / "binary.html").write_bytes(bytes(range(256)) * 20)
    (corpus / "latin1.txt").write_bytes(article("Caf\xe9 Owners Meet", *BODY).encode("cp1252"))
    write(corpus, "broken.txt", article("Engine Trouble", "This sentence makes the engine fail."))
    fake_engine.fail_on = "engine fail"
    summary = convert_directory(corpus, options, executor=InlineExecutor())
    outcomes = by_name(summary)
    assert outcomes["empty.txt"].status == "failed" and outcomes["empty.txt"].stage == "read"
    assert "empty" in outcomes["empty.txt"].error
    assert outcomes["binary.html"].stage == "read" and "binary" in outcomes["binary.html"].error
    assert outcomes["broken.txt"].stage == "synthesize"
    assert "fake failure" in outcomes["broken.txt"].error
    for name in ("budget.txt", "roads.md", "latin1.txt"):
        assert outcomes[name].status == "converted", outcomes[name]
    assert not summary.ok and summary.count("failed") == 3
    out = options.output_dir
    assert not list(out.glob("engine-trouble*")) and not list(out.glob(".*.part"))


def test_recursive_mirrors_the_tree_and_glob_filters(tmp_path, options, fake_engine):
    src = tmp_path / "in"
    write(src, "top.txt", article("Top Story", *BODY))
    write(src, "2024/may/deep.txt", article("Deep Story", *BODY))
    write(src, "2024/note.md", article("# Top Story", *BODY))
    assert [p.name for p in find_inputs(src)] == ["top.txt"]
    assert len(find_inputs(src, recursive=True)) == 3
    assert [p.name for p in find_inputs(src, recursive=True, pattern="*.md")] == ["note.md"]
    outcomes = by_name(convert_directory(src, options, recursive=True, executor=InlineExecutor()))
    out = options.output_dir
    assert outcomes["top.txt"].output == out / "top-story.mp3"
    assert outcomes["note.md"].output == out / "2024" / "top-story.mp3"  # own folder, own name
    assert outcomes["deep.txt"].output.parent == out / "2024" / "may"


def test_stale_part_files_are_cleaned(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    stale = out / ".story.abc.part"
    stale.write_bytes(b"partial")
    old = time.time() - 3600
    os.utime(stale, (old, old))
    fresh = out / ".other.def.part"
    fresh.write_bytes(b"being written")
    keep = out / "story.mp3"
    keep.write_bytes(b"done")
    assert clean_stale_parts(out) == 1
    assert not stale.exists() and fresh.exists() and keep.exists()


def test_an_interrupted_run_leaves_no_mp3_and_the_next_completes(corpus, options, fake_engine):
    write(corpus, "zz.txt", article("Last Story", *BODY))
    seen = []

    def interrupt(outcome: Outcome) -> None:
        seen.append(outcome)
        if len(seen) == 1:
            fake_engine.fail_on = None
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        convert_directory(corpus, options, executor=InlineExecutor(), on_outcome=interrupt)
    out = options.output_dir
    assert [p.name for p in out.glob("*.mp3")] == ["council-agrees-new-budget.mp3"]
    fake_engine.calls.clear()
    summary = by_name(convert_directory(corpus, options, executor=InlineExecutor()))
    assert summary["budget.txt"].status == "skipped"
    assert summary["roads.md"].status == summary["zz.txt"].status == "converted"


def test_report_and_exit_codes_through_the_cli(corpus, options, fake_engine, tmp_path):
    report = tmp_path / "report.json"
    args = ["batch", str(corpus), "-o", str(options.output_dir), "--jobs", "1",
            "--cache-dir", str(options.cache_dir), "--report", str(report)]  # fmt: skip
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    data = json.loads(report.read_text())
    assert data["summary"]["converted"] == 2 and data["summary"]["failed"] == 0
    assert {Path(o["input"]).name for o in data["outcomes"]} == {"budget.txt", "roads.md"}
    assert all(o["duration_s"] > 0 and o["output"] for o in data["outcomes"])
    write(corpus, "empty.txt", "")
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 1
    data = json.loads(report.read_text())
    failed = [o for o in data["outcomes"] if o["status"] == "failed"]
    assert len(failed) == 1 and failed[0]["stage"] == "read" and failed[0]["error"]
    assert data["summary"]["skipped"] == 2
    bad = CliRunner().invoke(cli, ["batch", str(corpus / "budget.txt")])
    assert bad.exit_code == 2
    bad = CliRunner().invoke(cli, [*args, "--voice", "no-such-voice"])
    assert bad.exit_code == 2
    bad = CliRunner().invoke(cli, [*args, "--feed"])
    assert bad.exit_code == 2


# --- the process pool -------------------------------------------------------------------


def _double_or_crash(n: int) -> int:
    if n == 3:
        os._exit(7)  # a segfault, an OOM kill: the worker vanishes
    time.sleep(0.05)
    return 2 * n


def _hang_on_two(n: int) -> int:
    if n == 2:
        time.sleep(3600)
    return n


def test_pool_survives_a_crashing_worker_and_loses_nothing():
    results = dict(ProcessExecutor(2).map_unordered(_double_or_crash, list(range(8))))
    assert set(results) == set(range(8))
    assert isinstance(results[3], WorkerLost)
    assert {k: v for k, v in results.items() if k != 3} == {k: 2 * k for k in range(8) if k != 3}


def _slow_but_alive(n: int) -> int:
    from audio_article import batch

    for _ in range(30):  # 3 s of work, well past hang_after_s, with signs of life
        time.sleep(0.1)
        batch._heartbeat()
    return n


def test_pool_does_not_stop_a_slow_worker_that_shows_progress():
    results = dict(ProcessExecutor(2, hang_after_s=1.5).map_unordered(_slow_but_alive, [1, 2]))
    assert results == {1: 1, 2: 2}


def test_pool_stops_a_hung_worker():
    results = dict(ProcessExecutor(2, hang_after_s=1.0).map_unordered(_hang_on_two, [1, 2, 3]))
    assert results[1] == 1 and results[3] == 3
    assert isinstance(results[2], WorkerLost)


def _cannot_start() -> None:
    raise RuntimeError("no engine here")


def test_pool_whose_workers_cannot_start_loses_every_item_and_ends():
    pool = ProcessExecutor(2, initializer=_cannot_start)
    results = dict(pool.map_unordered(_double_or_crash, [1, 2, 4, 5]))
    assert set(results) == {1, 2, 4, 5}
    assert all("could not start" in str(v) for v in results.values())


def test_pool_starts_its_workers_and_nothing_else():
    """No forkserver, no multiprocessing resource tracker beside the workers (issue 16)."""
    import psutil

    me = psutil.Process()
    before = {p.pid for p in me.children(recursive=True)}
    seen: dict[int, str] = {}
    for _ in ProcessExecutor(2).map_unordered(_slow_but_alive_briefly, [1, 2, 3]):
        for p in me.children(recursive=True):
            if p.pid not in before:
                with contextlib.suppress(psutil.Error):
                    seen[p.pid] = " ".join(p.cmdline())
    assert 1 <= len(seen) <= 2
    assert all("_worker_main" in line for line in seen.values())
    assert not any(p.pid not in before for p in me.children(recursive=True))  # all gone


def _slow_but_alive_briefly(n: int) -> int:
    time.sleep(0.3)
    return n


def install_fake_engine() -> None:
    """Pool initializer: the worker's "pyttsx3" is the fake engine."""
    engine = FakeEngine()
    engines.ENGINES["pyttsx3"] = lambda: engine


def test_pool_runs_the_same_jobs_as_inline(corpus, options, fake_engine):
    write(corpus, "empty.txt", "")
    pool = ProcessExecutor(2, initializer=install_fake_engine)
    summary = by_name(convert_directory(corpus, options, executor=pool))
    assert fake_engine.calls == []  # the work was done in the workers
    assert summary["budget.txt"].status == summary["roads.md"].status == "converted"
    assert summary["empty.txt"].status == "failed"
    assert summary["budget.txt"].output.exists()
