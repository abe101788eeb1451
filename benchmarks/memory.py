"""Where a worker's memory goes, and the peak of a whole `batch` process tree.

    python benchmarks/memory.py stages ARTICLE          # one conversion, stage by stage
    python benchmarks/memory.py imports                 # each heavy package alone
    python benchmarks/memory.py tree -- audio-article batch DIR -o OUT --jobs 2   # peak of a tree

``stages`` converts ARTICLE in this process (clip cache off, so the engine really speaks) and
prints the resident memory after each step: Python alone, the CLI's imports, the text stages
(read, extract, segment, normalize: what they import and hold), the engine started, then the
peak while the audio is made (numpy buffers, the spool, LAME in process; a child process such as
ffmpeg decoding music would be counted too), with the top-level packages each step imported.

``imports`` imports each heavy package alone in a fresh interpreter: the resident memory it adds
(with whatever it imports in turn) and its import time (Linux: reads /proc/self/statm).

``tree`` runs a command and polls its whole process tree every 20 ms: the peak of the summed
RSS (what the issue measures; pages shared between processes count once per process) and of the
summed PSS (shared pages split between the processes that map them: the memory the tree really
takes), and the peak of each kind of process. A child that has forked but not yet exec'd
(``subprocess`` starting a worker) is left out: it reads as a copy of its parent's RSS but
shares all of its pages. Run by hand, never by the tests.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

WIDTH = int(os.environ.get("MEMORY_WIDTH", "120"))
HEAVY = [
    "numpy",
    "scipy.signal",
    "scipy.ndimage",
    "lxml.html",
    "trafilatura",
    "justext",
    "pydub",
    "PIL.Image",
    "mutagen.id3",
    "py3langid",
    "pysbd",
    "num2words",
    "dateutil.parser",
    "charset_normalizer",
    "ftfy",
    "markdown_it",
    "onnxruntime",
    "piper",
    "audio_article.cli",
    "audio_article.pipeline",
    "audio_article.extract",
    "audio_article.normalize",
    "audio_article.stitch",
    "audio_article.engines.pyttsx3_engine",
]


def mb(n: float) -> str:
    return f"{n / 1e6:6.1f} MB"


class Peak:
    """Polls this process and its children (if any) every 5 ms; keeps the peak sum."""

    def __init__(self) -> None:
        self.me = psutil.Process()
        self.peak = 0
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self.run, daemon=True)

    def run(self) -> None:
        while not self.stop.wait(0.005):
            try:
                procs = [self.me, *self.me.children(recursive=True)]
                self.peak = max(self.peak, sum(p.memory_info().rss for p in procs))
            except psutil.Error:
                continue

    def __enter__(self) -> Peak:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        self.thread.join()


def stages(article: Path) -> None:
    me = psutil.Process()
    seen = {m.split(".")[0] for m in sys.modules}
    last = me.memory_info().rss

    def step(name: str) -> None:
        nonlocal last, seen
        now = me.memory_info().rss
        tops = {m.split(".")[0] for m in sys.modules}
        new = sorted(t for t in tops - seen if not t.startswith("_"))
        seen = tops
        print(f"{name:<34} {mb(now)}  (+{mb(now - last).strip()})  {' '.join(new)[:WIDTH]}")
        last = now

    # Python itself, psutil and this script (the baseline every process pays)
    step("python + psutil")
    import audio_article.cli  # noqa: F401

    step("import audio_article.cli")
    from audio_article.config import Options
    from audio_article.pipeline import make_episode, write_script

    with tempfile.TemporaryDirectory() as out:
        options = Options(output_dir=Path(out), clip_cache=False)
        script = write_script(article, options)
        step("text stages (read..normalize)")
        from audio_article.engines import engine_for

        engine_for(script.voice)
        step("engine started")
        with Peak() as peak:
            make_episode(
                script.article,
                script.segments,
                source=article,
                options=options,
                voice=script.voice,
            )
        step("after the audio stages")
        print(f"{'peak during the audio':<34} {mb(peak.peak)}")
        words = sum(len(p.split()) for s in script.article.sections for p in s.paragraphs)
        print(f"{words} words, {len(script.segments)} segments")


def imports() -> None:
    code = (
        "import os, sys, time\n"
        "def rss():\n"
        "    return int(open('/proc/self/statm').read().split()[1]) * os.sysconf('SC_PAGE_SIZE')\n"
        "base = rss()\n"
        "t = time.perf_counter()\n"
        "__import__(sys.argv[1])\n"
        "dt = time.perf_counter() - t\n"
        "print(f'{sys.argv[1]:<38} {(rss() - base) / 1e6:6.1f} MB  {dt:5.2f} s  "
        "{len(sys.modules)} modules')\n"
    )
    for name in HEAVY:
        subprocess.run(
            [sys.executable, "-W", "ignore", "-c", code, name],
            cwd=ROOT,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
            check=False,
        )


def _kind(p: psutil.Process, root: int) -> str | None:
    """What a process of the tree is: the run, a worker, ffmpeg, a helper process, or None for
    a fork that has not exec'd yet (``subprocess`` starting a worker): it shares its parent's
    pages and reads as a copy of its parent's RSS, which is no memory of its own. (Before issue
    16's pool a multiprocessing forkserver and resource tracker ran too.)"""
    if p.pid == root:
        return "run (parent)"
    if "ffmpeg" in p.name():
        return "ffmpeg"
    parent = p.parent()
    line = " ".join(p.cmdline())
    if parent is None:
        return "other"
    if p.cmdline() == parent.cmdline():
        return None
    if "_worker_main" in line:
        return "worker"
    if parent.pid == root:
        if "resource_tracker" in line:
            return "resource tracker"
        if "forkserver" in line:
            return "forkserver"
    elif "forkserver" in " ".join(parent.cmdline()) and parent.parent().pid == root:
        return "worker"  # forked by the forkserver
    if p.cmdline() == parent.cmdline():
        return None
    return "worker"


def tree(cmd: list[str]) -> None:
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL)
    ps = psutil.Process(proc.pid)
    peak_rss = peak_pss = 0
    most = 0
    by_pid: dict[int, tuple[str, int, int]] = {}  # pid -> (kind, peak RSS, peak PSS)
    while proc.poll() is None:
        try:
            procs = [ps, *ps.children(recursive=True)]
            kinds = {p.pid: _kind(p, proc.pid) for p in procs}
            procs = [p for p in procs if kinds[p.pid] is not None]
            rss = {p.pid: p.memory_info().rss for p in procs}
            near = sum(rss.values()) >= peak_rss * 0.95
            for p in procs:
                _, r, q = by_pid.get(p.pid) or ("", 0, 0)
                if near or rss[p.pid] > r:  # PSS reads smaps (slower): only near a peak
                    q = max(q, p.memory_full_info().pss)
                by_pid[p.pid] = (str(kinds[p.pid]), max(r, rss[p.pid]), q)
            if near:
                peak_pss = max(peak_pss, sum(by_pid[p.pid][2] for p in procs))
        except psutil.Error:
            continue
        peak_rss = max(peak_rss, sum(rss.values()))
        most = max(most, len(procs))
        time.sleep(0.02)
    wall = time.perf_counter() - start
    print(
        f"peak RSS {mb(peak_rss).strip()}, peak PSS {mb(peak_pss).strip()}, "
        f"up to {most} processes, {wall:.1f} s, exit {proc.returncode}"
    )
    kinds: dict[str, list[tuple[int, int]]] = {}
    for kind, r, q in by_pid.values():
        kinds.setdefault(kind, []).append((r, q))
    for kind, peaks in sorted(kinds.items()):
        r = max(p[0] for p in peaks)
        q = max(p[1] for p in peaks)
        print(f"  {kind:<18} {len(peaks):3d} processes, each at most RSS {mb(r)}, PSS {mb(q)}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="what", required=True)
    sub.add_parser("stages").add_argument("article", type=Path)
    sub.add_parser("imports")
    sub.add_parser("tree").add_argument("cmd", nargs=argparse.REMAINDER)
    args = ap.parse_args()
    if args.what == "stages":
        stages(args.article)
    elif args.what == "imports":
        imports()
    else:
        tree([c for c in args.cmd if c != "--"] if args.cmd[:1] == ["--"] else args.cmd)


if __name__ == "__main__":
    main()
