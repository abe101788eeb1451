"""The headline of a copied page: the line that leads into the body (scored on what follows it,
its length and its punctuation), and the standfirst test it shares with HTML.
"""

from __future__ import annotations

from .common import _EDGE, _TERMINAL
from .marks import _is_caption, _Line
from .metadata import bare_name
from .phrases import Phrases


def _find_title(lines: list[_Line | None], start: int, phrases: Phrases) -> int | None:
    """Index of the headline that leads into the body starting at ``start``."""
    best: tuple[float, int] | None = None
    limit = min(len(lines), start + 4)
    for i in range(limit):
        ln = lines[i]
        if ln is None or not ln.plain or ln.bullet:
            continue
        # A final full stop only counts against a headline (scored below): some headlines are
        # two sentences ("I quit my job. Here's what I learned.").
        if not 2 <= ln.words <= 30 or ln.text.endswith((",", ";", ":")):
            continue
        after = [x for x in lines[i + 1 : i + 12] if x is not None][:5]
        before = next((x for x in reversed(lines[:i]) if x is not None), None)
        # Metadata lines (date, byline, reading time) right below: the strongest title signal.
        score = 3.0 if any(x.meta is not None for x in after) else 0.0
        if any(x.rule is not None for x in after[:3]):
            score += 1.0
        between = [x for x in lines[i + 1 : start] if x is not None]
        loose = [x for x in between if x.plain and not x.prose and not _is_dek(x, phrases)]
        if after and after[0].plain and _is_dek(after[0], phrases) and not _is_dek(ln, phrases):
            score += 1.0  # a headline followed by its standfirst
        if (
            i < start
            and len(between) <= 12
            and not any(x.prose and x.words < 10 for x in between)
            and len(loose) <= 3
            and all(x.words <= 6 for x in loose)
        ):
            score += 2.0
        if i >= start and score < 3.0:
            continue
        if ln.prose and i >= start:
            score -= 1.0
        if 5 <= ln.words <= 25:
            score += 1.0
        if ln.words >= 7:
            score += 0.5
        if ln.text.rstrip("\"'”’»)").endswith("."):
            score -= 2.5  # a quoted standfirst or a sentence; headlines rarely end with a stop
        score += 0.08 * min(ln.words, 20)  # the headline is the longest line of the page header
        if ln.words <= 2:
            score -= 1.5  # labels ("Contributing columnist"), rarely headlines
        if ln.words <= 3 and all(w[:1].isupper() for w in ln.text.split()):
            score -= 2.0  # a person's name (author line), not a headline
        elif ln.words > 3 and bare_name(ln.text, phrases):
            score -= 3.0  # a team of authors ("A, B, C, and D")
        # A line next to a photo credit is the photo's caption.
        if _is_caption(before) or _is_caption(after[0] if after else None):
            score -= 3.0
        score -= 0.05 * abs(start - i)
        if best is None or score > best[0]:
            best = (score, i)
    if best is None:
        return None
    # Headline first, standfirst second: a dek-like line right under a headline-like line of
    # similar length is the standfirst. (A kicker or section label above is much shorter;
    # a headline in quotes is still a headline, not a sentence.)
    i = best[1]
    prev_i = next((j for j in range(i - 1, -1, -1) if lines[j] is not None), None)
    cur, prev = lines[i], None if prev_i is None else lines[prev_i]
    if (
        prev is not None
        and cur is not None
        and prev.plain
        and (not prev.prose or _quoted_headline(prev.text))
        and not prev.bullet
        and prev.words >= max(4, cur.words // 2)
        and prev.words <= 30
        and not _TERMINAL.search(prev.text.strip("\"'“”‘’"))
        and _is_dek(cur, phrases)
    ):
        return prev_i
    return i


def _quoted_headline(text: str) -> bool:
    """A headline that is a quote ("'I found a message in a bottle'"): in quotes, no stop."""
    t = text.strip()
    return len(t) > 2 and t[0] in "\"'“‘" and t[-1] in "\"'”’" and not _TERMINAL.search(t[1:-1])


def _is_dek(ln: _Line, phrases: Phrases) -> bool:
    """A standfirst without a final full stop: long, with the stop words of a sentence."""
    words = ln.text.split()
    if len(words) < 10 or not phrases.stopwords:
        return len(words) >= 14
    return sum(w.lower().strip(_EDGE) in phrases.stopwords for w in words) / len(words) >= 0.15
