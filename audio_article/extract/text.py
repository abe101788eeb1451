"""Copied page text -> ``Article``: the body run (``body``), its title (``title``), and every
other line either read (standfirst, section headings, lists) or recorded as removed, with why.
"""

from __future__ import annotations

from dataclasses import replace

from ..errors import InputError
from ..models import Article, Removed, Section, Source
from .blocks import Block, _peel_tail, _sections
from .body import _best_run, _listed
from .common import (
    _BULLET_MARK,
    _COLON_END,
    _TERMINAL,
    NO_BODY,
    WORDS,
    _fallback_title,
    _in_order,
    _key,
    _lower,
    strip_dateline,
)
from .marks import _caption_like, _classify, _credit_like, _Line, _stems
from .metadata import _TIME_ONLY, _MetaSink, bare_name
from .phrases import Phrases, guess_language
from .title_text import find_title
from .title_text import is_dek as _is_dek
from .unwrap import unwrap

MAX_HEADING_WORDS = 15
"""Longest section heading inside a body."""


def _prev_line(lines: list[_Line | None], i: int) -> _Line | None:
    return next((x for x in reversed(lines[:i]) if x is not None), None)


def _next_line(lines: list[_Line | None], i: int) -> _Line | None:
    for ln in lines[i + 1 :]:
        if ln is not None and ln.rule is None:
            return ln
    return None


LAST_RESORT_WORDS = 8
"""No run of sentences found: lines of at least this many words (not boilerplate, not metadata)
are read, if together they make a text (``LAST_RESORT_MIN`` words); else nothing is an article."""
LAST_RESORT_MIN = 12


def _longest_lines(source: Source, lines: list[_Line | None]) -> Article:
    """The page's long lines as the body, when nothing on it reads as a run of paragraphs (a
    one-paragraph page, a numbered list, lyrics): better read than refused."""
    keep = [ln for ln in lines if ln is not None and ln.plain and ln.words >= LAST_RESORT_WORDS]
    if sum(ln.words for ln in keep) < LAST_RESORT_MIN:
        raise InputError(source.path, NO_BODY)
    kept = {id(ln) for ln in keep}
    sink = _MetaSink()
    removed: list[Removed] = []
    for ln in lines:
        if ln is None or id(ln) in kept:
            continue
        if ln.meta is not None:
            sink.add(ln.meta)
        reason = ln.rule.reason if ln.rule else ln.meta.reason if ln.meta else None
        removed.append(Removed(ln.text, reason or "short line (no paragraphs on the page)"))
    paras = tuple(_BULLET_MARK.sub("", ln.text) or ln.text for ln in keep)
    return Article(
        title=_fallback_title(source),
        sections=(Section(None, paras),),
        metadata=sink.metadata(language=guess_language("\n".join(paras))),
        removed=tuple(removed),
    )


def _text_article(source: Source, phrases: Phrases) -> Article:
    lines = _classify(unwrap(source.text).split("\n"), phrases)
    run = _best_run(lines)
    if run is None:
        return _longest_lines(source, lines)
    start, end = run
    t = find_title(lines, start, phrases, end)
    sink = _MetaSink()
    removed: list[tuple[int, Removed]] = []
    title = ""
    if t is not None:
        title = lines[t].text  # type: ignore[union-attr]
        if t >= start:
            start = next((i for i in range(t + 1, end + 1) if lines[i] and lines[i].prose), end + 1)
    title_at = -1 if t is None else t
    # An author line without "By" ("Emily Peck"): a bare name between the headline and the body.
    author_at = -1
    # "By Kasha Patel" / "and" / "Naema Ahmed": a byline that the page's layout split in lines.
    co_authors: dict[int, str] = {}
    present = [j for j, x in enumerate(lines) if x is not None]
    for k, j in enumerate(present[:-2]):
        ln = lines[j]
        if ln is None or ln.meta is None or ln.meta.kind != "byline":
            continue
        joiner, name = lines[present[k + 1]], lines[present[k + 2]]
        if (
            joiner is not None
            and name is not None
            and joiner.text.lower() in ("and", "&")
            and bare_name(name.text, phrases)
        ):
            co_authors[present[k + 1]] = co_authors[present[k + 2]] = name.text
            ln.meta = replace(ln.meta, value=f"{ln.meta.value} and {name.text}")
        break
    if t is not None:
        seen_prose = seen_lines = 0
        for j in range(t + 1, len(lines)):
            ln = lines[j]
            if ln is None:
                continue
            seen_lines += 1
            seen_prose += ln.prose
            if seen_prose >= 2 or seen_lines > 10:
                break  # the body has begun: a name here is a person in the story
            if ln.plain and not ln.prose and bare_name(ln.text, phrases):
                author_at = j
                break
    seen: set[str] = {_key(_lower(title))} if title else set()
    # Paragraphs (and the title): a short line found inside one is a pull quote; a short line
    # found inside an earlier list item is a heading announced by a digest ("Key developments").
    seen_para: set[str] = set(seen)
    blocks: list[Block] = []
    list_mode = False
    toc, toc_headings = _table_of_contents(lines, title_at + 1, end)
    list_heads, list_items = _listed(lines)
    for i, ln in enumerate(lines):
        if ln is None or i == title_at:
            continue
        text = ln.text
        if start < i < end and i in list_heads:
            blocks.append(Block("heading", text, i))
            continue
        nxt_line = _next_line(lines, i)
        if (
            start < i < end
            and i in list_items
            and not (nxt_line is not None and nxt_line.prose and text[:1].isalpha())
        ):
            # (the last short line before the paragraphs, if a word, is a heading: "Method")
            blocks.append(Block("para", _BULLET_MARK.sub("", text) or text, i))
            continue
        if ln.meta is not None:
            sink.add(ln.meta)
        if ln.rule is not None and start < i < end and _body_label(lines, i):
            blocks.append(Block("heading", text, i))
            continue
        if ln.rule is not None or ln.meta is not None:
            reason = ln.rule.reason if ln.rule is not None else ln.meta.reason  # type: ignore[union-attr]
            removed.append((i, Removed(text, reason)))
            continue
        if i == author_at or i in co_authors:
            removed.append((i, Removed(text, "byline (metadata, a name line)")))
            continue
        if i < title_at or (t is None and i < start):
            removed.append((i, Removed(text, "page header or navigation (before the title)")))
            continue
        if i > end:
            reason = (
                "text after the body (bio, promo or other stories)"
                if ln.prose
                else "related headlines after the body"
            )
            removed.append((i, Removed(text, reason)))
            continue
        if i < start:
            prev = _prev_line(lines, i)
            last_before_body = _next_line(lines, i) is lines[start]
            if (
                last_before_body
                and prev is not None
                and prev is not lines[title_at]
                and prev.plain
                and not prev.prose
                and 1 <= prev.words <= 4
                and _credit_like(prev.text)
                and _caption_like(ln)
            ):
                removed.append((i, Removed(text, "image caption (after a credit line)")))
            elif (ln.prose and ln.words >= 6) or _is_dek(ln, phrases):
                blocks.append(Block("para", text, i))  # a standfirst (dek) belongs to the story
            elif (
                last_before_body
                and prev is not None
                and _TIME_ONLY.match(prev.text)
                and ln.words <= MAX_HEADING_WORDS
                and text[:1].isalnum()
                and not _TERMINAL.search(text)
            ):
                # A live blog: "17.45 GMT" / "Closing summary" / first entry.
                blocks.append(Block("heading", text, i))
            else:
                removed.append((i, Removed(text, "page header line (between title and body)")))
            continue
        if i in toc:
            removed.append((i, Removed(text, "table of contents (the heading follows below)")))
            continue
        key = _key(_lower(text))
        if i in toc_headings and key not in seen:
            seen.add(key)
            blocks.append(Block("heading", text, i))
            continue
        if key in seen or (
            ln.words <= 40
            and len(key) >= 20
            and any(key in k for k in (seen if ln.prose else seen_para))
        ):
            removed.append((i, Removed(text, "repeated line (pull quote or duplicate)")))
            continue
        if ln.prose:
            seen.add(key)
            seen_para.add(key)
            blocks.append(Block("para", text, i))
            list_mode = bool(_COLON_END.search(text))
            continue
        nxt = _next_line(lines, i)
        if ln.bullet or list_mode:
            seen.add(key)
            blocks.append(Block("para", _BULLET_MARK.sub("", text) or text, i))
            list_mode = True
            continue
        after = next((x for x in lines[i + 1 :] if x is not None), None)
        if (
            ln.words <= MAX_HEADING_WORDS
            and nxt is not None
            # A section does not open with an ad break: a line before one is a promo teaser.
            and not (
                after is not None
                and after.rule is not None
                and after.rule.reason == "advertisement"
            )
            and (nxt.prose or nxt.bullet)
            and (text[:1].isalnum() or text[:1] in "\"'“‘¿¡")
        ):
            if _named_caption(text, blocks):
                removed.append(
                    (i, Removed(text, "image caption (a person and what the story said)"))
                )
                continue
            seen.add(key)
            blocks.append(Block("heading", text, i))
            continue
        removed.append((i, Removed(text, "short line inside the body (not a sentence)")))
    # The dateline opens the first paragraph, or the second after a standfirst that is a sentence.
    for first in [b for b in blocks if b.kind == "para" and b.pos >= start][:2]:
        new, dateline = strip_dateline(first.text)
        if dateline:
            first.text = new
            removed.append((first.pos, Removed(dateline, "dateline")))
            break
    if author_at >= 0 and "byline" not in sink.values:
        sink.values["byline"] = lines[author_at].text  # type: ignore[union-attr]
    blocks = _peel_tail(blocks, removed, phrases)
    sections = _sections(blocks)
    if not sections:
        return _longest_lines(source, lines)
    if not title:
        title = _fallback_title(source)
    language = guess_language("\n".join(b.text for b in blocks))
    return Article(
        title=title,
        sections=sections,
        metadata=sink.metadata(language=language),
        removed=_in_order(removed),
    )


def _named_caption(text: str, blocks: list[Block]) -> bool:
    """A photo caption between paragraphs: "Sarah Pengelly with the bottle she found near
    Padstow" - a person's name, then a lower-case word, no final stop, and nothing that the
    paragraphs before have not said. (A section heading names what comes next.)"""
    words = text.split()
    if not 6 <= len(words) <= 20 or _TERMINAL.search(text):
        return False
    name = words[:2]
    if not all(w[:1].isupper() and w.isalpha() and w[1:].islower() for w in name):
        return False
    if not words[2][:1].islower() or words[2].lower() in _FUNCTION_START:
        return False
    rest = words[2:]
    if sum(w[:1].isupper() for w in rest) > 0.25 * len(rest):
        return False  # Title Case: a heading ("Ukrainian Operations in the Russian Federation")
    # The paragraphs just before (a bounded look-back keeps long pages linear).
    earlier = [b.text for b in blocks[-CAPTION_LOOKBACK:] if b.kind == "para"]
    if not earlier:
        return False
    new = _stems(text) - _stems(" ".join(earlier))
    return len(new) <= 1


CAPTION_LOOKBACK = 20
"""Blocks before a caption-like line whose words it may repeat."""

# Words after two capitalized ones that make a heading, not a caption ("Labour is ...").
_FUNCTION_START = frozenset(WORDS["heading_after_name"])


def _body_label(lines: list[_Line | None], i: int) -> bool:
    """A label of the related-links kind that introduces sentences ("In other news:" / two
    paragraphs) inside the body is a heading of the story: a links box lists headlines."""
    ln = lines[i]
    if ln is None or ln.rule is None or ln.rule.reason != "related headlines after the body":
        return False
    if not _COLON_END.search(ln.text) or ln.words > 5:
        return False
    nxt = [x for x in lines[i + 1 :] if x is not None][:2]
    return len(nxt) == 2 and all(x.prose and x.plain and x.words >= 8 for x in nxt)


def _table_of_contents(lines: list[_Line | None], lo: int, hi: int) -> tuple[set[int], set[int]]:
    """A table of contents: short lines in the body that come back, later in the body, each
    right before a paragraph - the first copy is the contents entry, the second the heading.
    (Dropping the second as a repeat would lose the headings and read the list.)"""
    where: dict[str, list[int]] = {}
    for i in range(max(lo, 0), min(hi, len(lines) - 1) + 1):
        ln = lines[i]
        if ln is not None and ln.plain and not ln.bullet and ln.words <= MAX_HEADING_WORDS:
            where.setdefault(_key(_lower(ln.text)), []).append(i)
    entries: set[int] = set()
    headings: set[int] = set()
    for key, at in where.items():
        if len(at) < 2 or not key:
            continue
        nxt = _next_line(lines, at[-1])
        if nxt is not None and nxt.prose and nxt.words > lines[at[-1]].words:  # type: ignore[union-attr]
            entries.update(at[:-1])
            headings.add(at[-1])
    # One repeated line is a pull quote or a slip; a contents list names two sections or more.
    if len(headings) < 2:
        return set(), set()
    return entries, headings
