"""Which 8-bit encoding a text file is in, when its bytes alone do not say.

charset-normalizer is good at telling families apart (Cyrillic, CJK, Greek...) but not at
telling code pages apart on short texts: "C'est très bien" saved as Latin-1 is, for it, as
likely cp1250 ("trčs") or Big5 as cp1252, and it picks one among ties. So its verdict is taken
alone only on 4 KB or more, when it is unambiguous (no candidate about as good decodes the bytes
differently) and the bytes are not mostly UTF-8. Otherwise the candidates (its best ones,
cp1252, latin-1, and UTF-8 with its invalid bytes read as cp1252) are scored by a
character-bigram model of real words and the most plausible one wins.

Why a hand-made model: no library on PyPI scores "how much does this look like words of some
language" for short strings (langid-style classifiers ignore n-grams they have not seen, which
favours the garbled text). The model is trained on jusText's stop-word lists (the most frequent
words of 100 languages, from Wikipedia; jusText comes with trafilatura), one bigram table per
language, and a text is scored under the language that explains it best. Held out on Universal
Dependencies test sentences (``benchmarks/charset_heldout.py``: 13 languages, 25 code pages,
one to three sentences each) it decodes 96.0 % right, charset-normalizer alone 75.3 %.
"""

from __future__ import annotations

import contextlib
import math
import operator
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

# Tokens: runs of anything but white space, digits and punctuation that any text may hold
# (ASCII, the dashes and quotes of U+2010-U+205E, guillemets, inverted marks), so that every
# other non-ASCII character (letters, marks, symbols, mojibake) is scored in its context, and
# a real text's curly quotes cost nothing ("“Smart” café’s", not "ìSmartî cafÈís").
_WORD = re.compile(r"[^\s0-9!-/:-@\[-`{-~\u2010-\u205e\u00ab\u00bb\u00a1\u00bf]+")
_SAMPLE_CHARS = 5_000
"""Scoring looks at the lines holding non-ASCII characters, up to this many characters."""
_SURE_BYTES = 4096
"""charset-normalizer's verdict on this much text is taken even when it named no language."""
_TIE_CHAOS = 0.01
_TIE_COHERENCE = 0.1


@dataclass(frozen=True)
class Guess:
    """An encoding chosen for some bytes, and how it was chosen."""

    encoding: str
    text: str
    confidence: float
    """0-1: for the language model, the share of probability the winner has over the
    candidates that decode differently; for charset-normalizer, 1 minus its chaos."""
    method: str
    """``"charset-normalizer"`` or ``"language model"``."""
    runner_up: str | None = None

    def note(self) -> str:
        """How it was chosen, for ``clean --explain``."""
        how = f"{self.method}, {self.confidence:.0%} sure"
        return f"{how}; next best {self.runner_up}" if self.runner_up else how


@dataclass(frozen=True)
class _Models:
    """Add-one-smoothed character-bigram models, one per jusText language, stored sparsely:
    for each bigram, the languages that have it and how much better than unseen it is there."""

    names: tuple[str, ...]
    floor: np.ndarray
    """Per language: the log-probability of an unseen bigram (well below the rarest seen)."""
    typical: np.ndarray
    """Per language: the median log-probability of a seen bigram, the score of a bigram of a
    script no stop-word list covers (Chinese, Japanese): neither confirmed nor refuted."""
    seen: dict[str, tuple[np.ndarray, np.ndarray]]
    """bigram -> (language indexes, log-probability minus that language's floor)."""


@lru_cache(maxsize=1)
def _models() -> _Models:
    import justext

    names = tuple(sorted(justext.get_stoplists()))
    floor, typical = np.zeros(len(names)), np.zeros(len(names))
    seen: dict[str, tuple[list[int], list[float]]] = {}
    for i, name in enumerate(names):
        # all words at once, each as "^word$", then the two bigrams across a space dropped
        joined = " ".join(f"^{w.lower()}$" for w in justext.get_stoplist(name))
        counts = Counter(map(operator.add, joined, joined[1:]))
        del counts["$ "], counts[" ^"]
        denom = sum(counts.values()) + len(counts) + 1
        floor[i] = math.log(1 / denom) - math.log(50)
        logp = {bg: math.log((c + 1) / denom) for bg, c in counts.items()}
        typical[i] = sorted(logp.values())[len(logp) // 2]
        for bg, value in logp.items():
            langs, gains = seen.setdefault(bg, ([], []))
            langs.append(i)
            gains.append(value - floor[i])
    arrays = {bg: (np.array(a, dtype=np.intp), np.array(b)) for bg, (a, b) in seen.items()}
    return _Models(names, floor, typical, arrays)


def _bigrams(word: str) -> list[str]:
    padded = f"^{word}$"
    return [padded[i : i + 2] for i in range(len(padded) - 1)]


def _sample(text: str) -> list[str]:
    """The bigrams scoring looks at: words on lines that hold non-ASCII characters."""
    lines = [line for line in text.splitlines() if not line.isascii()] or [text]
    out: list[str] = []
    size = 0
    for line in lines:
        for word in _WORD.findall(line.lower()):
            out += _bigrams(word)
        size += len(line)
        if size > _SAMPLE_CHARS:
            break
    return out


def plausibility(text: str) -> tuple[float, int, str]:
    """(mean log-probability per bigram under the best language, bigrams scored, language).

    A mean, not a sum: decodings of the same bytes differ in length (a multi-byte code page
    makes fewer characters), and a sum would favour the shorter, whatever it says. Control and
    unassigned characters (latin-1's C1 codes) score as unseen bigrams twice over.
    """
    grams = _sample(text)
    if not grams:
        return -math.inf, 0, ""
    head = text[: _SAMPLE_CHARS * 2]
    odd = (
        sum(1 for c in head if _unlikely(c))
        + len(_PUNCT_IN_WORD.findall(head))
        + sum(1 for a, b in zip(head, head[1:], strict=False) if b.isupper() and a.islower())
    )
    models = _models()
    unmodelled = 0
    total = np.zeros(len(models.names))
    for gram, count in Counter(grams).items():
        if _UNMODELLED.fullmatch(gram):
            unmodelled += count
        elif gram in models.seen:
            langs, gains = models.seen[gram]
            total[langs] += count * gains
    modelled = len(grams) - unmodelled
    total += models.floor * (modelled + 2 * odd) + models.typical * unmodelled
    best = int(np.argmax(total))
    return float(total[best]) / len(grams), len(grams), models.names[best]


# Han, kana and CJK punctuation (with a word edge): scripts jusText has no stop words for.
_UNMODELLED = re.compile(r"[\^\u3000-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]{1,2}\$?")


# Signs of a wrong decoding the bigrams cannot see: a dash or quote between two letters
# ("Gr—ße"; the apostrophe and hyphens are fine), a capital right after a small letter
# inside a word ("ÈíS", Greek read as KOI8-R: "лэКИ").
_PUNCT_IN_WORD = re.compile(r"(?<=[^\W\d_])[\u2012-\u2018\u201a-\u205e\u00ab\u00bb](?=[^\W\d_])")


def _unlikely(char: str) -> bool:
    return unicodedata.category(char) in ("Cc", "Cn", "Co", "Cs") and char not in "\t\n\r\f"


def _utf8_mixed(data: bytes) -> str:
    """UTF-8 with each invalid byte read as cp1252 (a UTF-8 file with a few pasted bytes)."""
    out: list[str] = []
    i = 0
    while i < len(data):
        try:
            out.append(data[i:].decode("utf-8"))
            break
        except UnicodeDecodeError as exc:
            out.append(data[i : i + exc.start].decode("utf-8"))
            bad = data[i + exc.start : i + exc.end]
            out.append(bad.decode("cp1252", errors="replace"))
            i += exc.end
    return "".join(out)


_UTF8_SEQUENCE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)


def _has_utf8_sequences(data: bytes) -> bool:
    """Mostly valid UTF-8 multi-byte characters: a UTF-8 file with a few stray bytes, maybe."""
    high = sum(1 for b in data if b >= 0x80)
    valid = sum(len(m) for m in _UTF8_SEQUENCE.findall(data))
    return high > 0 and valid >= 0.5 * high


def guess(data: bytes) -> Guess | None:
    """The encoding of ``data`` (not valid UTF-8, no BOM), or None if nothing decodes it."""
    from charset_normalizer import from_bytes

    matches = list(from_bytes(data))
    best = matches[0] if matches else None
    if best is not None:
        tied = [
            m
            for m in matches
            if m.chaos <= best.chaos + _TIE_CHAOS and m.coherence >= best.coherence - _TIE_COHERENCE
        ]
        mixed_utf8 = _has_utf8_sequences(data)
        sure = len(data) >= _SURE_BYTES
        if len({str(m) for m in tied}) == 1 and sure and not mixed_utf8:
            return Guess(best.encoding, str(best), round(1 - best.chaos, 3), "charset-normalizer")
        contenders = [(m.encoding, str(m)) for m in (tied if len(tied) > 1 else matches[:5])]
    else:
        contenders = []
    western = ["latin-1", "cp1252"]
    if any(0x80 <= b <= 0x9F for b in data):
        western.reverse()  # C1 bytes: cp1252's quotes and dashes, not latin-1's control codes
    candidates: dict[str, str] = {}  # text -> encoding: the first name for a decoding wins
    for name in western:
        with contextlib.suppress(UnicodeDecodeError):  # latin-1 decodes anything; cp1252 not
            candidates.setdefault(data.decode(name), name)
    candidates.setdefault(_utf8_mixed(data), "utf-8+cp1252")
    for name, text in contenders:
        candidates.setdefault(text, name)
    if not candidates:
        return None
    scored = []
    for text, name in candidates.items():
        mean, count, _ = plausibility(text)
        scored.append((mean, count, name, text))
    scored.sort(key=lambda s: s[0], reverse=True)
    top, count, name, text = scored[0]
    # the winner's share of the probability: a softmax over log-likelihoods, each candidate's
    # mean taken over the winner's number of bigrams so that lengths compare
    share = 1 / sum(math.exp(max((mean - top) * count, -700.0)) for mean, *_ in scored)
    runner = scored[1][2] if len(scored) > 1 else None
    return Guess(name, text, round(share, 3), "language model", runner)
