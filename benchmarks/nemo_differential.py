"""Differential benchmark: our normalization against NVIDIA NeMo's on real article sentences.

Run by hand, in three steps (NeMo lives in a scratch venv, see benchmarks/nemo_reference.py):

    PYTHONPATH=. python benchmarks/nemo_differential.py sentences > /tmp/sentences.txt
    /tmp/nemo/bin/python benchmarks/nemo_reference.py < /tmp/sentences.txt > /tmp/nemo.txt
    PYTHONPATH=. python benchmarks/nemo_differential.py compare /tmp/sentences.txt /tmp/nemo.txt \
        [--verdicts benchmarks/data/nemo_verdicts.tsv] [--dump /tmp/disagreements.tsv]

``sentences`` extracts every article in tests/data/pages/ and examples/ and prints each sentence
that holds something a normalizer must read (a digit or a symbol, an abbreviation with a dot, a
capitalized initialism). ``compare`` normalizes each with ours, compares on words (case,
punctuation, hyphens and a number's "and" ignored), tags each disagreement with the semiotic
class of the token that differs, and applies the committed hand verdicts (ours-wrong /
nemo-wrong / both-ok) to print the per-class table.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from audio_article.extract import extract, guess_language  # noqa: E402
from audio_article.lexicon import Lexicon  # noqa: E402
from audio_article.normalize import normalize  # noqa: E402
from audio_article.read import read_source  # noqa: E402
from audio_article.segment import split_sentences  # noqa: E402

sys.path.insert(0, str(ROOT / "benchmarks"))
from speech_text_score import words  # noqa: E402

NEEDS_READING = re.compile(r"\d|[$€£¥%&@/#°§+]|\b[A-Z][a-z]{0,3}\.|\b[A-Z]{2,}\b")

CLASSES = [  # (class, pattern on the written sentence), first match wins
    ("electronic", re.compile(r"@|https?://|www\.|\.(?:com|org|net|gov)\b")),
    ("telephone", re.compile(r"\(\d{3}\)|\b\d{3}[-.]\d{3}[-.]\d{4}\b|\+\d")),
    ("money", re.compile(r"[$€£¥]\s?\d|\d\s?(?:dollars|euros|pounds|cents|p)\b")),
    ("time", re.compile(r"\d\s?(?:[ap]\.?m\b|[AP]M\b)|\b\d{1,2}:\d\d\b")),
    (
        "date",
        re.compile(
            r"\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d|\d\s+(?:Jan|Feb|Mar|"
            r"Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)|\b\d{1,2}/\d{1,2}/\d{2,4}\b|\b(?:1[89]|20)\d\d\b"
        ),
    ),
    ("measure", re.compile(r"\d\s?(?:%|km|kg|mm|cm|m|mph|°|miles?|feet|ft|lbs?|tonnes?)\b|%")),
    ("fraction", re.compile(r"\b\d+/\d+\b|[½¼¾⅓]")),
    ("decimal", re.compile(r"\d\.\d")),
    ("ordinal", re.compile(r"\d(?:st|nd|rd|th)\b")),
    ("cardinal", re.compile(r"\d")),
    ("roman", re.compile(r"\b[IVXLC]{2,}\b")),
    ("abbreviation", re.compile(r"\b[A-Z][a-z]{0,3}\.|\b[A-Z]{2,}\b")),
]


def sentence_class(sentence: str) -> str:
    return next((name for name, pattern in CLASSES if pattern.search(sentence)), "other")


def corpus_sentences(readability: Path | None, every: int) -> list[str]:
    """Sentences of tests/data/pages, examples and (optionally) mozilla/readability's test pages
    (their expected.html, English ones; every ``every``-th sentence of those)."""
    paths = sorted((ROOT / "tests" / "data" / "pages").glob("*.txt"))
    paths += sorted((ROOT / "examples").glob("*.txt"))
    extra = sorted(readability.glob("*/expected.html")) if readability else []
    seen: set[str] = set()
    out: list[str] = []
    n_extra = 0
    for path in [*paths, *extra]:
        try:
            article = extract(read_source(path))
        except Exception:  # noqa: BLE001 - a page our reader rejects is skipped here
            continue
        if path in extra and guess_language(" ".join(article.blocks[:20])) != "en":
            continue
        for section in article.sections:
            for paragraph in section.paragraphs:
                for sentence in split_sentences(paragraph):
                    one_line = " ".join(sentence.split())
                    if not NEEDS_READING.search(one_line) or one_line in seen:
                        continue
                    if path in extra:
                        n_extra += 1
                        if n_extra % every:
                            continue
                    seen.add(one_line)
                    out.append(one_line)
    return out


def load_verdicts(path: Path | None) -> dict[str, tuple[str, str]]:
    if not path or not path.exists():
        return {}
    verdicts = {}
    with path.open(encoding="utf-8", newline="") as f:
        for row in csv.reader(f, delimiter="\t"):
            if row and not row[0].startswith("#") and len(row) >= 2:
                verdicts[row[1]] = (row[0], row[2] if len(row) > 2 else "")
    return verdicts


def compare(args: argparse.Namespace) -> None:
    sentences = args.sentences.read_text(encoding="utf-8").splitlines()
    nemo = args.nemo.read_text(encoding="utf-8").splitlines()
    if len(sentences) != len(nemo):
        raise SystemExit(f"{args.nemo}: {len(nemo)} lines for {len(sentences)} sentences")
    verdicts = load_verdicts(args.verdicts)
    lexicon = Lexicon.for_language("en")
    total: Counter[str] = Counter()
    differ: Counter[str] = Counter()
    verdict_count: Counter[tuple[str, str]] = Counter()
    rows = []
    for written, reference in zip(sentences, nemo, strict=True):
        cls = sentence_class(written)
        total[cls] += 1
        ours = normalize(written, "en", lexicon)
        if words(ours) == words(reference):
            continue
        differ[cls] += 1
        verdict = verdicts.get(written, ("unjudged", ""))[0]
        verdict_count[cls, verdict] += 1
        rows.append((cls, verdict, written, ours, reference))
    if args.dump:
        with args.dump.open("w", encoding="utf-8", newline="") as f:
            out = csv.writer(f, delimiter="\t", lineterminator="\n")
            out.writerow(["class", "verdict", "written", "ours", "nemo"])
            out.writerows(rows)
    kinds = ["ours-wrong", "nemo-wrong", "both-ok", "both-wrong", "unjudged"]
    print(
        "| class | sentences | agree | differ | "
        + " | ".join(kinds)
        + " | ours wrong, NeMo right |"
    )
    print("|---|---|---|---|" + "---|" * len(kinds) + "---|")
    for cls in [c for c, _ in CLASSES] + ["other"]:
        if not total[cls]:
            continue
        cells = [str(verdict_count[cls, k]) for k in kinds]
        wrong = verdict_count[cls, "ours-wrong"]
        print(
            f"| {cls} | {total[cls]} | {total[cls] - differ[cls]} | {differ[cls]} | "
            + " | ".join(cells)
            + f" | {100 * wrong / total[cls]:.1f} % |"
        )
    all_wrong = sum(v for (c, k), v in verdict_count.items() if k == "ours-wrong")
    n = sum(total.values())
    print(
        f"| **all** | {n} | {n - sum(differ.values())} | {sum(differ.values())} | "
        + " | ".join(
            str(sum(v for (c, k), v in verdict_count.items() if k == kind)) for kind in kinds
        )
        + f" | {100 * all_wrong / n:.1f} % |"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="cmd", required=True)
    sen = sub.add_parser("sentences", help="print the corpus sentences that need reading")
    sen.add_argument("--readability", type=Path, help="mozilla/readability test/test-pages")
    sen.add_argument("--every", type=int, default=4, help="keep every N-th readability sentence")
    cmp_ = sub.add_parser("compare", help="compare ours with NeMo's outputs")
    cmp_.add_argument("sentences", type=Path)
    cmp_.add_argument("nemo", type=Path)
    cmp_.add_argument(
        "--verdicts", type=Path, default=ROOT / "benchmarks" / "data" / "nemo_verdicts.tsv"
    )
    cmp_.add_argument("--dump", type=Path)
    args = parser.parse_args()
    if args.cmd == "sentences":
        for s in corpus_sentences(args.readability, args.every):
            print(s)
    else:
        compare(args)


if __name__ == "__main__":
    main()
