"""Fit the copied-text line model and write its weights into the package (run by hand).

    nice python benchmarks/extract_train.py [--corpus DIR] [--train newspaper,trafilatura]
        [--check readability,goose3]

Each line of a page's copied form (``copied.txt``, built by extract_corpus.py) is labelled body
or not from the dataset's gold: a line of three words or more is body when its words occur, in
order, in the gold body; a shorter line only when it is a whole gold line. In the ``trafilatura``
set (must / must-not strings, no full body) a line is body when it holds a must string and not
when it holds a must-not string; other lines are left out of training.

The model is a logistic regression (scikit-learn, a benchmark dependency only) over the
standardized features of ``audio_article/extract/features.py``; the package evaluates it with
numpy from ``audio_article/data/extract/line_model.json``. The check sets are never trained on:
the line accuracy printed for them is a held-out figure (page F1 comes from extract_score.py).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from audio_article.extract import features, model  # noqa: E402

DEFAULT_CORPUS = Path.home() / ".cache" / "audio-article" / "extract-corpus"
_WORD = re.compile(r"\w+")


def norm(text: str) -> str:
    return " ".join(w.lower() for w in _WORD.findall(text))


def labels(lines: list[str], gold: dict) -> list[float | None]:
    if gold.get("body"):
        flat = " " + norm(gold["body"]) + " "
        whole = {norm(x) for x in gold["body"].splitlines() if x.strip()}
        gw = flat.split()
        bigrams = {f"{a} {b}" for a, b in zip(gw, gw[1:], strict=False)}
        out: list[float | None] = []
        for ln in lines:
            key = norm(ln)
            if not key:
                out.append(0.0)
            elif len(key.split()) >= 3:
                # In order in the gold body, or most of its word pairs are (the copy and the
                # gold may break or space a line differently).
                ws = key.split()
                pairs = [f"{a} {b}" for a, b in zip(ws, ws[1:], strict=False)]
                hit = sum(p in bigrams for p in pairs) / len(pairs)
                out.append(float(f" {key} " in flat or hit >= 0.6))
            else:
                out.append(float(key in whole))
        return out
    if gold.get("with") is not None:
        must = [norm(s) for s in gold["with"] if norm(s)]
        must_not = [norm(s) for s in gold["without"] if norm(s)]
        out = []
        for ln in lines:
            key = " " + norm(ln) + " "
            if any(f" {m} " in key for m in must):
                out.append(1.0)
            elif any(f" {m} " in key for m in must_not):
                out.append(0.0)
            else:
                out.append(None)
        return out
    return [None] * len(lines)


def page_rows(page: Path) -> tuple[np.ndarray, np.ndarray]:
    gold = json.loads((page / "gold.json").read_text("utf-8"))
    text = (page / "copied.txt").read_text("utf-8")
    lines = model.page_lines(text)
    x = model.featurize(lines)
    y = labels(lines, gold)
    keep = [i for i, v in enumerate(y) if v is not None]
    return x[keep], np.array([y[i] for i in keep])


def load(corpus: Path, datasets: list[str]) -> tuple[np.ndarray, np.ndarray]:
    xs, ys = [], []
    for ds in datasets:
        for page in sorted((corpus / ds).iterdir()):
            x, y = page_rows(page)
            xs.append(x)
            ys.append(y)
    return np.vstack(xs), np.concatenate(ys)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--train", default="newspaper,trafilatura")
    ap.add_argument("--check", default="readability,goose3")
    ap.add_argument("--out", type=Path, default=model.WEIGHTS)
    args = ap.parse_args()
    from sklearn.linear_model import LogisticRegression

    x, y = load(args.corpus, args.train.split(","))
    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    mean[0], scale[0] = 0.0, 1.0  # the bias column stays 1
    scale[scale == 0] = 1.0
    clf = LogisticRegression(C=1.0, max_iter=2000, fit_intercept=False)
    clf.fit((x - mean) / scale, y)
    weights = {
        "about": "copied-text line model: logistic regression over features.NAMES, "
        "trained by benchmarks/extract_train.py",
        "trained_on": args.train.split(","),
        "lines": int(len(y)),
        "names": list(features.NAMES),
        "mean": [round(float(v), 6) for v in mean],
        "scale": [round(float(v), 6) for v in scale],
        "coef": [round(float(v), 6) for v in clf.coef_[0]],
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(weights, indent=1) + "\n", "utf-8")
    print(
        f"trained on {len(y)} lines of {args.train}: accuracy {clf.score((x - mean) / scale, y):.3f}"
    )
    for name, c in sorted(zip(features.NAMES, clf.coef_[0], strict=True), key=lambda t: -abs(t[1])):
        print(f"  {name:14s} {c:+.3f}")
    model.load_weights.cache_clear()
    for ds in args.check.split(","):
        xc, yc = load(args.corpus, [ds])
        if not len(yc):
            continue
        p = model.probabilities(xc)
        print(f"held out {ds}: {len(yc)} lines, accuracy {((p >= 0.5) == (yc > 0.5)).mean():.3f}")


if __name__ == "__main__":
    main()
