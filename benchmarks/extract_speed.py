"""Time the HTML extraction per page, against trafilatura alone on the same pages (run by hand).

    nice python benchmarks/extract_speed.py [--corpus DIR] [--only readability,newspaper]
        [--step 1] [--repeat 3] [--stages]

Each page is run by both systems in turn, ``--repeat`` times, and its fastest time kept: on a
shared machine the fastest of a few runs is the figure least disturbed by other work, and the
ratio to trafilatura on the same pages is the figure to compare between runs. ``ours`` is
``extract(read_source(page))`` as in extract_score.py; ``trafilatura`` is its ``extract`` with
``favor_precision=True`` plus ``extract_metadata``, as there. ``--stages`` adds where our time goes
(trafilatura's stages, our own page scans), as medians over the pages.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from extract_score import DEFAULT_CORPUS, run_trafilatura  # noqa: E402

from audio_article.errors import InputError  # noqa: E402

_STAGES = {
    "audio_article.extract.traf": ["_metadata", "bare_extraction"],
    "audio_article.extract.html": [
        "title_candidates",
        "_visible_root",
        "_html_visible_blocks",
        "_html_page_meta",
        "_html_standfirst_element",
        "filter_blocks",
    ],
    "trafilatura.external": ["compare_extraction"],
    "trafilatura.main_extractor": ["extract_content"],
}


def _ours(path: Path) -> None:
    from audio_article.extract import extract
    from audio_article.read import read_source

    with contextlib.suppress(InputError):
        extract(read_source(path))


def _instrument(spent: dict[str, float]) -> None:
    """Wrap the stages so that each call adds its time to ``spent``."""
    import importlib

    for module_name, names in _STAGES.items():
        module = importlib.import_module(module_name)
        short = module_name.rsplit(".", 1)[-1]
        for name in names:
            fn = getattr(module, name)

            @functools.wraps(fn)
            def timed(*a, _fn=fn, _name=f"{short}.{name}", **k):
                t0 = time.perf_counter()
                try:
                    return _fn(*a, **k)
                finally:
                    spent[_name] += time.perf_counter() - t0

            setattr(module, name, timed)
    # html.py imports bare_extraction by name
    html = importlib.import_module("audio_article.extract.html")
    html.bare_extraction = importlib.import_module("audio_article.extract.traf").bare_extraction


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--only", default="readability,newspaper,goose3,trafilatura")
    ap.add_argument("--step", type=int, default=1, help="every n-th page")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--stages", action="store_true")
    args = ap.parse_args()
    import logging
    import warnings

    logging.disable(logging.CRITICAL)
    warnings.simplefilter("ignore")
    spent: dict[str, float] = defaultdict(float)
    if args.stages:
        _instrument(spent)
    print("| dataset | pages | ours ms | trafilatura ms | ratio (median of per-page) |")
    print("|---|---|---|---|---|")
    stage_rows: dict[str, list[float]] = defaultdict(list)
    for ds in args.only.split(","):
        pages = sorted(p for p in (args.corpus / ds).iterdir() if (p / "gold.json").exists())
        ours: list[float] = []
        theirs: list[float] = []
        for page in pages[:: args.step]:
            path = page / "page.html"
            best_o = best_t = float("inf")
            for _ in range(args.repeat):
                spent.clear()
                t0 = time.perf_counter()
                _ours(path)
                took = time.perf_counter() - t0
                if took < best_o:
                    best_o, best_spent = took, dict(spent)
                t0 = time.perf_counter()
                run_trafilatura(path, "html")
                best_t = min(best_t, time.perf_counter() - t0)
            ours.append(best_o * 1000)
            theirs.append(best_t * 1000)
            for name in {*stage_rows, *best_spent}:
                stage_rows[name].append(best_spent.get(name, 0.0) * 1000)
        ratio = statistics.median(o / t for o, t in zip(ours, theirs, strict=True))
        print(
            f"| {ds} | {len(ours)} | {statistics.median(ours):.1f} | "
            f"{statistics.median(theirs):.1f} | {ratio:.2f} |"
        )
    if args.stages:
        print("\n| stage (all pages) | median ms | mean ms |\n|---|---|---|")
        for name, values in sorted(stage_rows.items(), key=lambda kv: -statistics.mean(kv[1])):
            print(f"| {name} | {statistics.median(values):.2f} | {statistics.mean(values):.2f} |")


if __name__ == "__main__":
    main()
