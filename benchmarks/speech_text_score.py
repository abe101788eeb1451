"""Score the speech-text stages on public suites nobody on the project wrote; print tables.

Run by hand: PYTHONPATH=. python benchmarks/speech_text_score.py [-v] [--only seg,tn,nemo,heldout]

- ``seg``: pragmatic_segmenter's 52 English Golden Rules and pysbd's own English test suite
  (tests/data/segment_suites/, MIT), ours beside pysbd ``clean=True`` and ``clean=False``.
- ``tn``: NVIDIA NeMo-text-processing's English test cases (Apache-2.0,
  tests/data/normalize/nemo_en/), per class, ours beside a num2words baseline; the match is on
  words (case, punctuation and hyphens ignored) because NeMo writes "twenty five" for
  "twenty-five".
- ``nemo``: the differential table against NeMo on real article sentences (NeMo's outputs and the
  hand verdicts are committed under benchmarks/data/, see benchmarks/nemo_differential.py).
- ``speed``: seconds to split and normalize a 10,000-word article (benchmarks/corpus.py's long
  article, and the real pages of tests/data/pages/ run together), median of 5; the goal is < 1 s.
- ``heldout``: the project's own blind held-out tables (five rounds, benchmarks/heldout_score.py),
  ours beside pysbd ``clean=True`` (segmentation) and the num2words baseline (normalization).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from audio_article.lexicon import Lexicon  # noqa: E402
from audio_article.normalize import normalize  # noqa: E402
from audio_article.segment import split_sentences  # noqa: E402

sys.path.insert(0, str(ROOT / "benchmarks"))

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


NEWS_CLASSES = (
    "cardinal", "ordinal", "date", "time", "money", "decimal", "measure", "fraction", "roman",
    "electronic", "telephone",
)  # fmt: skip
EXTRA_CLASSES = ("address", "range")


def nemo_cases(cls: str) -> list[tuple[str, str]]:
    out = []
    for line in (NEMO / f"{cls}.txt").read_text(encoding="utf-8").splitlines():
        if "~" in line:
            written, spoken = line.split("~", 1)
            out.append((written, spoken))
    return out


def words(text: str) -> str:
    """Spoken text compared on words: case, punctuation, hyphens and a number's "and" ignored."""
    text = text.lower().replace("-", " ").replace("’", "'")
    text = re.sub(r"\.{2,}|…", " ", text)
    text = re.sub(r"[.']", "", text)  # "a.m." -> "am", "H.U.R.'s" -> "hurs", 'etag' -> etag
    text = re.sub(r"[^\w ]+", " ", text)
    return " ".join(w for w in text.split() if w != "and")


def num2words_baseline(text: str) -> str:
    """The baseline: every number read as a cardinal (num2words), "$N" as "N dollars", "%"."""
    from num2words import num2words

    def number(m: re.Match[str]) -> str:
        value = m.group(0).replace(",", "")
        try:
            return num2words(float(value) if "." in value else int(value))
        except (ValueError, OverflowError):
            return m.group(0)

    text = re.sub(r"\$(\d[\d,]*(?:\.\d+)?)", r"\1 dollars", text)
    text = text.replace("%", " percent")
    return re.sub(r"\d[\d,]*(?:\.\d+)?", number, text)


LEXICON = Lexicon.for_language("en")


def ours_tn(text: str) -> str:
    return normalize(text, "en", LEXICON)


def run_tn(verbose: bool) -> None:
    systems: dict[str, Callable[[str], str]] = {
        "audio-article": ours_tn,
        "num2words baseline": num2words_baseline,
    }
    print("\n| NeMo EN test cases | cases | " + " | ".join(systems) + " |")
    print("|---|---|" + "---|" * len(systems))
    totals: Counter[str] = Counter()
    n_news = 0
    for cls in (*NEWS_CLASSES, *EXTRA_CLASSES):
        cases = nemo_cases(cls)
        cells = []
        for system, fn in systems.items():
            ok = 0
            for written, spoken in cases:
                got = fn(written)
                if words(got) == words(spoken):
                    ok += 1
                elif verbose and system == "audio-article":
                    print(f"  MISS [{cls}] {written!r}\n    want {spoken!r}\n    got  {got!r}")
            if cls in NEWS_CLASSES:
                totals[system] += ok
            cells.append(f"{ok} ({100 * ok / len(cases):.0f} %)")
        if cls in NEWS_CLASSES:
            n_news += len(cases)
        print(f"| {cls} | {len(cases)} | " + " | ".join(cells) + " |")
    cells = [f"{totals[s]} ({100 * totals[s] / n_news:.0f} %)" for s in systems]
    print(f"| **news classes** | {n_news} | " + " | ".join(cells) + " |")


def run_nemo(verbose: bool) -> None:
    import nemo_differential as nd

    total, differ, count, rows = nd.differential(nd.load_outputs(), nd.load_verdicts())
    print("\n" + nd.table(total, differ, count))
    if verbose:
        for cls, verdict, written, got, reference in rows:
            if verdict in ("unjudged", "ours-wrong"):
                print(f"  [{cls}/{verdict}] {written}\n    ours {got}\n    nemo {reference}")


HELDOUT = ROOT / "tests" / "data"
HELDOUT_ROUNDS = ["", "2", "3", "4", "5"]


def run_heldout(verbose: bool) -> None:
    import heldout_score

    pysbd_clean = pysbd_segmenter(True)
    print("\n| held-out round | normalize cases | audio-article | num2words baseline "
          "| segment cases | audio-article | pysbd clean=True |")  # fmt: skip
    print("|---|---|---|---|---|---|---|")
    for n in HELDOUT_ROUNDS:
        norm = heldout_score.rows(HELDOUT / "normalize" / f"heldout{n}_en.tsv")
        seg = heldout_score.rows(HELDOUT / f"segment_heldout{n}.txt")
        ok = sum(ours_tn(w) == e for _c, w, e in norm)
        base = sum(words(num2words_baseline(w)) == words(e) for _c, w, e in norm)
        sok = sum(ours(p) == e.split(" | ") for _c, p, e in seg)
        sbase = sum(pysbd_clean(p) == e.split(" | ") for _c, p, e in seg)
        if verbose:
            for cls, w, e in norm:
                if (got := ours_tn(w)) != e:
                    print(f"  MISS [{n or 1}/{cls}] {w!r}\n    want {e!r}\n    got  {got!r}")
        print(
            f"| {n or 1} | {len(norm)} | {ok} (exact) | {base} (on words) | {len(seg)} | {sok} "
            f"| {sbase} |"
        )


def run_speed() -> None:
    import random
    import statistics
    import time

    import corpus

    from audio_article.extract import extract
    from audio_article.read import read_source

    _title, synthetic = corpus.article(10_000, random.Random(7))
    real: list[str] = []
    for path in sorted((ROOT / "tests" / "data" / "pages").glob("*.txt")):
        try:
            article = extract(read_source(path))
        except Exception:  # noqa: BLE001 - a page the reader rejects is skipped here
            continue
        real += [p for section in article.sections for p in section.paragraphs]
        if sum(len(p.split()) for p in real) >= 10_000:
            break
    print("\n| article | words | segments | split + normalize, wall | CPU (median of 5) |")
    print("|---|---|---|---|---|")
    for name, paragraphs in (
        ("corpus.py long article", synthetic.split("\n\n")),
        ("tests/data/pages run together", real),
    ):
        wall, cpu = [], []
        for _ in range(5):
            start, start_cpu = time.perf_counter(), time.process_time()
            sentences = [s for p in paragraphs for s in split_sentences(p)]
            for sentence in sentences:
                normalize(sentence, "en", LEXICON)
            wall.append(time.perf_counter() - start)
            cpu.append(time.process_time() - start_cpu)
        n_words = sum(len(p.split()) for p in paragraphs)
        print(
            f"| {name} | {n_words:,} | {len(sentences):,} | {statistics.median(wall):.2f} s "
            f"| {statistics.median(cpu):.2f} s |"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-v", "--verbose", action="store_true", help="print every miss of ours")
    parser.add_argument("--only", default="seg,tn,nemo,heldout,speed", help="comma-separated parts")
    args = parser.parse_args()
    parts = set(args.only.split(","))
    if "seg" in parts:
        run_segmentation(args.verbose)
    if "tn" in parts:
        run_tn(args.verbose)
    if "nemo" in parts:
        run_nemo(args.verbose)
    if "heldout" in parts:
        run_heldout(args.verbose)
    if "speed" in parts:
        run_speed()


if __name__ == "__main__":
    main()
