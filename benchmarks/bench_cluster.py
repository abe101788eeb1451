"""`batch --cluster local:2` against `batch --jobs 2` on the same corpus: wall ratio, overhead.

    python benchmarks/bench_cluster.py [WORK_DIR] [--articles N] [--repeat N] [--json FILE]

The corpus is ``corpus.py``'s 40 news articles (or the first N). Each repeat runs both commands
from an empty output folder and an empty clip cache, in alternating order (so drift in the
machine's load hits both alike), through the real CLI in a fresh process: the cluster's wall time
includes starting the LocalCluster (2 worker processes) and shutting it down, as a user sees it.

Printed: the median wall time of each, their ratio (goal <= 1.15x), the overhead per task
((cluster - pool) / tasks), the fixed cost of starting and stopping a LocalCluster of 2 alone
(median of 3), and how alike the two runs' outputs are: the same file names, how many MP3s are
byte-identical, the same report less wall times (eSpeak NG speaks every clip as in a fresh
process, ``engines/espeak.py`` ``SynthState``, so all of them should be). Run by hand (minutes,
CPU-heavy), never by the tests.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import generate  # noqa: E402

PY = sys.executable


def run(src: Path, out: Path, cache: Path, report: Path, *how: str) -> dict[str, float]:
    """One batch in a fresh process: wall time, and the CPU time and minor page faults of it and
    all its processes (pool workers, LocalCluster nannies and workers, encoders), sampled every
    0.2 s (a process that lives less is missed, alike in both ways)."""
    for d in (out, cache):
        shutil.rmtree(d, ignore_errors=True)
    start = time.perf_counter()
    proc = subprocess.Popen(
        [PY, "-m", "audio_article", "-q", "batch", str(src), "-o", str(out), "--cache-dir",
         str(cache), "--report", str(report), *how],
        cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)}, stdout=subprocess.PIPE,
        stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    seen: dict[int, tuple[float, int]] = {}
    done = threading.Event()
    sampler = threading.Thread(target=_sample, args=(proc.pid, seen, done), daemon=True)
    sampler.start()
    _, stderr = proc.communicate()
    wall = time.perf_counter() - start
    done.set()
    sampler.join()
    if proc.returncode != 0:
        raise SystemExit(f"batch {' '.join(how)} failed: {stderr}")
    cpu = sum(c for c, _ in seen.values())
    return {"wall": wall, "cpu": cpu, "minflt": sum(f for _, f in seen.values())}


def _sample(pid: int, seen: dict[int, tuple[float, int]], done: threading.Event) -> None:
    """The latest (CPU seconds, minor faults) of ``pid`` and each of its descendants."""
    tick = os.sysconf("SC_CLK_TCK")
    while not done.is_set():
        try:
            tree = [pid, *(c.pid for c in psutil.Process(pid).children(recursive=True))]
        except psutil.Error:
            tree = []
        for each in tree:
            try:
                fields = Path(f"/proc/{each}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            # after the name: state is field 3, minflt 10, utime 14, stime 15 (proc(5))
            minflt, utime, stime = int(fields[7]), int(fields[11]), int(fields[12])
            seen[each] = ((utime + stime) / tick, minflt)
        done.wait(0.2)


def cluster_start_stop() -> float:
    """Start a LocalCluster of 2 processes with a client, then close both (what --cluster adds)."""
    code = (
        "import time; t=time.perf_counter();"
        "from distributed import Client, LocalCluster;"
        "c=LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None);"
        "cl=Client(c); cl.close(); c.close(); print(time.perf_counter()-t)"
    )
    proc = subprocess.run([PY, "-c", code], capture_output=True, text=True, check=True)
    return float(proc.stdout.strip().splitlines()[-1])


def outcomes(report: Path, out: Path) -> list[dict]:
    rows = json.loads(report.read_text())["outcomes"]
    for row in rows:
        row.pop("seconds")
        if row["output"]:
            row["output"] = str(Path(row["output"]).relative_to(out))
    return rows


def _timed(report: Path) -> list[dict]:
    return json.loads(report.read_text())["outcomes"]


def files(out: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(out)): p.read_bytes()
        for p in sorted(out.rglob("*"))
        if p.is_file() and ".audio-article" not in p.parts
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("work", type=Path, nargs="?", default=Path("/tmp/audio-article-cluster-bench"))
    ap.add_argument("--articles", type=int, default=40)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--json", type=Path)
    args = ap.parse_args()
    work: Path = args.work
    src = work / "corpus" / "news"
    if not src.is_dir() or len(list(src.glob("*.txt"))) != args.articles:
        shutil.rmtree(work / "corpus", ignore_errors=True)
        generate(work / "corpus", args.articles)
    tasks = len(list(src.glob("*.txt")))
    ways = {"jobs2": ("--jobs", "2"), "cluster2": ("--cluster", "local:2")}
    walls: dict[str, list[float]] = {name: [] for name in ways}
    cpus: dict[str, list[float]] = {name: [] for name in ways}
    faults: dict[str, list[int]] = {name: [] for name in ways}
    loads = []
    for i in range(args.repeat):
        order = list(ways) if i % 2 == 0 else list(ways)[::-1]
        for name in order:
            got = run(src, work / name, work / f"cache-{name}", work / f"{name}.json", *ways[name])
            walls[name].append(got["wall"])
            cpus[name].append(got["cpu"])
            faults[name].append(int(got["minflt"]))
            loads.append(os.getloadavg()[0])
            print(
                f"run {i + 1} {name}: {got['wall']:.1f} s wall, {got['cpu']:.1f} s CPU, "
                f"{got['minflt']:.0f} page faults, load {loads[-1]:.2f}",
                flush=True,
            )
    startup = [cluster_start_stop() for _ in range(3)]
    pool, dask = (statistics.median(walls[n]) for n in ("jobs2", "cluster2"))
    cpu_pool, cpu_dask = (statistics.median(cpus[n]) for n in ("jobs2", "cluster2"))
    a, b = files(work / "jobs2"), files(work / "cluster2")
    mp3s = [n for n in a if n.endswith(".mp3")]
    rows_a = outcomes(work / "jobs2.json", work / "jobs2")
    rows_b = outcomes(work / "cluster2.json", work / "cluster2")
    untimed = [{k: v for k, v in r.items() if k != "duration_s"} for r in rows_a]
    same = {
        "same_file_names": sorted(a) == sorted(b),
        "identical_mp3s": f"{sum(a[n] == b.get(n) for n in mp3s)}/{len(mp3s)}",
        "same_report": rows_a == rows_b,
        "same_report_but_durations": untimed
        == [{k: v for k, v in r.items() if k != "duration_s"} for r in rows_b],
    }
    per_task = [  # each article's own wall time inside its worker, cluster over pool
        b["seconds"] / a["seconds"]
        for a, b in zip(_timed(work / "jobs2.json"), _timed(work / "cluster2.json"), strict=True)
        if a["status"] == b["status"] == "converted"
    ]
    audio_h = json.loads((work / "jobs2.json").read_text())["summary"]["audio_hours"]
    result = {
        "articles": tasks,
        "audio_hours": audio_h,
        "wall_s": walls,
        "median_jobs2_s": round(pool, 2),
        "median_cluster2_s": round(dask, 2),
        "ratio": round(dask / pool, 3),
        "cpu_s": cpus,
        "cpu_ratio": round(cpu_dask / cpu_pool, 3),
        "page_faults": faults,
        "load_average_after_each_run": loads,
        "overhead_per_task_s": round((dask - pool) / tasks, 3),
        "median_per_article_time_ratio": round(statistics.median(per_task), 3),
        "cluster_start_stop_s": round(statistics.median(startup), 2),
        "overhead_per_task_without_start_s": round(
            (dask - pool - statistics.median(startup)) / tasks, 3
        ),
        **same,
        "load_average": os.getloadavg(),
    }
    print(json.dumps(result, indent=2))
    if args.json:
        args.json.write_text(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
