"""The copied-text line model: fitted weights (a small JSON file in the package), loaded once.

A logistic regression over ``features.NAMES``, fitted on public real-page sets by
``benchmarks/extract_train.py`` and evaluated here with numpy (no scikit-learn at run time).

It explains (``clean --explain``); the rules decide. Letting its scores overrule them (promote a
line it is sure of, veto a "sentence" it is sure is chrome, restore dropped lines inside the
body) was measured: +0.003 body F1 on the training sets and five of the project's own fixtures
broken; peeling the body's tail by its score: held-out readability 0.935 -> 0.932
(``benchmarks/README.md``). So ``extract`` does not compute it: scoring every line was 45% of a
copied page's extraction time.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

import numpy as np

from . import features

WEIGHTS = Path(str(resources.files("audio_article") / "data" / "extract" / "line_model.json"))


@dataclass(frozen=True)
class Weights:
    names: tuple[str, ...]
    mean: np.ndarray
    scale: np.ndarray
    coef: np.ndarray


def read_weights(path: Path, names: tuple[str, ...]) -> Weights:
    """A fitted linear model's weights (this line model's, or the title model's), checked
    against the feature names the code computes now."""
    data = json.loads(path.read_text(encoding="utf-8"))
    if tuple(data["names"]) != names:
        raise RuntimeError(f"{path}: features changed since the model was fitted; refit it")
    return Weights(
        tuple(data["names"]),
        np.array(data["mean"]),
        np.array(data["scale"]),
        np.array(data["coef"]),
    )


@lru_cache(maxsize=1)
def load_weights() -> Weights:
    return read_weights(WEIGHTS, features.NAMES)


def page_lines(text: str) -> list[str]:
    """The page's non-empty lines, cleaned as the extractor cleans them."""
    from .common import clean

    return [c for c in (clean(ln) for ln in text.splitlines()) if c]


def featurize(lines: list[str], phrases: object | None = None) -> np.ndarray:
    """Feature rows for ``lines`` (non-empty), with what the rule data says of each line."""
    from .marks import _classify
    from .phrases import guess_language, load_phrases

    if phrases is None:
        phrases = load_phrases(guess_language("\n".join(lines)) or "en")
    marks = _classify(list(lines), phrases)  # type: ignore[arg-type]
    rule = [m is not None and m.rule is not None for m in marks]
    meta = [m is not None and m.meta is not None for m in marks]
    prose = [m is not None and m.prose for m in marks]
    return features.line_features(lines, rule, meta, prose)


def logits(x: np.ndarray) -> np.ndarray:
    w = load_weights()
    return ((x - w.mean) / w.scale) @ w.coef


def probabilities(x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-logits(x)))


def deciding(row: np.ndarray, k: int = 3) -> list[tuple[str, float]]:
    """The ``k`` features that moved this line's score most (name, contribution to the logit)."""
    w = load_weights()
    contrib = (row - w.mean) / w.scale * w.coef
    contrib[0] = 0.0
    order = np.argsort(-np.abs(contrib))[:k]
    return [(w.names[i], round(float(contrib[i]), 2)) for i in order]
