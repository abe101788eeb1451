"""Fit the copied-text title model and write its weights into the package (run by hand).

    nice python benchmarks/extract_train_title.py [--corpus DIR] [--train mercury]
        [--check readability,goose3] [--silver newspaper,trafilatura]

Each page of a training set (its copied form, ``copied.txt``, built by extract_corpus.py) is run
through the copied-text front end up to the title choice (``audio_article/extract/title_text.py``:
the lines, the body run, the candidate lines and their features). A candidate is the title when
it equals the page's gold title or one part of it split at a separator (" | ", " - "). Pages
where no candidate is the title teach nothing and are left out. ``--silver``: sets without gold
titles, labelled from their own HTML (the line equal to the page's og:title, or to an <h1> that
its <title> agrees with).

The model is a conditional logit: a softmax over each page's candidates, fitted with L2 by
scipy's L-BFGS on standardized features (scipy is a benchmark dependency here; the package
evaluates the weights with numpy from ``audio_article/data/extract/title_model.json``). The
check sets are never trained on: the accuracy printed for them is a held-out figure.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from audio_article.extract import title_text  # noqa: E402

DEFAULT_CORPUS = Path.home() / ".cache" / "audio-article" / "extract-corpus"
_SEP = re.compile(r"\s+[|\-–—·»_/:]+\s+|\s*[|_]\s*")


def norm(text: str) -> str:
    return title_text._norm(text)


def gold_keys(title: str) -> set[str]:
    return {k for k in [norm(title), *(norm(p) for p in _SEP.split(title))] if k}


def silver_keys(page: Path) -> set[str]:
    """The headline two of the page's own sources agree on: og:title (or twitter:title) and an
    <h1> or the <title>'s first part; a site's name (og:site_name) never counts."""
    import lxml.html

    try:
        root = lxml.html.fromstring((page / "page.html").read_bytes())
    except (ValueError, lxml.etree.ParserError):
        return set()
    metas = {
        (m.get("property") or m.get("name") or "").lower(): m.get("content") or ""
        for m in root.iter("meta")
    }
    site = norm(metas.get("og:site_name", ""))
    og = {norm(metas.get(k, "")) for k in ("og:title", "twitter:title")} - {"", site}
    head = root.find(".//title")
    head_parts = set()
    if head is not None:
        head_parts = {norm(p) for p in [head.text_content(), *_SEP.split(head.text_content())]}
    h1s = {norm(h.text_content()) for h in root.iter("h1")}
    keys = set()
    for k in og | h1s:
        if not k or k == site or len(k.split()) < 2:
            continue
        sources = (k in og) + (k in h1s) + (k in head_parts)
        if sources >= 2:
            keys.add(k)
    return keys


FIXTURES = Path(__file__).resolve().parents[1] / "tests" / "data" / "pages"


def fixture_pages() -> list[tuple[np.ndarray, np.ndarray]]:
    """The project's own copied-page fixtures (tests/data/pages/*.txt, expected title in the
    .json beside): written here, so they are a training set only, never a check."""
    out = []
    for path in sorted(FIXTURES.glob("*.txt")):
        spec = json.loads(path.with_suffix(".json").read_text("utf-8"))
        got = page_candidates(path, copied=path)
        if got is None or not spec.get("title"):
            continue
        x, cand_keys = got
        y = np.array([k == norm(spec["title"]) for k in cand_keys], float)
        if y.any():
            out.append((x, y))
    return out


def page_candidates(page: Path, copied: Path | None = None):
    """(rows, candidate keys) of a page's copied form, as the product computes them."""
    from audio_article.extract.body import _best_run
    from audio_article.extract.marks import _classify
    from audio_article.extract.phrases import guess_language, load_phrases
    from audio_article.read import read_source

    source = read_source(copied or page / "copied.txt")
    phrases = load_phrases(guess_language(source.text) or "en")
    lines = _classify(source.text.split("\n"), phrases)
    run = _best_run(lines)
    if run is None:
        return None
    cands = title_text.candidates(lines, run[0], phrases, run[1])
    if not cands:
        return None
    x = title_text.features(lines, run[0], cands, phrases, run[1])
    return x, [norm(lines[i].text) for i in cands]


def load(
    corpus: Path, datasets: list[str], silver: bool = False
) -> list[tuple[np.ndarray, np.ndarray]]:
    out = []
    for ds in datasets:
        for page in sorted((corpus / ds).iterdir()):
            gold = json.loads((page / "gold.json").read_text("utf-8"))
            keys = silver_keys(page) if silver else gold_keys(gold.get("title") or "")
            if not keys:
                continue
            got = page_candidates(page)
            if got is None:
                continue
            x, cand_keys = got
            y = np.array([k in keys for k in cand_keys], float)
            if y.any():
                out.append((x, y))
    return out


def fit(pages, l2: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    from scipy.optimize import minimize

    allx = np.vstack([x for x, _ in pages])
    mean, scale = allx.mean(axis=0), allx.std(axis=0)
    mean[0], scale[0] = 0.0, 1.0
    scale[scale == 0] = 1.0
    zs = [((x - mean) / scale, y / y.sum()) for x, y in pages]
    # the rules' weights, in the standardized space
    prior = np.array([title_text.PRIOR.get(n, 0.0) for n in title_text.NAMES]) * scale

    def loss(w: np.ndarray) -> tuple[float, np.ndarray]:
        d = w - prior
        total, grad = l2 * len(zs) * d @ d, 2 * l2 * len(zs) * d
        for z, y in zs:
            s = z @ w
            s = s - s.max()
            p = np.exp(s)
            p /= p.sum()
            # -log of the probability mass on the gold candidates
            mass = float(p @ (y > 0))
            total -= np.log(max(mass, 1e-12))
            q = p * (y > 0) / max(mass, 1e-12)
            grad -= z.T @ (q - p)
        return total / len(zs), grad / len(zs)

    w0 = prior.copy()
    res = minimize(loss, w0, jac=True, method="L-BFGS-B")
    w = res.x
    w[0] = 0.0  # a softmax does not see a constant
    return mean, scale, w


def accuracy(pages, mean, scale, w) -> float:
    hits = [y[int(np.argmax(((x - mean) / scale) @ w))] > 0 for x, y in pages]
    return float(np.mean(hits)) if hits else float("nan")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--train", default="mercury")
    ap.add_argument("--silver", default="")
    ap.add_argument("--check", default="readability,goose3")
    ap.add_argument("--l2", type=float, default=0.01)
    ap.add_argument("--out", type=Path, default=title_text.WEIGHTS)
    ap.add_argument("--fixtures", action="store_true", help="train on tests/data/pages too")
    ap.add_argument(
        "--fixture-weight", type=int, default=1, help="each fixture page counts N times"
    )
    ap.add_argument("--cv", action="store_true", help="print two-fold accuracy per L2 weight")
    ap.add_argument("--dry-run", action="store_true", help="fit and report, write nothing")
    args = ap.parse_args()
    pages = load(args.corpus, [d for d in args.train.split(",") if d])
    if args.silver:
        pages += load(args.corpus, args.silver.split(","), silver=True)
    if args.fixtures:
        pages += fixture_pages() * args.fixture_weight
    if args.cv:
        # the L2 weight chosen on the training pages alone (two folds), never on a check set
        for l2 in (0.0003, 0.001, 0.003, 0.01, 0.03, 0.1, 1.0):
            folds = [pages[0::2], pages[1::2]]
            acc = [accuracy(folds[1 - k], *fit(folds[k], l2)) for k in (0, 1)]
            print(f"l2 {l2}: two-fold accuracy {np.mean(acc):.3f}")
    mean, scale, w = fit(pages, args.l2)
    print(
        f"trained on {len(pages)} pages: candidate accuracy {accuracy(pages, mean, scale, w):.3f}"
    )
    for name, c in sorted(zip(title_text.NAMES, w, strict=True), key=lambda t: -abs(t[1])):
        print(f"  {name:16s} {c:+.3f}")
    for ds in args.check.split(","):
        held = load(args.corpus, [ds])
        print(
            f"held out {ds}: {len(held)} pages with the title among the candidates, "
            f"accuracy {accuracy(held, mean, scale, w):.3f}"
        )
    if args.dry_run:
        return
    weights = {
        "about": "copied-text title model: conditional logit over title_text.NAMES, "
        "fitted by benchmarks/extract_train_title.py",
        "trained_on": [d for d in args.train.split(",") if d],
        "silver": [d for d in args.silver.split(",") if d],
        "fixtures": args.fixtures,
        "pages": len(pages),
        "l2": args.l2,
        "names": list(title_text.NAMES),
        "mean": [round(float(v), 6) for v in mean],
        "scale": [round(float(v), 6) for v in scale],
        "coef": [round(float(v), 6) for v in w],
    }
    args.out.write_text(json.dumps(weights, indent=1) + "\n", "utf-8")


if __name__ == "__main__":
    main()
