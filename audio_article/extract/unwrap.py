"""Hard-wrapped text made into paragraphs again: a plain-text document (an RFC, a mailing-list
post, a Project Gutenberg book) breaks its lines at a fixed width, and a copy of it keeps the
breaks. Each line of a paragraph then reads as a fragment, not a sentence.

Written here because no maintained library unwraps: ``textwrap`` only wraps. The width is the
page's own: the commonest line length near which many lines end (60-100 characters); a line that
ends within a few words of it continues on the next line, unless the next line starts a list
item or is blank.
"""

from __future__ import annotations

import re
from collections import Counter

MIN_WIDTH, MAX_WIDTH = 50, 100
SLACK = 22
"""How far before the width a line may end and still have been broken by the wrap (one long
word moved to the next line)."""
PILE = 12
MIN_SHARE = 0.4
"""Share of the page's longer lines that must end within ``PILE`` characters of the width for
the page to be wrapped: a wrap piles line ends up against the margin, verse and lyrics spread
them."""

MIN_GOING_ON = 0.6
"""Share of the lines at the margin that end mid-sentence (no stop, or the next line goes on in
lower case)."""
_TERMINAL = re.compile(r"[.!?:;。！？][\"'”’»)\]]*$")
_ITEM = re.compile(r"^\s*(?:[-*•+o]\s|\d{1,3}(?:\.\d{1,3})*[.)]?\s|\[\d+\])")


def wrap_width(lines: list[str]) -> int | None:
    """The width the page was wrapped at, or None when its lines are not hard-wrapped."""
    lengths = [len(ln.rstrip()) for ln in lines if len(ln.strip()) >= 30]
    if len(lengths) < 10:
        return None
    counts = Counter(min(n, MAX_WIDTH + 1) for n in lengths)
    best = None
    for width in range(MIN_WIDTH, MAX_WIDTH + 1):
        near = sum(c for n, c in counts.items() if width - PILE <= n <= width)
        over = sum(c for n, c in counts.items() if n > width)
        if over <= 0.02 * len(lengths) and near >= MIN_SHARE * len(lengths):
            best = width
            break
    if best is None:
        return None
    # A wrap breaks sentences: many lines at the margin go on in lower case on the next line
    # (a page of one-line paragraphs or headlines of similar length does not).
    at_margin = [
        (a, b)
        for a, b in zip(lines, lines[1:], strict=False)
        if best - SLACK <= len(a.rstrip()) <= best and b.strip()
    ]
    going_on = sum(b.strip()[0].islower() or not _TERMINAL.search(a.rstrip()) for a, b in at_margin)
    return best if at_margin and going_on >= MIN_GOING_ON * len(at_margin) else None


def unwrap(text: str) -> str:
    """``text`` with the line breaks of a fixed-width wrap removed inside paragraphs."""
    lines = text.split("\n")
    width = wrap_width(lines)
    if width is None:
        return text
    out: list[str] = []
    joining = False
    for ln in lines:
        stripped = ln.strip()
        if joining and stripped and not _ITEM.match(stripped):
            out[-1] = out[-1].rstrip() + " " + stripped
        else:
            out.append(ln)
        joining = bool(stripped) and width - SLACK <= len(ln.rstrip()) <= width
    return "\n".join(out)
