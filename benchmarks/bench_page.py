"""Episode page: render time and size for a 10,000-word article; a screenshot of the sample's page.

    python benchmarks/bench_page.py /tmp/aap                       # figures
    python benchmarks/bench_page.py /tmp/aap --screenshot docs/episode-page.png

Converts the corpus's 10,000-word article (``corpus.article``, seed 7) with the real default
engine (once; kept in WORK), then times ``load_episode`` + ``render_episode`` (reading the
sidecars and rendering the template, i.e. all of ``page`` but the write) ``--repeat`` times and
prints the median, and the page's size against the transcript's (the VTT, and the plain text).
Goals (issue 14): under 100 ms, under 3x the transcript.
"""

from __future__ import annotations

import argparse
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "examples" / "kyiv-independent-north-korean-troops.txt"
ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--mute-audio",
]  # fmt: skip


def convert(src: Path, out: Path) -> Path:
    cmd = [sys.executable, "-m", "audio_article", "-q", "convert", str(src), "-o", str(out)]
    proc = subprocess.run(cmd, capture_output=True, text=True, check=True)
    return Path(proc.stdout.strip().splitlines()[0])


def figures(work: Path, repeat: int) -> None:
    sys.path.insert(0, str(Path(__file__).parent))
    from corpus import article

    from audio_article.page import load_episode, render_episode

    src = work / "words-10000.txt"
    if not src.exists():
        work.mkdir(parents=True, exist_ok=True)
        _, text = article(10_000, random.Random(7))
        src.write_text(text, encoding="utf-8")
    mp3s = sorted((work / "out").glob("*.mp3"))
    mp3 = mp3s[0] if mp3s else convert(src, work / "out")
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        html = render_episode(load_episode(mp3))
        times.append(time.perf_counter() - t)
    page = load_episode(mp3)
    size = len(html.encode("utf-8"))
    vtt = mp3.with_suffix(".vtt").stat().st_size
    text = len("\n".join(c.text for c in page.cues).encode("utf-8"))
    words = sum(len(c.text.split()) for c in page.cues)
    print(
        f"article: {words} words spoken, {len(page.cues)} cues, {page.duration_ms / 60000:.1f} min"
    )
    print(
        f"render (load sidecars + template), median of {repeat}: "
        f"{statistics.median(times) * 1000:.1f} ms (min {min(times) * 1000:.1f}, "
        f"max {max(times) * 1000:.1f}); goal < 100 ms"
    )
    print(
        f"HTML {size / 1024:.1f} KiB; VTT {vtt / 1024:.1f} KiB -> {size / vtt:.2f}x; "
        f"plain transcript text {text / 1024:.1f} KiB -> {size / text:.2f}x; goal < 3x"
    )


def screenshot(work: Path, png: Path) -> None:
    from playwright.sync_api import sync_playwright

    from audio_article.page import write_pages

    out = work / "sample"
    mp3 = convert(SAMPLE, out)
    write_pages(out)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        page = browser.new_page(viewport={"width": 820, "height": 1000}, bypass_csp=True)
        page.goto(mp3.with_suffix(".html").as_uri())
        page.wait_for_function("document.getElementById('audio').readyState >= 1")
        # the playhead in the middle of a sentence with word timings, as if playing
        page.evaluate(
            """() => new Promise(done => {
                const a = document.getElementById('audio');
                a.addEventListener('seeked', () => setTimeout(done, 100), {once: true});
                a.currentTime = 24.8;
            })"""
        )
        png.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(png))
        browser.close()
    print(f"screenshot: {png}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("work", type=Path)
    ap.add_argument("--repeat", type=int, default=21)
    ap.add_argument("--screenshot", type=Path)
    args = ap.parse_args()
    if args.screenshot:
        screenshot(args.work, args.screenshot)
    else:
        figures(args.work, args.repeat)


if __name__ == "__main__":
    main()
