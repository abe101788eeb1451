"""Claims: runs that overlap on one output folder share the work; a killed run's claim is taken
over. The end-to-end tests run the real CLI (real engine, real encoder) as real processes."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from audio_article import claims
from audio_article.errors import InProgressElsewhere

ROOT = Path(__file__).resolve().parent.parent

TOPICS = ["bridges", "schools", "parks", "trams", "libraries", "markets"]


def news(topic: str, n: int) -> str:
    return (
        f"Council Votes On {topic.title()} Plan {n}\n\n"
        f"The city council met on Tuesday to discuss the future of its {topic}. "
        "Members argued for an hour about the cost of the work and who should pay.\n\n"
        f"In the end they agreed to spend two million dollars on the {topic} next year. "
        "The mayor said the plan would be published before the end of the month.\n"
    )


def cli(*args: str, env: dict[str, str] | None = None) -> list[str]:
    return [sys.executable, "-m", "audio_article", *args]


def run_env(tmp_path: Path) -> dict[str, str]:
    return {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "xdg"), "PYTHONPATH": str(ROOT)}


# -- the claim itself ---------------------------------------------------------------------------


def test_a_held_claim_is_refused_with_its_holder_and_free_again_after(tmp_path: Path) -> None:
    out, src = tmp_path / "out", tmp_path / "a.txt"
    src.write_text("x")
    with claims.claimed(out, src) as first:
        with pytest.raises(InProgressElsewhere) as caught:
            claims.take(out, src)
        assert caught.value.holder.pid == os.getpid()
        assert "in progress elsewhere (pid" in caught.value.message
        first.finish("converted")
    again = claims.take(out, src)
    assert again.previous is not None and again.previous.state == "converted"
    assert again.done_since(again.previous.since) is again.previous
    assert again.done_since(time.time() + 60) is None
    assert again.took_over is None
    again.release()


def test_a_claim_left_without_finishing_goes_back_to_what_it_was(tmp_path: Path) -> None:
    out, src = tmp_path / "out", tmp_path / "a.txt"
    src.write_text("x")
    with claims.claimed(out, src):
        pass  # nothing made (e.g. up to date after all)
    assert claims.read_holder(claims.claim_file(out, src)) is None
    with pytest.raises(RuntimeError), claims.claimed(out, src):
        raise RuntimeError("boom")
    assert claims.read_holder(claims.claim_file(out, src)).state == "failed"


def test_the_claim_of_a_killed_process_is_taken_over(tmp_path: Path) -> None:
    out, src = tmp_path / "out", tmp_path / "a.txt"
    src.write_text("x")
    code = textwrap.dedent(f"""
        import time
        from audio_article import claims
        claims.take({str(out)!r}, {str(src)!r})
        print("held", flush=True)
        time.sleep(600)
    """)
    holder = subprocess.Popen(
        [sys.executable, "-c", code], stdout=subprocess.PIPE, text=True, cwd=ROOT
    )
    try:
        assert holder.stdout.readline().strip() == "held"
        with pytest.raises(InProgressElsewhere):
            claims.take(out, src)
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.wait()
    claim = claims.take(out, src)
    assert claim.took_over is not None
    assert claim.took_over.pid == holder.pid
    assert not claim.took_over.alive
    claim.release()


# -- the real CLI ---------------------------------------------------------------------------------


@pytest.mark.integration
def test_two_concurrent_batch_runs_convert_each_article_exactly_once(tmp_path: Path) -> None:
    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    for n, topic in enumerate(TOPICS):
        (src / f"{n}-{topic}.txt").write_text(news(topic, n), encoding="utf-8")
    env = run_env(tmp_path)
    runs = [
        subprocess.Popen(
            cli(
                "batch",
                str(src),
                "-o",
                str(out),
                "--jobs",
                "1",
                "--report",
                str(tmp_path / f"r{i}.json"),
            ),
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )  # fmt: skip
        for i in range(2)
    ]
    results = [r.communicate(timeout=600) for r in runs]
    assert [r.returncode for r in runs] == [0, 0], results
    reports = [json.loads((tmp_path / f"r{i}.json").read_text()) for i in range(2)]
    made = [
        [Path(o["input"]).name for o in rep["outcomes"] if o["status"] == "converted"]
        for rep in reports
    ]
    names = sorted(p.name for p in src.iterdir())
    assert sorted(made[0] + made[1]) == names  # each article exactly once, between them
    for rep, proc in zip(reports, runs, strict=True):
        assert rep["run"]["pid"] == proc.pid  # the report names the run that did its articles
        assert len(rep["outcomes"]) == 6
        assert {o["status"] for o in rep["outcomes"]} <= {"converted", "skipped", "elsewhere"}
        for o in rep["outcomes"]:
            if o["status"] != "converted":
                assert "elsewhere" in o["note"] or "another run" in o["note"], o
    assert len(list(out.glob("*.mp3"))) == 6


@pytest.mark.integration
def test_a_batch_killed_mid_article_leaves_a_claim_the_next_run_takes_over(tmp_path: Path) -> None:
    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    article = src / "long.txt"
    article.write_text(
        "Council Votes On A Long Plan\n\n" + "\n\n".join(news(t, 0) for t in TOPICS * 4),
        encoding="utf-8",
    )
    env = run_env(tmp_path)
    first = subprocess.Popen(
        cli("batch", str(src), "-o", str(out), "--jobs", "1"),
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    claim = claims.claim_file(out, article)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and first.poll() is None:
        holder = claims.read_holder(claim)
        if holder is not None and holder.state == "converting":
            break
        time.sleep(0.01)
    assert first.poll() is None, "the first run finished before it could be killed"
    first.send_signal(signal.SIGKILL)
    first.wait()
    assert claims.read_holder(claim).state == "converting"  # left behind by the killed run
    assert not list(out.glob("*.mp3"))
    report = tmp_path / "r.json"
    second = subprocess.run(
        cli("batch", str(src), "-o", str(out), "--jobs", "1", "--report", str(report)),
        env=env, capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert second.returncode == 0, second.stderr
    (outcome,) = json.loads(report.read_text())["outcomes"]
    assert outcome["status"] == "converted"
    assert f"pid {first.pid}" in outcome["note"] and "stopped" in outcome["note"]
    assert claims.read_holder(claim).state == "converted"
    assert len(list(out.glob("*.mp3"))) == 1
