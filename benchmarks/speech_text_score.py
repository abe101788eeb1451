"""Score the speech-text stages on public suites nobody on the project wrote; print tables.

Run by hand: PYTHONPATH=. python benchmarks/speech_text_score.py [-v] [--only seg,tn,heldout]
[--nemo-table benchmarks/data/nemo_differential.tsv]

- ``seg``: pragmatic_segmenter's 52 English Golden Rules and pysbd's own English test suite
  (tests/data/segment_suites/, MIT), ours beside pysbd ``clean=True`` and ``clean=False``.
- ``tn``: NVIDIA NeMo-text-processing's English test cases (Apache-2.0,
  tests/data/normalize/nemo_en/), per class, ours beside a num2words baseline; the match is on
  words (case, punctuation and hyphens ignored) because NeMo writes "twenty five" for
  "twenty-five".
- ``heldout``: the project's own blind held-out tables (benchmarks/heldout_score.py).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from audio_article.segment import split_sentences  # noqa: E402

SUITES = ROOT / "tests" / "data" / "segment_suites"
NEMO = ROOT / "tests" / "data" / "normalize" / "nemo_en"


def golden_rules() -> list[tuple[str, str, list[str]]]:
    """(name, text, expected sentences) of the 52 English Golden Rules."""
    data = json.loads((SUITES / "golden_rules_en.json").read_text(encoding="utf-8"))
    return [(f"#{r['n']:02d} {r['name']}", r["text"], r["expected"]) for r in data["rules"]]


def pysbd_suite() -> list[tuple[str, str, list[str]]]:
    """(group, text, expected sentences) of pysbd's English tests (clean, no-clean, issues)."""
    data = json.loads((SUITES / "pysbd_en.json").read_text(encoding="utf-8"))
    cases = [("with_clean", t, e) for t, e in data["with_clean"]]
    cases += [("without_clean", t, e) for t, e in data["without_clean"]]
    cases += [(f"issue{n}", t, e) for n, t, e in data["issues"]]
    cases += [(f"issue{n}", t, e) for n, t, e in data["issues_spans"]]
    return cases


def ours(text: str) -> list[str]:
    return split_sentences(text)


def pysbd_segmenter(clean: bool) -> Callable[[str], list[str]]:
    import pysbd

    seg = pysbd.Segmenter(language="en", clean=clean)
    return lambda text: [s.strip() for s in seg.segment(text) if s.strip()]


def score(
    cases: list[tuple[str, str, list[str]]], split: Callable[[str], list[str]]
) -> tuple[int, list[tuple[str, str, list[str], list[str]]]]:
    ok, misses = 0, []
    for name, text, expected in cases:
        got = split(text)
        if got == [e.strip() for e in expected]:
            ok += 1
        else:
            misses.append((name, text, expected, got))
    return ok, misses


def run_segmentation(verbose: bool) -> None:
    systems = {
        "audio-article": ours,
        "pysbd clean=True": pysbd_segmenter(True),
        "pysbd clean=False": pysbd_segmenter(False),
    }
    print("| suite | cases | " + " | ".join(systems) + " |")
    print("|---|---|" + "---|" * len(systems))
    for title, cases in (("Golden Rules (strict)", golden_rules()), ("pysbd suite", pysbd_suite())):
        cells = []
        for system, split in systems.items():
            ok, misses = score(cases, split)
            cells.append(str(ok))
            if verbose and system == "audio-article":
                for name, text, expected, got in misses:
                    print(f"  MISS {name}: {text[:200]!r}\n    want {expected}\n    got  {got}")
        print(f"| {title} | {len(cases)} | " + " | ".join(cells) + " |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-v", "--verbose", action="store_true", help="print every miss of ours")
    parser.add_argument("--only", default="seg,tn,heldout", help="comma-separated parts")
    args = parser.parse_args()
    parts = set(args.only.split(","))
    if "seg" in parts:
        run_segmentation(args.verbose)


if __name__ == "__main__":
    main()
