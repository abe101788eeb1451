"""Which 8-bit encoding a text file is in, when its bytes alone do not say.

charset-normalizer is good at telling families apart (Cyrillic, CJK, Greek...) but not at
telling Western code pages apart on short texts: "C'est très bien" saved as Latin-1 is, for
it, as likely cp1250 ("trčs") or Big5 as cp1252, and it picks one at random among ties. So its
verdict is taken only when it is unambiguous (no other candidate about as good that decodes the
bytes differently). Otherwise the candidates (its tied ones, cp1252, latin-1, and UTF-8 with its
invalid bytes read as cp1252) are scored by a character-bigram model of real words and the
most plausible one wins.

Why a hand-made model: no library on PyPI scores "how much does this look like words of some
language" for short strings (langid-style classifiers ignore n-grams they have not seen, which
favours the garbled text). The model is trained on jusText's stop-word lists (the ~400 most
frequent words of 100 languages, from Wikipedia; jusText comes with trafilatura), one bigram
table per language, and a text is scored under the language that explains it best.
"""

from __future__ import annotations

import contextlib
import math
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

# Tokens: runs of anything but white space, ASCII digits and ASCII punctuation, so that every
# non-ASCII character (letters, marks, curly quotes, mojibake) is scored in its context.
_WORD = re.compile(r"[^\s0-9!-/:-@\[-`{-~]+")
_SAMPLE_CHARS = 20_000
"""Scoring looks at the lines holding non-ASCII characters, up to this many characters."""
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
class _Model:
    logp: dict[str, float]
    floor: float


@lru_cache(maxsize=1)
def _models() -> dict[str, _Model]:
    """One add-one-smoothed character-bigram model per jusText language."""
    import justext

    models: dict[str, _Model] = {}
    for name in sorted(justext.get_stoplists()):
        counts: Counter[str] = Counter()
        for word in justext.get_stoplist(name):
            counts.update(_bigrams(word.lower()))
        total = sum(counts.values())
        vocab = len(counts) + 1
        denom = total + vocab
        models[name] = _Model(
            logp={bg: math.log((c + 1) / denom) for bg, c in counts.items()},
            floor=math.log(1 / denom) - math.log(50),  # unseen: well below the rarest seen
        )
    return models


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
    odd = sum(1 for c in text[: _SAMPLE_CHARS * 2] if _unlikely(c))
    if not grams:
        return -math.inf, 0, ""
    best, best_name = -math.inf, ""
    for name, model in _models().items():
        logp, floor = model.logp, model.floor
        score = (sum(logp.get(g, floor) for g in grams) + 2 * floor * odd) / len(grams)
        if score > best:
            best, best_name = score, name
    return best, len(grams), best_name


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
        if len({str(m) for m in tied}) == 1 and not mixed_utf8:
            return Guess(best.encoding, str(best), round(1 - best.chaos, 3), "charset-normalizer")
        contenders = [(m.encoding, str(m)) for m in tied]
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
