"""Differential benchmark: our normalization against NVIDIA NeMo's on real article sentences.

NeMo runs once, by hand, in a scratch venv (never a project dependency, see
benchmarks/nemo_reference.py); its outputs are committed, so the table is re-scored after every
change of ours without NeMo:

    PYTHONPATH=. python benchmarks/nemo_differential.py sentences \
        --readability READABILITY/test/test-pages --every 1 > /tmp/sentences.txt
    /tmp/nemo/bin/python benchmarks/nemo_reference.py /tmp/cache < /tmp/sentences.txt > /tmp/nemo.txt
    PYTHONPATH=. python benchmarks/nemo_differential.py record /tmp/sentences.txt /tmp/nemo.txt
    PYTHONPATH=. python benchmarks/nemo_differential.py compare [--dump]   # any time after

``sentences`` extracts every article in tests/data/pages/ and examples/ (and every ``--every``-th
sentence of mozilla/readability's English test pages) and prints each sentence that holds
something a normalizer must read (a digit or a symbol, an abbreviation with a dot, a capitalized
initialism). ``record`` writes the sentences and NeMo's outputs to data/nemo_en_outputs.tsv.gz.
``compare`` normalizes each with ours, compares on words (case, punctuation, hyphens and a
number's "and" ignored), tags each disagreement with the semiotic class of the sentence, applies
the hand verdicts of data/nemo_verdicts.tsv (ours-wrong / nemo-wrong / both-ok / both-wrong;
a verdict given on another output of ours than today's counts as unjudged) and prints the
per-class table; ``--dump FILE`` writes the classified disagreements (class, verdict, written,
ours, NeMo) to FILE.
``stamp`` records a fingerprint of today's output of ours beside each new verdict (run it after
judging).
"""

from __future__ import annotations

import argparse
import csv
import gzip
import hashlib
import io
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


DATA = ROOT / "benchmarks" / "data"
OUTPUTS = DATA / "nemo_en_outputs.tsv.gz"
VERDICTS = DATA / "nemo_verdicts.tsv"
KINDS = ["ours-wrong", "nemo-wrong", "both-ok", "both-wrong", "unjudged"]


def fingerprint(spoken: str) -> str:
    """The short fingerprint of an output of ours that a verdict was given on."""
    return hashlib.sha1(spoken.encode("utf-8")).hexdigest()[:12]


def load_outputs(path: Path = OUTPUTS) -> list[tuple[str, str]]:
    """(written sentence, NeMo's output) pairs recorded by ``record``."""
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8", newline="") as f:
        rows = [r for r in csv.reader(f, delimiter="\t") if r]
    bad = [i for i, r in enumerate(rows, 1) if len(r) != 2]
    if bad:
        raise SystemExit(f"{path}: line {bad[0]} is not 'written<TAB>nemo'")
    return [(r[0], r[1]) for r in rows]


def load_verdicts(path: Path | None = VERDICTS) -> dict[str, list[str]]:
    """Sentence -> [verdict, note, ours when judged (may be empty)]."""
    if not path or not path.exists():
        return {}
    verdicts = {}
    with path.open(encoding="utf-8", newline="") as f:
        for row in csv.reader(f, delimiter="\t"):
            if row and not row[0].startswith("#") and len(row) >= 2:
                verdicts[row[1]] = [row[0], *(row[2:4] + ["", ""])[:2]]
    return verdicts


def differential(
    pairs: list[tuple[str, str]], verdicts: dict[str, list[str]]
) -> tuple[Counter[str], Counter[str], Counter[tuple[str, str]], list[tuple[str, ...]]]:
    """Per-class totals, disagreements and verdict counts, and the classified rows."""
    lexicon = Lexicon.for_language("en")
    total: Counter[str] = Counter()
    differ: Counter[str] = Counter()
    verdict_count: Counter[tuple[str, str]] = Counter()
    rows = []
    for written, reference in pairs:
        cls = sentence_class(written)
        total[cls] += 1
        ours = normalize(written, "en", lexicon)
        if words(ours) == words(reference):
            continue
        differ[cls] += 1
        verdict, _note, judged_on = verdicts.get(written, ["unjudged", "", ""])
        if judged_on and judged_on not in (ours, fingerprint(ours)):
            verdict = "unjudged"  # judged on another output of ours
        verdict_count[cls, verdict] += 1
        rows.append((cls, verdict, written, ours, reference))
    return total, differ, verdict_count, rows


def table(total: Counter[str], differ: Counter[str], count: Counter[tuple[str, str]]) -> str:
    """The per-class markdown table."""
    lines = [
        "| class | sentences | agree | differ | "
        + " | ".join(KINDS)
        + " | ours wrong, NeMo right |",
        "|---|---|---|---|" + "---|" * len(KINDS) + "---|",
    ]
    for cls in [c for c, _ in CLASSES] + ["other"]:
        if not total[cls]:
            continue
        cells = [str(count[cls, k]) for k in KINDS]
        wrong = count[cls, "ours-wrong"]
        lines.append(
            f"| {cls} | {total[cls]} | {total[cls] - differ[cls]} | {differ[cls]} | "
            + " | ".join(cells)
            + f" | {100 * wrong / total[cls]:.1f} % |"
        )
    n, d = sum(total.values()), sum(differ.values())
    all_wrong = sum(v for (_c, k), v in count.items() if k == "ours-wrong")
    by_kind = [str(sum(v for (_c, k), v in count.items() if k == kind)) for kind in KINDS]
    lines.append(
        f"| **all** | {n} | {n - d} | {d} | "
        + " | ".join(by_kind)
        + f" | {100 * all_wrong / n:.1f} % |"
    )
    return "\n".join(lines)


def record(args: argparse.Namespace) -> None:
    sentences = args.sentences.read_text(encoding="utf-8").splitlines()
    nemo = args.nemo.read_text(encoding="utf-8").splitlines()
    if len(sentences) != len(nemo):
        raise SystemExit(f"{args.nemo}: {len(nemo)} lines for {len(sentences)} sentences")
    text = io.StringIO()
    csv.writer(text, delimiter="\t", lineterminator="\n").writerows(
        zip(sentences, nemo, strict=True)
    )
    with gzip.GzipFile(OUTPUTS, "wb", mtime=0) as f:  # mtime 0: the same data, the same bytes
        f.write(text.getvalue().encode("utf-8"))
    print(f"{OUTPUTS}: {len(sentences)} sentences")


def compare(args: argparse.Namespace) -> None:
    total, differ, count, rows = differential(
        load_outputs(args.outputs), load_verdicts(args.verdicts)
    )
    if args.dump:
        with args.dump.open("w", encoding="utf-8", newline="") as f:
            out = csv.writer(f, delimiter="\t", lineterminator="\n")
            out.writerow(["class", "verdict", "written", "ours", "nemo"])
            out.writerows(rows)
    if args.verbose:
        for cls, verdict, written, ours, reference in rows:
            if verdict in ("unjudged", "ours-wrong"):
                print(f"[{cls}/{verdict}] {written}\n   OURS: {ours}\n   NEMO: {reference}")
    print(table(total, differ, count))


def stamp(args: argparse.Namespace) -> None:
    """Write today's output of ours beside each new verdict (``--all``: beside every verdict), so a
    later change of ours shows the verdict as unjudged."""
    every = args.all
    lexicon = Lexicon.for_language("en")
    with VERDICTS.open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f, delimiter="\t"))
    with VERDICTS.open("w", encoding="utf-8", newline="") as f:
        out = csv.writer(f, delimiter="\t", lineterminator="\n")
        for row in rows:
            if not row or row[0].startswith("#") or len(row) < 2:
                f.write("\t".join(row) + "\n")
                continue
            note = row[2] if len(row) > 2 else ""
            judged_on = row[3] if len(row) > 3 and row[3] and not every else None
            if judged_on and len(judged_on) != 12:
                judged_on = fingerprint(judged_on)  # an output recorded in full, as before
            out.writerow(
                [row[0], row[1], note, judged_on or fingerprint(normalize(row[1], "en", lexicon))]
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="cmd", required=True)
    sen = sub.add_parser("sentences", help="print the corpus sentences that need reading")
    sen.add_argument("--readability", type=Path, help="mozilla/readability test/test-pages")
    sen.add_argument("--every", type=int, default=1, help="keep every N-th readability sentence")
    rec = sub.add_parser("record", help="write sentences and NeMo's outputs to data/")
    rec.add_argument("sentences", type=Path)
    rec.add_argument("nemo", type=Path)
    cmp_ = sub.add_parser("compare", help="compare ours with NeMo's recorded outputs")
    cmp_.add_argument("--outputs", type=Path, default=OUTPUTS)
    cmp_.add_argument("--verdicts", type=Path, default=VERDICTS)
    cmp_.add_argument("--dump", type=Path, help="write the classified disagreements (TSV) here")
    cmp_.add_argument("-v", "--verbose", action="store_true", help="print unjudged, ours-wrong")
    stp = sub.add_parser("stamp", help="record today's output of ours beside new verdicts")
    stp.add_argument("--all", action="store_true", help="re-stamp judged verdicts too")
    args = parser.parse_args()
    if args.cmd == "sentences":
        for s in corpus_sentences(args.readability, args.every):
            print(s)
    elif args.cmd == "record":
        record(args)
    elif args.cmd == "stamp":
        stamp(args)
    else:
        compare(args)


if __name__ == "__main__":
    main()
