"""Where the body of a copied page is: the run of prose lines with the most words, joined with
neighbouring runs that an inline box cut off, and the lists and tables inside it.
"""

from __future__ import annotations

import re

from .common import _COLON_END, _TERMINAL
from .marks import _BOX_FILLERS, _INLINE_CLOSERS, _NUMERIC, _Line

MAX_GAP = 3
"""Non-prose, non-boilerplate lines allowed inside the body between two prose lines."""
LIST_GAP = 20
"""...or after a line ending with a colon (a list follows)."""
MERGE_GAP = 12
"""Lines between two prose runs that can still be one body (a score box, an inline promo)."""
MERGE_MIN_PROSE = 3
MERGE_MIN_WORDS = 35
"""A neighbouring run joins the body only if it has this many sentences and words: a next-story
teaser (headline + one lede) does not, the rest of an article cut by an inline box does."""

# Buttons copied together, with no space between them ("$1,499 at Google$1,499 at Amazon").
_GLUED_BUTTONS = re.compile(r"[a-z][$€£¥]\d")
_CELL_WORDS = ("admin link", "page chrome")
LIST_MIN_ITEMS = 3
"""Short lines under a heading inside the body that make a list or a table (not one line)."""
LIST_MAX_ITEM_WORDS = 10
LIST_MEAN_ITEM_WORDS = 6.0
"""Ingredients and table cells are short; the linked headlines of a box are not."""


def _listed(lines: list[_Line | None]) -> tuple[set[int], set[int]]:
    """(headings, items) of lists and tables inside the body: a heading-like line after a
    paragraph ("Ingredients", "How the major indexes closed"), then at least three short lines
    that are not sentences (ingredients, table cells copied one a line), then paragraphs again.
    A links box differs: its label is boilerplate and its headlines are long; a menu at the
    foot of the page differs: no paragraphs follow it."""
    heads: set[int] = set()
    items: set[int] = set()
    present = [i for i, x in enumerate(lines) if x is not None]
    k = 0
    prev: _Line | None = None  # the last line before ``h`` that is not boilerplate
    while k < len(present):
        h = present[k]
        ln = lines[h]
        k += 1
        before = prev
        if ln is not None and ln.rule is None:
            prev = ln
        if (
            ln is None
            or before is None
            or not before.prose
            or before.meta is not None
            or not ln.plain
            or ln.prose
            or ln.bullet
            or not 1 <= ln.words <= LIST_MAX_ITEM_WORDS
            or _TERMINAL.search(ln.text)
            or not ln.text[:1].isupper()
            or not any(c.islower() for c in ln.text)  # a ticker ("HG1"), not a heading
        ):
            continue
        run: list[int] = []
        m = k
        while m < len(present):
            x = lines[present[m]]
            assert x is not None
            if x.rule is not None and x.rule.reason in _BOX_FILLERS:
                m += 1
                continue
            if run and x.words == 1 and x.rule is not None and x.rule.reason in _CELL_WORDS:
                run.append(present[m])  # a table column named like a button ("Close")
                m += 1
                continue
            if (
                not x.plain
                or x.prose
                or x.words > LIST_MAX_ITEM_WORDS
                or _GLUED_BUTTONS.search(x.text)
            ):
                break
            run.append(present[m])
            m += 1
        after = [lines[j] for j in present[m : m + 4]]
        if (
            len(run) >= LIST_MIN_ITEMS
            and after
            and after[0] is not None
            and after[0].prose  # the list ends where the paragraphs go on
            and sum(lines[j].words for j in run) / len(run) <= LIST_MEAN_ITEM_WORDS  # type: ignore[union-attr]
            and sum(1 for x in after if x is not None and x.prose and not x.bio) >= 2
        ):
            heads.add(h)
            items.update(run)
            k = m
    return heads, items


def _best_run(lines: list[_Line | None]) -> tuple[int, int] | None:
    """(first, last) line index of the body: the run of prose with the most words, joined with
    neighbouring runs that an inline box (score card, "Related" links, promo) cut off."""
    heads, items = _listed(lines)
    listed = heads | items
    runs: list[list[int]] = []  # [score, first, last, prose lines]
    start = last = -1
    score = gap = prose = 0
    allowed = MAX_GAP

    def close() -> None:
        nonlocal start, score, prose
        if start >= 0:
            runs.append([score, start, last, prose])
        start, score, prose = -1, 0, 0

    for i, ln in enumerate(lines):
        if ln is None:
            continue
        if (ln.rule is not None and ln.rule.ends_body) or (
            ln.meta is not None and ln.meta.kind == "byline"
        ):
            close()  # a byline after prose opens the author box, not more article
            continue
        if start >= 0 and ln.rule is not None and ln.rule.reason == "wire-service credits":
            prose += 1  # "X contributed reporting." closes the article: the run before is its end
            continue
        if ln.prose:
            if start < 0:
                start = i
            last, gap = i, 0
            if not ln.bio:  # bios keep a run going but do not make it the article
                score += ln.words
                prose += 1
            allowed = LIST_GAP if _COLON_END.search(ln.text) else MAX_GAP
        elif (
            start >= 0
            and ln.plain
            and not ln.bullet
            and not _NUMERIC.match(ln.text)
            and i not in listed  # a list or table under a heading, more paragraphs after it
        ):
            gap += 1  # (a price box's numbers, "43.12" / "-1.91%", are not text between)
            if gap > allowed:
                close()
    close()
    if not runs:
        return None
    b = max(range(len(runs)), key=lambda k: runs[k][0])
    first, end = runs[b][1], runs[b][2]

    def joinable(lo: int, hi: int, other: list[int]) -> bool:
        between = [x for x in lines[lo + 1 : hi] if x is not None]
        if _listing(between, other):
            return True
        if len(between) > MERGE_GAP:
            return False
        if (
            lo == end
            and len(between) == 1
            and between[0].rule is not None
            and between[0].rule.reason == "related headlines after the body"
            and _COLON_END.search(between[0].text)
            and other[3] >= 2
        ):
            return True  # "In other news:" and sentences: the digest goes on (see _body_label)
        if other[3] < MERGE_MIN_PROSE or other[0] < MERGE_MIN_WORDS:
            # A short run: the last paragraphs of the article after an inline links box,
            # only when the box really is one (a label and its links) and it lists more than
            # one story or the run has more than one paragraph (a next-story teaser is one
            # headline and one lede).
            links = _inline_box(between)
            return lo == end and links > 0 and (links >= 2 or other[3] >= 2)
        for x in between:
            if x.meta is not None and x.meta.kind == "byline":
                return False
            if x.rule is not None and x.rule.ends_body and x.rule.reason not in _INLINE_CLOSERS:
                return False
        return True

    k = b + 1
    while k < len(runs) and joinable(end, runs[k][1], runs[k]):
        end = runs[k][2]
        k += 1
    k = b - 1
    while k >= 0 and joinable(runs[k][2], first, runs[k]):
        first = runs[k][1]
        k -= 1
    return first, end


LISTING_GAP = 80
"""Lines of a program listing or a data table (no sentence, no boilerplate, no metadata) that may
stand between two long runs of the same article."""


LISTING_SYMBOLS = 0.2
"""Share of a listing's characters that are digits or signs (code, a table of figures)."""
LISTING_RUN_WORDS = 10
"""Words of sentences a run across a listing must have to be joined (a paragraph, not a label)."""


def _listing(between: list[_Line], other: list[int]) -> bool:
    """``between`` is a code listing or a table set between paragraphs (the runs on both sides
    are the article's): only plain short lines, many of them symbols or digits."""
    if not 2 <= len(between) <= LISTING_GAP or other[0] < LISTING_RUN_WORDS:
        return False

    def symbols(text: str) -> int:
        return sum(not c.isalpha() and not c.isspace() for c in text)

    credits = 0
    for x in between:
        if x.meta is not None:
            credits += 1  # a chart's credit ("By The New York Times | Source: Reuters")
            if x.meta.kind not in ("byline", "date") or credits > 2:
                return False
        if (x.prose or x.bullet) and symbols(x.text) < 0.15 * len(x.text):
            return False  # a sentence or a list item, not code that looks like one
    chars = sum(len(x.text) for x in between)
    return chars > 0 and sum(symbols(x.text) for x in between) >= LISTING_SYMBOLS * chars


def _inline_box(between: list[_Line]) -> int:
    """Number of links in ``between`` if it is only an inline links box ("Read more:" /
    headline / date / "Advertisement"), else 0."""
    links = 0
    label = False
    for x in between:
        if x.rule is not None and x.rule.reason in _BOX_FILLERS:
            continue  # "Advertisement", "Share this article" inside the box
        if x.meta is not None and x.meta.kind in ("date", "updated") and label:
            continue
        closer = x.rule is not None and x.rule.reason in _INLINE_CLOSERS
        if not label:
            if not closer or x.words > 4:
                return 0
            label = True
            continue
        if (closer or x.plain) and not x.prose and not x.bullet and x.words <= 15:
            links += 1
            continue
        return 0
    return links
