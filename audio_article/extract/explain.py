"""``clean --explain``: for each line left out, the line model's score and what decided it.

The score is the line model's probability that the line is article body (``model``); the
features are the three that moved it most (signed contribution to the logit). Lines of an HTML
page are scored as the page's copied text (one line per laid-out block), so both front ends
explain their choices in the same terms. Computed only when asked for: ``extract`` does not pay.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..models import Article, Removed, Source
from .common import _key, _lower, clean


@dataclass(frozen=True)
class Explained:
    """A removed line, with the line model's view of it (None: not a line of the page)."""

    removed: Removed
    score: float | None
    deciding: tuple[tuple[str, float], ...] = ()

    def describe(self) -> str:
        """``- [reason] line`` and, when scored, ``(body score 0.07: terminal -1.9, ...)``."""
        out = f"- [{self.removed.reason}] {self.removed.line}"
        if self.score is not None:
            why = ", ".join(f"{name} {value:+.2f}" for name, value in self.deciding)
            out += f"\n    (body score {self.score:.2f}: {why})"
        return out


def page_lines(source: Source) -> list[str]:
    """The page's lines as the line model sees them (an HTML page: its copied text)."""
    text = source.text
    if source.kind == "html":
        import trafilatura

        from .html import _CONTROL
        from .html_page import _page_text, _visible_root

        tree = trafilatura.load_html(_CONTROL.sub("", text))
        text = "" if tree is None else _page_text(_visible_root(tree))
    return [c for c in (clean(ln) for ln in text.splitlines()) if c]


def explain(source: Source, article: Article) -> list[Explained]:
    """Every line of ``article.removed``, scored by the line model over the page's lines."""
    from . import model

    lines = page_lines(source)
    if not lines:
        return [Explained(r, None) for r in article.removed]
    x = model.featurize(lines)
    scores = model.probabilities(x)
    where: dict[str, int] = {}
    for i, ln in enumerate(lines):
        where.setdefault(_key(_lower(ln)), i)
    out: list[Explained] = []
    for r in article.removed:
        i = where.get(_key(_lower(clean(r.line))))
        if i is None:
            out.append(Explained(r, None))
        else:
            out.append(Explained(r, float(scores[i]), _top(model.deciding(x[i], len(x[i])))))
    return out


def _top(contributions: list[tuple[str, float]], k: int = 3) -> tuple[tuple[str, float], ...]:
    """The ``k`` largest contributions, a feature and its square counted as one ("position")."""
    merged: dict[str, float] = {}
    for name, value in contributions:
        base = name.removesuffix("_sq")
        merged[base] = merged.get(base, 0.0) + value
    top = sorted(merged.items(), key=lambda kv: -abs(kv[1]))[:k]
    return tuple((name, round(value, 2)) for name, value in top)


def explain_title(source: Source) -> list[str]:
    """How a copied page's title was chosen: the title model's likeliest candidates (an HTML
    or Markdown page names its title in its markup: nothing to rank)."""
    if source.kind != "text":
        return []
    from .body import _best_run
    from .marks import _classify
    from .phrases import guess_language, load_phrases
    from .title_text import ranked
    from .unwrap import unwrap

    phrases = load_phrases(guess_language(source.text) or "en")
    lines = _classify(unwrap(source.text).split("\n"), phrases)
    run = _best_run(lines)
    if run is None:
        return []
    out = []
    for text, p, why in ranked(lines, run[0], phrases, run[1]):
        reasons = ", ".join(f"{name} {value:+.2f}" for name, value in why)
        out.append(f"- {text}\n    (title probability {p:.2f}: {reasons})")
    return out
