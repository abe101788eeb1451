"""Score normalize() and split_sentences() on the held-out tables; print failures by class.

Run by hand: PYTHONPATH=. python benchmarks/heldout_score.py [-v] [NORMALIZE_TSV [SEGMENT_TXT]]
(defaults: the first round, tests/data/normalize/heldout_en.tsv and tests/data/segment_heldout.txt;
the second round is tests/data/normalize/heldout2_en.tsv and tests/data/segment_heldout2.txt).
"""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

from audio_article.lexicon import Lexicon
from audio_article.normalize import normalize
from audio_article.segment import split_sentences

LEXICON = Lexicon.for_language("en")
DATA = Path(__file__).resolve().parent.parent / "tests" / "data"


def rows(path: Path) -> list[tuple[str, str, str]]:
    out, cls = [], ""
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            cls = line.lstrip("# ").strip()
            continue
        if "\t" in line:
            written, expected = line.split("\t", 1)
            out.append((cls, written, expected))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-v", "--verbose", action="store_true", help="print every failure")
    parser.add_argument(
        "normalize_tsv", nargs="?", type=Path, default=DATA / "normalize" / "heldout_en.tsv"
    )
    parser.add_argument("segment_txt", nargs="?", type=Path, default=DATA / "segment_heldout.txt")
    args = parser.parse_args()
    verbose = args.verbose
    norm = rows(args.normalize_tsv)
    seg = rows(args.segment_txt)
    fails: Counter[str] = Counter()
    totals: Counter[str] = Counter()
    ok = nocase = 0
    for cls, written, expected in norm:
        totals[cls] += 1
        got = normalize(written, "en", LEXICON)
        if got.lower() == expected.lower():
            nocase += 1
        if got == expected:
            ok += 1
        else:
            fails[cls] += 1
            if verbose:
                print(f"N [{cls}] {written!r}\n   want {expected!r}\n   got  {got!r}")
    sok = 0
    for _cls, para, expected in seg:
        got = split_sentences(para)
        if got == expected.split(" | "):
            sok += 1
        elif verbose:
            print(f"S {para!r}\n   want {expected.split(' | ')}\n   got  {got}")
    print(f"normalize: {ok}/{len(norm)} exact, {nocase} ignoring case")
    for cls in totals:
        if fails[cls]:
            print(f"  {cls}: {fails[cls]}/{totals[cls]} fail")
    print(f"segment: {sok}/{len(seg)} exact")


if __name__ == "__main__":
    main()
