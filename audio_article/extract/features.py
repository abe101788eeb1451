"""General features of the lines of a copied page, for the line model (``model.py``).

Nothing here names a site or a phrase: each feature is about the shape of a line (length,
sentence-final punctuation, capitals, digits, separators), its place on the page, its
neighbours, and its repetition. Stop words are the page's own most frequent short words, so the
same features work for any language written with spaces (a line's characters stand in for words
where the script has none).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence

import numpy as np

_WORD = re.compile(r"\w+", re.UNICODE)
_TERMINAL = re.compile(r"[.!?…。！？][\"'”’»)\]]*$")
_COLON_END = re.compile(r"[:：]$")
_BULLET = re.compile(r"^\s*(?:[-*•·▪◦‣–—]|\d{1,2}[.)])\s+")
_SEPARATORS = re.compile(r"\s[|•·/»›>]\s")
_INNER_STOP = re.compile(r"\w[.!?。！？]\s+\w")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")

NAMES = (
    "bias",
    "log_words",
    "log_chars",
    "terminal",
    "colon_end",
    "inner_stops",
    "comma_rate",
    "cap_ratio",
    "stop_ratio",
    "digit_ratio",
    "punct_ratio",
    "bullet",
    "separators",
    "all_caps",
    "starts_upper",
    "repeated",
    "position",
    "position_sq",
    "long_sentence",
    "prev_long",
    "next_long",
    "dens3",
    "dens8",
    "dist_core",
    "before_core",
    "after_core",
    "rule",
    "meta",
    "prose_rule",
)


def _words(text: str) -> list[str]:
    words = _WORD.findall(text)
    if _CJK.search(text):  # no spaces between words: count characters as words
        return [ch for ch in text if ch.isalnum()]
    return words


def _long_sentence(text: str, n_words: int) -> bool:
    return n_words >= 10 and bool(_TERMINAL.search(text))


def line_features(
    lines: Sequence[str],
    rule: Sequence[bool] | None = None,
    meta: Sequence[bool] | None = None,
    prose: Sequence[bool] | None = None,
) -> np.ndarray:
    """One row of ``NAMES`` per line (non-empty, stripped lines; the caller drops blank ones).

    ``rule`` / ``meta`` / ``prose``: what the rule data says of each line (a boilerplate phrase,
    a metadata line, a sentence by the rules' test), given to the model as three more features.
    """
    n = len(lines)
    out = np.zeros((n, len(NAMES)), dtype=np.float64)
    if n == 0:
        return out
    words = [_words(t) for t in lines]
    counts = Counter(w.lower() for ws in words for w in ws if len(w) <= 4 and not w.isdigit())
    stop = {w for w, _ in counts.most_common(40)}
    seen = Counter(lines)
    longs = np.array([_long_sentence(t, len(w)) for t, w in zip(lines, words, strict=True)], float)
    weights = np.array([len(w) for w in words], float) * longs
    # The core of the body: the line where long sentences are densest (a window of 9 lines).
    win = np.convolve(weights, np.ones(9), mode="same")
    core = int(np.argmax(win)) if win.any() else n // 2
    lo = core
    while lo > 0 and win[lo - 1] > 0:
        lo -= 1
    hi = core
    while hi < n - 1 and win[hi + 1] > 0:
        hi += 1
    c3 = np.convolve(longs, np.ones(7), mode="same") / 7
    c8 = np.convolve(longs, np.ones(17), mode="same") / 17
    for i, (text, ws) in enumerate(zip(lines, words, strict=True)):
        nw = len(ws)
        chars = len(text)
        letters = [ch for ch in text if ch.isalpha()]
        caps = sum(w[:1].isupper() for w in ws)
        row = out[i]
        row[0] = 1.0
        row[1] = math.log1p(nw)
        row[2] = math.log1p(chars)
        row[3] = bool(_TERMINAL.search(text))
        row[4] = bool(_COLON_END.search(text))
        row[5] = min(len(_INNER_STOP.findall(text)), 5) / 5
        row[6] = text.count(",") / max(nw, 1)
        row[7] = caps / max(nw, 1)
        row[8] = sum(w.lower() in stop for w in ws) / max(nw, 1)
        row[9] = sum(ch.isdigit() for ch in text) / max(chars, 1)
        row[10] = sum(not ch.isalnum() and not ch.isspace() for ch in text) / max(chars, 1)
        row[11] = bool(_BULLET.match(text))
        row[12] = min(len(_SEPARATORS.findall(text)), 3) / 3
        row[13] = bool(letters) and all(ch.isupper() for ch in letters) and len(letters) > 3
        row[14] = text[:1].isupper()
        row[15] = seen[text] > 1
        row[16] = i / max(n - 1, 1)
        row[17] = row[16] ** 2
        row[18] = longs[i]
        row[19] = longs[i - 1] if i > 0 else 0.0
        row[20] = longs[i + 1] if i + 1 < n else 0.0
        row[21] = c3[i]
        row[22] = c8[i]
        row[23] = math.log1p(max(lo - i, i - hi, 0))
        row[24] = i < lo
        row[25] = i > hi
    if rule is not None:
        out[:, 26] = np.asarray(rule, float)
    if meta is not None:
        out[:, 27] = np.asarray(meta, float)
    if prose is not None:
        out[:, 28] = np.asarray(prose, float)
    return out
