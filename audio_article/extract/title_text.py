"""The title of a copied page, chosen among candidate lines by a fitted model.

Every plain line above the body (and the first few of it) is a candidate. Each gets general
features: its length and end punctuation, its place relative to the body, what lies right
below it (metadata, a standfirst, boilerplate), whether the page repeats it inside another line
(a breadcrumb, a share prompt, the tab of a gallery names the story), how many of its content
words the body's opening repeats, and what the rule data says of it (a byline, a date, a
caption's neighbour). A conditional logit (softmax over a page's candidates) fitted by
``benchmarks/extract_train.py --title`` on public pages with gold titles, and validated on
other sets it never saw, weighs them; the weights are ``data/extract/title_model.json``.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from .common import _EDGE, _TERMINAL
from .marks import _is_caption, _Line, _stems
from .metadata import _DATE, _TIME, bare_name
from .phrases import Phrases

if TYPE_CHECKING:  # numpy and the model load on first use: the HTML path needs neither
    import numpy as np

    from .model import Weights

WEIGHTS = Path(str(resources.files("audio_article") / "data" / "extract" / "title_model.json"))

AFTER_START = 4
"""Lines of the body run that may still be the title (a headline that reads as prose, with the
page's metadata under it)."""
MAX_WORDS = 40

# An item of a nested list as text renderers mark it ("+ South Florida", "o Phase-divergence").
_NESTED_ITEM = re.compile(r"^\s*(?:\+|o(?=\s+[A-Z]))\s+")
_WORDS = re.compile(r"[^\W\d_]{2,}")
# A date in any language: a day, a month's name and a year ("Maret 30, 2015", "12 marca 2023",
# "12. března 2023"), or all in digits ("18.11.2019"); the month word is whatever stands there.
_ANY_DATE = re.compile(
    r"\b(?:\d{1,2}\.?\s+[^\W\d_]{3,12}\.?,?|[^\W\d_]{3,12}\.?\s+\d{1,2}(?:st|nd|rd|th)?,?)"
    r"\s+(?:19|20)\d{2}\b|\b\d{1,2}[./]\d{1,2}[./](?:19|20)?\d{2}\b"
)
_BY = re.compile(r"(?:^|\s)by\s", re.IGNORECASE)
_NORM = re.compile(r"\w+")
_SEPARATORS = re.compile(r"\s[|•·/»›>:–—-]\s")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")

NAMES = (
    "bias",
    "log_words",
    "short",  # <= 2 words
    "mid_length",  # 5-25 words
    "length_rank",  # words / the longest candidate's words
    "full_stop",
    "question",
    "comma_end",
    "separators",
    "prose",
    "dek",
    "dated",
    "names",
    "caption_near",
    "meta_below",
    "rule_below",
    "dek_below",
    "clean_between",
    "in_body",
    "meta_next",
    "top_share",
    "overlap",
    "echoed",
    "repeated",
    "cap_ratio",
    "digit_ratio",
    "quoted",
    "prev_rule",
    "prev_meta",
    "first_candidate",
    "body_first",
    "body_prose",
    "sentence",
    "log_gap",
    "dist",
    "words20",
    "seven",
    "person",
    "longer_below",
    "label_above",
    "after_byline",
    "prose_above",
)

PRIOR = {
    "meta_below": 3.0,
    "rule_below": 1.0,
    "dek_below": 1.0,
    "clean_between": 2.0,
    "body_prose": -1.0,
    "mid_length": 1.0,
    "seven": 0.5,
    "full_stop": -2.5,
    "words20": 0.08,
    "short": -1.5,
    "person": -2.0,
    "names": -3.0,
    "caption_near": -3.0,
    "dist": -0.05,
    "overlap": 1.5,
    "in_body": -3.0,
}
"""The hand-set weights of the rules this model replaced (on the raw features): the prior that
the fit pulls towards, so that a few hundred training pages adjust them rather than start over."""


def _norm(text: str) -> str:
    return " ".join(_NORM.findall(text.casefold()))


def dated_or_signed(ln: _Line, phrases: Phrases) -> bool:
    """A short line with a date or a clock time, or one that opens like a byline ("by Laura
    June Topolsky July 10, 2015", "1:39 PM ET"): page metadata the rules did not parse."""
    if ln.words > 12:
        return False
    if _DATE.search(ln.text) or _TIME.search(ln.text) or _ANY_DATE.search(ln.text):
        rest = _ANY_DATE.sub(" ", _TIME.sub(" ", _DATE.sub(" ", ln.text)))
        if len(_WORDS.findall(rest)) <= 3 or _BY.search(rest):
            return True
    return any(r.match(ln.text) for r in phrases.byline)


def is_dek(ln: _Line, phrases: Phrases) -> bool:
    """A standfirst without a final full stop: long, with the stop words of a sentence."""
    words = ln.text.split()
    if len(words) < 10 or not phrases.stopwords:
        return len(words) >= 14
    return sum(w.lower().strip(_EDGE) in phrases.stopwords for w in words) / len(words) >= 0.15


def candidates(
    lines: list[_Line | None], start: int, phrases: Phrases, end: int | None = None
) -> list[int]:
    """Indices of the lines that may be the title of a body ``start``-``end`` (a line of the
    body only if a sentence of the body comes after it)."""
    out = []
    last_prose = max(
        (
            j
            for j in range(start, len(lines) if end is None else end + 1)
            if lines[j] is not None and lines[j].prose
        ),  # type: ignore[union-attr]
        default=start,
    )
    for i in range(min(len(lines), start + AFTER_START, max(last_prose, start))):
        ln = lines[i]
        if ln is None or not ln.plain or ln.bullet or _NESTED_ITEM.match(ln.text):
            continue
        if not 1 <= ln.words <= MAX_WORDS or ln.text.endswith((",", ";", ":")):
            continue
        if dated_or_signed(ln, phrases):
            continue
        if i >= start:
            # A line of the body is the headline only when the page's metadata (a byline, a
            # date) follows it, as under a headline; else the body's first sentence is body.
            after = [y for y in lines[i + 1 : i + 12] if y is not None][:5]
            if not any(y.meta is not None for y in after):
                continue
        out.append(i)
    return out


def features(
    lines: list[_Line | None],
    start: int,
    cands: list[int],
    phrases: Phrases,
    end: int | None = None,
) -> np.ndarray:
    """One row of ``NAMES`` per candidate (``end``: the body's last line, for echoes)."""
    import numpy as np

    x = np.zeros((len(cands), len(NAMES)))
    if not cands:
        return x
    top = lines if end is None else lines[: end + 1]  # a site's name in the footer is no echo
    keys = [_norm(ln.text) for ln in top if ln is not None]
    counts = Counter(keys)
    opening = [x.text for x in lines[start : start + 60] if x is not None and x.prose][:12]
    body_words = {w[:5] for w in _stems(" ".join(opening))}
    longest = max(lines[i].words for i in cands)  # type: ignore[union-attr]
    # running counts of present and of plain lines, so that each candidate's share of the
    # page above it and its gap to the body cost no walk over the lines between
    present_before = [0]
    plain_before = [0]
    for ln in lines:
        present_before.append(present_before[-1] + (ln is not None))
        plain_before.append(plain_before[-1] + (ln is not None and ln.plain))
    n_before = present_before[start] or 1
    # sentences of ten words or more above each line: a headline has next to none above it
    prose_above = [0] * (max(cands) + 1)
    for k in range(1, len(prose_above)):
        prev = lines[k - 1]
        prose_above[k] = prose_above[k - 1] + (prev is not None and prev.prose and prev.words >= 10)
    for row, i in zip(x, cands, strict=True):
        ln = lines[i]
        assert ln is not None
        text, words = ln.text, ln.words
        after = [y for y in lines[i + 1 : i + 12] if y is not None][:5]
        before = next((y for y in reversed(lines[:i]) if y is not None), None)
        gap = max(present_before[start] - present_before[i + 1], 0) if i < start else 0
        # (the lines between are looked at only where few enough for the headline test below)
        between = [y for y in lines[i + 1 : start] if y is not None] if gap <= 12 else []
        loose = [y for y in between if y.plain and not y.prose and not is_dek(y, phrases)]
        key = _norm(text)
        bare = text.rstrip("\"'”’»)")
        row[0] = 1.0
        row[1] = math.log1p(words)
        row[2] = words <= 2
        row[3] = 5 <= words <= 25
        row[4] = words / max(longest, 1)
        row[5] = bare.endswith(".")
        row[6] = bare.endswith(("?", "!"))
        row[7] = text.endswith(":")
        row[8] = min(len(_SEPARATORS.findall(text)), 2) / 2
        row[9] = ln.prose
        row[10] = is_dek(ln, phrases)
        row[11] = dated_or_signed(ln, phrases)
        row[12] = words > 3 and bare_name(text, phrases)
        row[13] = _is_caption(before) or _is_caption(after[0] if after else None)
        row[14] = any(y.meta is not None for y in after)
        row[15] = any(y.rule is not None for y in after[:3])
        row[16] = bool(after) and after[0].plain and is_dek(after[0], phrases)
        row[17] = (
            i < start
            and gap <= 12
            and not any(y.prose and y.words < 10 for y in between)
            and len(loose) <= 3
            and all(y.words <= 6 for y in loose)
        )
        row[18] = i >= start
        row[19] = bool(after) and after[0].meta is not None
        row[20] = present_before[i] / n_before
        own = {w[:5] for w in _stems(text)}
        # (a share of at least three words: a one-word label shares its one word by chance)
        row[21] = len(own & body_words) / max(len(own), 3) if body_words else 0.0
        # The story named again inside another line: a breadcrumb's last step, a share prompt,
        # the page's "<headline> | <site>" strip.
        if len(key) >= 8:
            row[22] = min(sum(key in k for k in keys if k != key), 3) / 3
        row[23] = counts[key] > 1
        tokens = text.split()
        if _CJK.search(text):
            row[24] = 0.5
        else:
            row[24] = sum(w[:1].isupper() for w in tokens) / max(len(tokens), 1)
        row[25] = sum(ch.isdigit() for ch in text) / max(len(text), 1)
        row[26] = len(text) > 2 and text[0] in "\"'“‘«" and text[-1] in "\"'”’»"
        row[27] = before is not None and before.rule is not None
        row[28] = before is not None and before.meta is not None
        row[29] = i == cands[0]
        row[30] = i == start
        row[31] = i >= start and ln.prose
        row[32] = words >= 10 and bool(_TERMINAL.search(text))
        # lines between this one and the body that are neither metadata nor boilerplate
        row[33] = math.log1p(max(plain_before[start] - plain_before[i + 1], 0) if i < start else 0)
        row[34] = abs(start - i)
        row[35] = min(words, 20)
        row[36] = words >= 7
        row[37] = words <= 3 and all(w[:1].isupper() for w in text.split())
        # A kicker or section label sits right above its headline, a much longer line.
        nxt = after[0] if after else None
        row[38] = (
            nxt is not None
            and nxt.plain
            and not nxt.prose
            and 5 <= nxt.words <= MAX_WORDS
            and nxt.words >= 2 * words
        )
        row[41] = math.log1p(prose_above[i])
        row[40] = before is not None and before.meta is not None and before.meta.kind == "byline"
        row[39] = (
            before is not None
            and before.words <= 3
            and words >= 5
            and words >= 2 * before.words
            and not ln.prose
        )
    return x


@lru_cache(maxsize=1)
def load_weights() -> Weights:
    from .model import read_weights

    return read_weights(WEIGHTS, NAMES)


def scores(x: np.ndarray) -> np.ndarray:
    w = load_weights()
    return ((x - w.mean) / w.scale) @ w.coef


def find_title(
    lines: list[_Line | None], start: int, phrases: Phrases, end: int | None = None
) -> int | None:
    """Index of the headline that leads into the body ``start``-``end``."""
    import numpy as np

    cands = candidates(lines, start, phrases, end)
    if not cands:
        return None
    s = scores(features(lines, start, cands, phrases, end))
    i = cands[int(np.argmax(s))]
    return i


def ranked(
    lines: list[_Line | None], start: int, phrases: Phrases, end: int | None = None, k: int = 3
) -> list[tuple[str, float, list[tuple[str, float]]]]:
    """The ``k`` likeliest titles (for ``clean --explain``): each line, the model's probability
    among the candidates, and the three features that set it apart from the other candidates
    most (contributions to its score against the candidates' mean: a softmax ignores what all
    candidates share)."""
    import numpy as np

    cands = candidates(lines, start, phrases, end)
    if not cands:
        return []
    x = features(lines, start, cands, phrases, end)
    s = scores(x)
    p = np.exp(s - s.max())
    p /= p.sum()
    w = load_weights()
    centre = x.mean(axis=0)
    out = []
    for j in np.argsort(-s)[:k]:
        contrib = (x[j] - centre) / w.scale * w.coef
        top = np.argsort(-np.abs(contrib))[:3]
        text = lines[cands[j]].text  # type: ignore[union-attr]
        out.append((text, float(p[j]), [(NAMES[t], round(float(contrib[t]), 2)) for t in top]))
    return out
