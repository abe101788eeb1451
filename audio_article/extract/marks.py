"""Copied page text, line by line: each line classified (boilerplate phrase, metadata, prose,
bullet), and the lines whose meaning comes from their neighbours marked (photo captions after credits, the links of a related box, sponsor blocks,
membership appeals).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .common import (
    _BULLET,
    _COLON_END,
    _INNER_STOP,
    _TERMINAL,
    _WORD,
    WORDS,
    clean,
    strip_dateline,
    word_count,
)
from .metadata import Meta, match_meta
from .phrases import Phrases, Rule, is_prose, match_rule


@dataclass
class _Line:
    text: str
    rule: Rule | None = None
    meta: Meta | None = None
    prose: bool = False
    bullet: bool = False
    bio: bool = False
    """Reads like an author bio ("Jane Doe is a reporter at ..."): prose, but not the story's."""

    @property
    def words(self) -> int:
        return word_count(self.text)

    @property
    def plain(self) -> bool:
        """Neither boilerplate nor metadata."""
        return self.rule is None and self.meta is None


def _classify(lines: list[str], phrases: Phrases) -> list[_Line | None]:
    out: list[_Line | None] = []
    for raw in lines:
        text = clean(raw)
        if not text:
            out.append(None)
            continue
        ln = _Line(text)
        body_text, _ = strip_dateline(text)
        ln.meta = match_meta(text, phrases)
        if ln.meta is None:
            ln.rule = match_rule(body_text, phrases)
        ln.bullet = bool(_BULLET.match(text)) and ln.words >= 2
        ln.prose = ln.plain and is_prose(text, phrases)
        ln.bio = ln.prose and any(r.search(text) for r in phrases.bio)
        out.append(ln)
    _mark_boxes(out)
    return out


def _mark_boxes(lines: list[_Line | None]) -> None:
    """Lines that take their meaning from their neighbours.

    * A caption without a final full stop right after a photo credit ("Getty Images" /
      "Campaigners have held protests ...") is the photo's caption.
    * A short line between two lines of a related-links box ("list 2 of 4" / headline /
      "list 3 of 4") is one of its links, even when it reads as a question.
    """
    present = [ln for ln in lines if ln is not None]
    _mark_link_boxes(present)
    _mark_sponsor_blocks(present)
    _mark_appeal_boxes(present)
    for ln in present:
        if ln.plain and not ln.prose and not ln.bullet and _credited_caption(ln.text):
            ln.rule = _CAPTION_RULE
    for k, ln in enumerate(present):
        if not ln.plain or ln.bullet:
            continue
        prev = present[k - 1] if k else None
        nxt = present[k + 1] if k + 1 < len(present) else None
        if (
            _is_caption(prev)
            and prev is not None
            and 5 <= ln.words <= 30
            and prev.words >= 2  # "Photo" / "Video" alone are menu items, not credits
            and not _TERMINAL.search(ln.text)
            and not _COLON_END.search(ln.text)
            and prev.rule is not None
        ) or (
            ln.words <= 15
            and prev is not None
            and nxt is not None
            and prev.rule is not None
            and nxt.rule is not None
            and prev.rule.reason in _INLINE_CLOSERS
            and nxt.rule.reason in _INLINE_CLOSERS
        ):
            ln.rule, ln.prose = prev.rule, False
        elif (
            _is_caption(prev)
            and prev is not None
            and prev.words >= 2
            and 3 <= ln.words <= 15
            and not re.search(r"[.!?]\s", ln.text)
            and (nxt is None or not nxt.prose)
        ):
            # A one-sentence caption after a credit, with no paragraph going on after it.
            ln.rule, ln.prose = prev.rule, False
        elif (
            prev is not None
            and nxt is not None
            and prev.plain
            and not prev.prose
            and 1 <= prev.words <= 4
            and nxt.prose
            and _caption_like(ln)
            and _credit_like(prev.text)
            and sum(x is not None and x.prose for x in present[: k - 1]) >= 2
        ):
            # "Environment Agency" / "Dead fish were found along ...": a caption after a credit
            # that the data file does not know; the credit goes with it.
            ln.rule = prev.rule = _CAPTION_RULE
            ln.prose = prev.prose = False


_APPEAL_REASONS = ("newsletter or membership appeal", "admin link")


def _mark_appeal_boxes(present: list[_Line]) -> None:
    """A paragraph between two lines of a membership box ("Become a member" / "Our
    investigations take months ... Members make this work possible." / "Join our community")
    is the box's pitch, not the story."""
    for k in range(1, len(present) - 1):
        ln, prev, nxt = present[k], present[k - 1], present[k + 1]
        if not ln.prose or ln.words > 60 or prev.rule is None or nxt.rule is None:
            continue
        reasons = (prev.rule.reason, nxt.rule.reason)
        if all(r in _APPEAL_REASONS for r in reasons) and _APPEAL_REASONS[0] in reasons:
            ln.rule, ln.prose = (
                nxt.rule if nxt.rule.reason == _APPEAL_REASONS[0] else prev.rule,
                False,
            )


def _credited_caption(text: str) -> bool:
    """A photo caption ending in its credit after the full stop, with no final stop
    ("Governor Elvira Nabiullina at a press conference in Moscow. Kremlin.ru")."""
    if _TERMINAL.search(text) or not _INNER_STOP.search(text):
        return False
    head, _, tail = text.rpartition(". ")
    words, tail_words = head.split(), tail.split()
    if not 5 <= len(words) <= 40 or not 1 <= len(tail_words) <= 4 or not _credit_like(tail):
        return False
    lower = sum(w[:1].islower() for w in words[1:])
    return lower >= 0.3 * (len(words) - 1)


def _mark_link_boxes(present: list[_Line]) -> None:
    """A bare "Related" / "Read more" label inside the body: the short lines after it, up to
    the next paragraph, are its links - even a question or a headline cut off with "..."."""
    box: _Line | None = None  # the label of the links box we are in
    first = False
    prose_seen = 0
    for k, ln in enumerate(present):
        if (
            ln.rule is not None
            and ln.rule.reason in _INLINE_CLOSERS
            and ln.words <= 4
            and prose_seen >= 2
            and (box is None or ln.rule is not box.rule)
        ):
            box, first = ln, True
            continue
        if box is not None and ln.plain and not ln.bullet and ln.words <= 15:
            cut = ln.text.rstrip("\"'”’)").endswith(("...", "…"))
            nxt = present[k + 1] if k + 1 < len(present) else None
            # ...but a line right before the paragraph, after the box's first link, may be a
            # section heading ("Related" / two links / "A new target" / paragraph).
            heading = (
                not first
                and nxt is not None
                and nxt.prose
                and not ln.prose
                # A section heading is about its section; a link is about another story.
                # (loosely for a short line: a linked headline is long, a heading short)
                and _shares_words(
                    ln.text, [x.text for x in present[k + 1 : k + 4]], loose=ln.words <= 8
                )
            )
            if cut or (first and ln.text.endswith("?")) or (not ln.prose and not heading):
                ln.rule, ln.prose = box.rule, False
        first = False
        if ln.prose:
            box = None
            prose_seen += 1


_FUNCTION = frozenset(WORDS["function_words"])
_CALL_TO_ACTION = re.compile(r"(?:→|->|›|»|>>)\s*$")
SPONSOR_SPAN = 4
"""Lines an ad may hold between its label ("Sponsored by X") and its call to action."""


def _mark_sponsor_blocks(present: list[_Line]) -> None:
    """A sponsor message in a newsletter: "SPONSORED BY X" / pitch / "Try X free →". Everything
    between an advertisement label and a short call to action with an arrow is the ad (with no
    such closing line within a few lines, the label alone is dropped and the text stays)."""
    for k, ln in enumerate(present):
        if ln.rule is None or ln.rule.reason != "advertisement":
            continue
        span = present[k + 1 : k + 2 + SPONSOR_SPAN]
        end = next(
            (j for j, x in enumerate(span) if x.words <= 8 and _CALL_TO_ACTION.search(x.text)),
            None,
        )
        if end is None or end == 0:
            continue
        for x in span[: end + 1]:
            if (x.rule is None and x.meta is None) or x is span[end]:
                x.rule, x.prose, x.meta = ln.rule, False, None


def _stems(text: str) -> set[str]:
    """Content words, crudely stemmed (a plural -s off), for overlap tests."""
    out = set()
    for w in _WORD.findall(text.lower()):
        if len(w) >= 4 and w not in _FUNCTION:
            out.add(w[:-1] if w.endswith("s") and len(w) > 4 else w)
    return out


def _shares_words(text: str, others: list[str], loose: bool = False) -> bool:
    """Whether ``text`` shares a content word with ``others``; ``loose`` compares the words'
    first five letters, so that "protects" meets "protection" and "armor" meets "armored"."""
    if not loose:
        return bool(_stems(text) & _stems(" ".join(others)))
    return bool({w[:5] for w in _stems(text)} & {w[:5] for w in _stems(" ".join(others))})


def _caption_like(ln: _Line) -> bool:
    """A sentence-case line without a final stop, longer than a section heading."""
    words = ln.text.split()
    if not 8 <= len(words) <= 40 or _TERMINAL.search(ln.text) or _COLON_END.search(ln.text):
        return False
    lower = sum(w[:1].islower() for w in words[1:])
    return lower >= 0.5 * (len(words) - 1)


def _credit_like(text: str) -> bool:
    """Short, capitalized, no sentence punctuation: "Environment Agency", "Reuters/John Doe"."""
    words = text.split()
    return not re.search(r"[.!?:,;]$", text) and all(
        w[:1].isupper() or w[:1] in "/©" or w.lower() in ("of", "and", "the", "for", "via")
        for w in words
    )


_CAPTION_RULE = Rule(
    reason="image caption or photo credit (caption after a credit line)",
    exact=frozenset(),
    prefixes=(),
    regexes=(),
    max_words=0,
    ends_body=False,
)
_NUMERIC = re.compile(r"^(?:[-+−–]\s*[$€£¥]?\s*[\d.,]+%?|[$€£¥]?[\d,]*\.\d+%?|[\d.,]+\s*%)$")
_BOX_FILLERS = ("advertisement", "share/follow prompt")
_INLINE_CLOSERS = ("related headlines after the body", "'read also' link inside the body")


def _is_caption(ln: _Line | None) -> bool:
    return ln is not None and ln.rule is not None and ln.rule.reason.startswith("image caption")
