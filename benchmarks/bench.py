"""Speed and memory of `audio-article batch`, against a raw floor measured in the same run.

    python benchmarks/bench.py [WORK_DIR] [--only speed,incremental,memory,quality] [--json FILE]
        [--articles N] [--repeat N] [--keep]

``speed`` is ``floor,jobs1,jobs2`` (each can be asked for alone; the ratios to the floor are
printed when the floor ran in the same invocation). ``--repeat N`` runs each speed step N times
and keeps the median; ``--articles N`` uses the first N news articles (quick iterations).

Run by hand (minutes, CPU-heavy), never by the tests. Steps:

* speed: the raw floor (libespeak-ng speaking each article's whole text in one call, then LAME
  through the same ffmpeg binary at the same preset and quality as the tool), then
  ``batch --jobs 1`` and ``batch --jobs 2`` from an empty output folder and an empty clip cache.
  Figures are wall seconds per second of audio, and their ratios to the floor.
* incremental: a second ``batch`` with nothing changed (vs the first), then one sentence of one
  article edited: which files re-render and how many clips were synthesized (new cache entries).
* memory: peak RSS of the whole process tree (Python + the ffmpeg encoder), polled every 20 ms,
  converting the 10,000-word article and the 1,000-word one.
* quality: LAME's algorithm quality (-q 2, 3, 5, 7 via ffmpeg's -compression_level) on the floor
  audio of one article: encoder CPU seconds per audio second (median of 3) and the SNR of the
  decoded MP3 against the same audio resampled without encoding.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import generate  # noqa: E402

from audio_article.config import Options, resolve_voice  # noqa: E402
from audio_article.encode import DEFAULT_QUALITY, Mp3Preset, encode_mp3, ffmpeg_exe  # noqa: E402
from audio_article.engines import get_engine  # noqa: E402

PY = sys.executable


def cli(*args: str, env: dict | None = None) -> tuple[float, subprocess.CompletedProcess]:
    start = time.perf_counter()
    proc = subprocess.run(
        [PY, "-m", "audio_article", "-q", *args],
        cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT), **(env or {})},
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    return time.perf_counter() - start, proc


def batch(src: Path, out: Path, cache: Path, jobs: int, report: Path, *extra: str) -> dict:
    wall, proc = cli("batch", str(src), "-o", str(out), "--jobs", str(jobs), "--cache-dir",
                     str(cache), "--report", str(report), *extra)  # fmt: skip
    if proc.returncode != 0:
        raise SystemExit(f"batch failed: {proc.stderr}")
    data = json.loads(report.read_text())
    audio = sum(o["duration_s"] for o in data["outcomes"] if o["status"] == "converted")
    return {
        "wall_s": wall,
        "audio_s": audio,
        "summary": data["summary"],
        "outcomes": data["outcomes"],
    }


def floor(src: Path, work: Path) -> dict:
    """libespeak-ng on each whole text in one call + LAME at the tool's preset, one process."""
    from audio_article.read import read_source

    engine = get_engine("pyttsx3")
    voice = resolve_voice(None)
    options = Options()
    preset = Mp3Preset(options.bitrate_kbps, options.sample_rate, 1, DEFAULT_QUALITY)
    texts = [read_source(p).text for p in sorted(src.glob("*.txt"))]
    start = time.perf_counter()
    synth_s = encode_s = audio_s = 0.0
    for i, text in enumerate(texts):
        t0 = time.perf_counter()
        audio = engine.synthesize(text.replace("\n\n", " "), voice, 3600)
        t1 = time.perf_counter()
        encode_mp3([audio.frames], in_rate=audio.rate, in_channels=1,
                   out_path=work / f"floor-{i}.mp3", preset=preset)  # fmt: skip
        encode_s += time.perf_counter() - t1
        synth_s += t1 - t0
        audio_s += audio.duration_ms / 1000
    return {"wall_s": time.perf_counter() - start, "audio_s": audio_s, "synth_s": synth_s,
            "encode_s": encode_s}  # fmt: skip


def per_audio(run: dict) -> float:
    return run["wall_s"] / run["audio_s"]


def _news(work: Path, corpus: Path) -> Path:
    """The news articles, or the first ``ARTICLES`` of them (a quicker run)."""
    news = corpus / "news"
    if not ARTICLES:
        return news
    subset = work / f"news-{ARTICLES}"
    if not subset.is_dir():
        subset.mkdir(parents=True)
        for p in sorted(news.glob("*.txt"))[:ARTICLES]:
            shutil.copy(p, subset / p.name)
    return subset


def _median_run(runs: list[dict]) -> dict:
    """The run with the median seconds per audio second."""
    return sorted(runs, key=per_audio)[len(runs) // 2]


def floor_step(work: Path, corpus: Path) -> dict:
    runs = [floor(_news(work, corpus), work) for _ in range(REPEAT)]
    return {**_median_run(runs), "s_per_audio_s": [per_audio(r) for r in runs]}


def jobs_step(work: Path, corpus: Path, jobs: int) -> dict:
    runs = []
    for i in range(REPEAT):
        for d in (f"out{jobs}", f"cache{jobs}"):
            shutil.rmtree(work / d, ignore_errors=True)
        runs.append(
            batch(
                _news(work, corpus),
                work / f"out{jobs}",
                work / f"cache{jobs}",
                jobs,
                work / f"r{jobs}.json",
            )  # fmt: skip
        )
        if jobs == 1 and i == 0:  # the incremental step's first run
            (work / "first-run.json").write_text(json.dumps({"wall_s": runs[0]["wall_s"]}))
    return {**_strip(_median_run(runs)), "s_per_audio_s": [per_audio(r) for r in runs]}


def jobs1(work: Path, corpus: Path) -> dict:
    return jobs_step(work, corpus, 1)


def jobs2(work: Path, corpus: Path) -> dict:
    return jobs_step(work, corpus, 2)


def speed(work: Path, corpus: Path) -> dict:
    f, one, two = floor_step(work, corpus), jobs1(work, corpus), jobs2(work, corpus)
    return {"floor": f, "jobs1": one, "jobs2": two, **ratios(f, one, two)}


def ratios(f: dict, one: dict | None, two: dict | None) -> dict:
    out = {"floor_s_per_audio_s": per_audio(f)}
    for name, run in (("jobs1", one), ("jobs2", two)):
        if run is not None:
            out[f"{name}_s_per_audio_s"] = per_audio(run)
            out[f"{name}_vs_floor"] = per_audio(run) / per_audio(f)
    return out


def _strip(run: dict) -> dict:
    return {k: v for k, v in run.items() if k != "outcomes"}


def incremental(work: Path, corpus: Path) -> dict:
    news = _news(work, corpus)  # edited in place below (the other steps use corpus/long)
    out, cache = work / "out1", work / "cache1"
    if (work / "first-run.json").is_file():  # the speed step's `--jobs 1` run is the first run
        first = json.loads((work / "first-run.json").read_text())
    else:
        first = batch(news, out, cache, 1, work / "r1.json")
    second = batch(news, out, cache, 1, work / "ri2.json")
    victim = sorted(news.glob("*.txt"))[7]
    text = victim.read_text()
    paragraphs = text.split("\n\n")
    paragraphs[2] = paragraphs[2].replace(".", ", the officials added.", 1)
    victim.write_text("\n\n".join(paragraphs))
    clips_before = sum(1 for _ in (cache / "clips-v1").rglob("*") if _.is_file())
    edited = batch(news, out, cache, 1, work / "ri3.json")
    clips_after = sum(1 for _ in (cache / "clips-v1").rglob("*") if _.is_file())
    redone = [o["input"] for o in edited["outcomes"] if o["status"] == "converted"]
    return {
        "first_wall_s": first["wall_s"], "second_wall_s": second["wall_s"],
        "second_vs_first": second["wall_s"] / first["wall_s"],
        "second_skipped": second["summary"]["skipped"],
        "edit_wall_s": edited["wall_s"], "edit_rerendered": [Path(p).name for p in redone],
        "edit_new_clips_synthesized": clips_after - clips_before,
    }  # fmt: skip


def peak_rss(args: list[str]) -> tuple[float, float]:
    """(peak MB of the process tree's summed RSS, wall seconds)."""
    import psutil

    start = time.perf_counter()
    proc = subprocess.Popen(
        [PY, "-m", "audio_article", "-q", *args], cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT), "XDG_CACHE_HOME": str(Path(args[-1]).parent)},
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    ps = psutil.Process(proc.pid)
    peak = 0
    while proc.poll() is None:
        with_children = [ps]
        try:
            with_children += ps.children(recursive=True)
            total = sum(p.memory_info().rss for p in with_children)
        except psutil.Error:
            continue
        peak = max(peak, total)
        time.sleep(0.02)
    return peak / 1e6, time.perf_counter() - start


def memory(work: Path, corpus: Path) -> dict:
    out = {}
    for words in (1_000, 10_000):
        src = corpus / "long" / f"words-{words}.txt"
        mb, wall = peak_rss(["convert", str(src), "-o", str(work / "out-mem")])
        for p in (work / "out-mem").glob("*"):
            if p.is_file():
                p.unlink()
        shutil.rmtree(work / "out-mem" / ".audio-article", ignore_errors=True)
        out[f"peak_mb_{words}_words"] = mb
        out[f"wall_s_{words}_words"] = wall
    out["ratio_10k_to_1k"] = out["peak_mb_10000_words"] / out["peak_mb_1000_words"]
    return out


def quality(work: Path, corpus: Path) -> dict:
    """Encoder speed and SNR by LAME quality, on one article's floor audio."""
    from audio_article.read import read_source

    text = read_source(corpus / "long" / "words-1000.txt").text.replace("\n\n", " ")
    audio = get_engine("pyttsx3").synthesize(text, resolve_voice(None), 600)
    raw = work / "q.s16"
    raw.write_bytes(audio.frames)
    ff = ffmpeg_exe()
    common = ["-hide_banner", "-loglevel", "error", "-y"]
    inp = ["-f", "s16le", "-ar", str(audio.rate), "-ac", "1", "-i", str(raw)]
    ref = work / "q-ref.s16"
    subprocess.run([ff, *common, *inp, "-ar", "44100", "-f", "s16le", str(ref)], check=True)
    reference = np.fromfile(ref, dtype="<i2").astype(np.float64)
    results = {}
    for q in (2, 3, 5, 7):
        mp3 = work / f"q{q}.mp3"
        cpu = []
        for _ in range(3):
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            subprocess.run([ff, *common, *inp, "-ar", "44100", "-c:a", "libmp3lame", "-b:a",
                            "96k", "-compression_level", str(q), str(mp3)], check=True)  # fmt: skip
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
        dec = work / f"q{q}.s16"
        subprocess.run([ff, *common, "-i", str(mp3), "-f", "s16le", "-ac", "1", str(dec)],
                       check=True)  # fmt: skip
        decoded = np.fromfile(dec, dtype="<i2").astype(np.float64)
        snr, lag = _snr(reference, decoded)
        results[f"q{q}"] = {
            "cpu_s_median": statistics.median(cpu),
            "x_real_time_per_cpu_s": audio.duration_ms / 1000 / statistics.median(cpu),
            "snr_db": snr, "lag_samples": lag, "bytes": mp3.stat().st_size,
            "log_spectral_distance_db": _lsd(reference, decoded, lag),
        }  # fmt: skip
    return {"audio_s": audio.duration_ms / 1000, "by_quality": results}


def _snr(ref: np.ndarray, dec: np.ndarray) -> tuple[float, int]:
    """SNR (dB) of ``dec`` against ``ref`` at the best alignment within ±2,400 samples."""
    n = min(len(ref), len(dec)) - 4800
    best = (-1e9, 0)
    probe = ref[48_000 : 48_000 + 44_100]
    for lag in range(-2400, 2401):
        seg = dec[48_000 + lag : 48_000 + lag + 44_100]
        if len(seg) == len(probe):
            c = float(np.dot(probe, seg))
            if c > best[0]:
                best = (c, lag)
    lag = best[1]
    a = ref[2400 : 2400 + n]
    b = dec[2400 + lag : 2400 + lag + n]
    m = min(len(a), len(b))
    noise = float(np.sum((a[:m] - b[:m]) ** 2))
    return 10 * np.log10(float(np.sum(a[:m] ** 2)) / noise), lag


def _lsd(ref: np.ndarray, dec: np.ndarray, lag: int, rate: int = 44_100) -> float:
    """Mean log-spectral distance (dB) over 50-8,000 Hz in 2,048-sample frames with speech
    (frames more than 40 dB below the loudest are left out): how far the decoded spectrum is
    from the original where speech lives. Lower is better; unlike SNR it ignores phase."""
    n = 2048
    start = max(0, -lag)
    a = ref[start : start + min(len(ref), len(dec) - lag) - start]
    b = dec[start + lag : start + lag + len(a)]
    frames = len(a) // n
    win = np.hanning(n)
    fa = np.abs(np.fft.rfft(a[: frames * n].reshape(frames, n) * win, axis=1)) + 1e-9
    fb = np.abs(np.fft.rfft(b[: frames * n].reshape(frames, n) * win, axis=1)) + 1e-9
    freqs = np.fft.rfftfreq(n, 1 / rate)
    band = (freqs >= 50) & (freqs <= 8000)
    energy = (fa[:, band] ** 2).sum(axis=1)
    speech = energy > energy.max() * 1e-4
    diff = 20 * np.log10(fa[speech][:, band]) - 20 * np.log10(fb[speech][:, band])
    return float(np.mean(np.sqrt(np.mean(diff**2, axis=1))))


ARTICLES = 0
REPEAT = 1
STEPS = {
    "speed": speed,
    "floor": floor_step,
    "jobs1": jobs1,
    "jobs2": jobs2,
    "incremental": incremental,
    "memory": memory,
    "quality": quality,
}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("work", type=Path, nargs="?", default=Path("/tmp/audio-article-bench"))
    ap.add_argument("--only", default="speed,incremental,memory,quality")
    ap.add_argument("--json", type=Path)
    ap.add_argument("--keep", action="store_true", help="Reuse WORK_DIR (corpus, first run).")
    ap.add_argument("--articles", type=int, default=0, help="Only the first N news articles.")
    ap.add_argument("--repeat", type=int, default=1, help="Speed runs each; the median counts.")
    args = ap.parse_args()
    global ARTICLES, REPEAT
    ARTICLES, REPEAT = args.articles, args.repeat
    work: Path = args.work
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    corpus = work / "corpus"
    if not corpus.is_dir():
        generate(corpus)
    results: dict = {"cpus": os.cpu_count()}
    for step in args.only.split(","):
        t = time.perf_counter()
        results[step] = STEPS[step](work, corpus)
        results[step]["step_wall_s"] = time.perf_counter() - t
        print(json.dumps({step: results[step]}, indent=1, default=str), flush=True)
    if "floor" in results and ("jobs1" in results or "jobs2" in results):
        results["ratios"] = ratios(results["floor"], results.get("jobs1"), results.get("jobs2"))
        print(json.dumps({"ratios": results["ratios"]}, indent=1), flush=True)
    if args.json:
        args.json.write_text(json.dumps(results, indent=1, default=str))


if __name__ == "__main__":
    main()
