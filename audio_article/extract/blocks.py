"""Blocks (a heading or a paragraph) and the filters HTML and Markdown share: boilerplate and
metadata lines out, repeats out, and the tail of the body peeled (next-story teasers, author bios,
promos, a press release's company paragraphs).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from ..models import Removed, Section
from .common import _EDGE, _INNER_STOP, _TERMINAL, _key, _lower, clean, strip_dateline
from .metadata import _MetaSink, match_meta
from .phrases import Phrases, match_rule

TEASER_MIN_WORDS = 6
"""A headline after the body with at least this many words can be the next story's teaser."""
MAX_TEASER_LEDE = 2
"""Paragraphs a teaser headline may carry (its lede)."""
MIN_BODY_LEFT = 3
"""Paragraphs that must remain before the tail checks drop anything."""


@dataclass
class Block:
    """A candidate piece of the article: a heading or a paragraph, with its input line."""

    kind: str  # "heading" | "para"
    text: str
    pos: int = -1
    """Index of the input line (copied text) or block it came from."""


def _peel_tail(
    blocks: list[Block], removed: list[tuple[int, Removed]], phrases: Phrases
) -> list[Block]:
    """Drop what follows articles: next story teasers, author bios, promos."""
    changed = True
    while changed:
        changed = False
        paras = [b for b in blocks if b.kind == "para"]
        if len(paras) <= MIN_BODY_LEFT:
            break
        last = blocks[-1]
        # Author bio as the last paragraph.
        if last.kind == "para" and any(r.search(last.text) for r in phrases.bio):
            removed.append((last.pos, Removed(last.text, "author bio")))
            blocks.pop()
            changed = True
            continue
        # A promo addressed to the reader.
        if (
            last.kind == "para"
            and len(last.text.split()) <= 80
            and any(r.search(last.text) for r in phrases.promo)
            and re.search(r"\b(?:you|your|us|our|we)\b", last.text, re.IGNORECASE)
        ):
            removed.append((last.pos, Removed(last.text, "promo after the body")))
            blocks.pop()
            changed = True
            continue
        # The next story's headline and lede: a long headline near the end, followed by at most
        # MAX_TEASER_LEDE paragraphs. Real section headings are shorter than headlines, and a body
        # rarely has exactly one heading just before its last paragraph.
        heads = [i for i, b in enumerate(blocks) if b.kind == "heading"]
        if not heads:
            break
        h = heads[-1]
        if h >= MIN_BODY_LEFT and _company_about(blocks[h:], phrases):
            for b in blocks[h:]:
                removed.append(
                    (b.pos, Removed(b.text, "company boilerplate after a press release"))
                )
            del blocks[h:]
            changed = True
            continue
        after = len(blocks) - h - 1
        words = len(blocks[h].text.split())
        others = [len(blocks[i].text.split()) for i in heads[:-1]]
        if (
            after <= MAX_TEASER_LEDE
            and h >= MIN_BODY_LEFT
            and words >= TEASER_MIN_WORDS
            and (not others or words >= max(others) + 4 or words >= 10)
            # a headline does not end with a full stop; a subheading that is a sentence may
            and not blocks[h].text.rstrip("\"'”’)»").endswith(".")
        ):
            removed.append(
                (blocks[h].pos, Removed(blocks[h].text, "teaser of another story (headline)"))
            )
            for b in blocks[h + 1 :]:
                removed.append((b.pos, Removed(b.text, "teaser of another story (lede)")))
            del blocks[h:]
            changed = True
    # A heading with nothing after it is not a section.
    while blocks and blocks[-1].kind == "heading":
        b = blocks.pop()
        removed.append((b.pos, Removed(b.text, "heading with no text after it")))
    return blocks


def _company_about(tail: list[Block], phrases: Phrases) -> bool:
    """ "About Northwind Health" / "Northwind Health is a nonprofit ...": the standard company
    paragraphs at the end of a press release, which name the company from the heading."""
    head, paras = tail[0], tail[1:]
    if not 1 <= len(paras) <= 4 or len(head.text.split()) > 8:
        return False
    m = next(
        (r.match(head.text.strip()) for r in phrases.about if r.match(head.text.strip())), None
    )
    if m is None:
        return False
    name = m.group("name").strip(_EDGE)
    words = name.split()
    if not words or not all(w[:1].isupper() or w[:1].isdigit() for w in words):
        return False  # "About the author", "About this story": other rules
    return paras[0].text.startswith(words[0]) or name in paras[0].text


def _sections(blocks: Sequence[Block]) -> tuple[Section, ...]:
    sections: list[Section] = []
    heading: str | None = None
    paras: list[str] = []
    for b in blocks:
        if b.kind == "heading":
            if paras or heading:
                sections.append(Section(heading, tuple(paras)))
            heading, paras = b.text, []
        else:
            paras.append(b.text)
    if paras or heading:
        sections.append(Section(heading, tuple(paras)))
    return tuple(s for s in sections if s.paragraphs)


def filter_blocks(
    blocks: Sequence[Block],
    title: str,
    phrases: Phrases,
    sink: _MetaSink,
    removed: list[tuple[int, Removed]],
) -> list[Block]:
    """The TTS filters shared by HTML and Markdown: boilerplate lines, metadata, repeats, tail."""
    out: list[Block] = []
    seen = {_key(_lower(title))}
    for i, block in enumerate(blocks):
        text = clean(block.text)
        if not text:
            continue
        meta = match_meta(text, phrases)
        rule = None if meta is not None else match_rule(strip_dateline(text)[0], phrases)
        if rule is not None:
            if rule.reason in _SIGNUP_REASONS:
                _drop_signup_box(out, removed)
            if rule.ends_body and len(out) >= 2 and _ends_here(out, blocks[i + 1 :]):
                for rest in blocks[i:]:
                    removed.append((rest.pos, Removed(clean(rest.text), rule.reason)))
                break
            removed.append((block.pos, Removed(text, rule.reason)))
            continue
        if meta is not None:
            sink.add(meta)
            removed.append((block.pos, Removed(text, meta.reason)))
            continue
        key = _key(_lower(text))
        # A short line said twice is a pull quote or page chrome; a long paragraph given twice
        # is kept (the real-page sets have such pages and count both).
        if key in seen and (key == _key(_lower(title)) or len(text.split()) <= 20):
            why = "title repeated" if key == _key(_lower(title)) else "repeated line"
            removed.append((block.pos, Removed(text, why)))
            continue
        seen.add(key)
        if block.kind == "para" and _all_caps_promo(text):
            removed.append((block.pos, Removed(text, "promo link (a paragraph in capitals)")))
            continue
        if block.kind == "para" and not out:
            text, dateline = strip_dateline(text)
            if dateline:
                removed.append((block.pos, Removed(dateline, "dateline")))
        out.append(Block(block.kind, text, block.pos))
    return _peel_tail(out, removed, phrases)


def _ends_here(before: list[Block], after: Sequence[Block]) -> bool:
    """A line that usually ends an article ("Copyright", "Related stories") ends this one only
    if less text follows it than came before: an extractor's body is mostly article, and a
    label with most of the text after it is inside the article (a draft's copyright notice)."""
    words_after = sum(len(b.text.split()) for b in after if b.kind == "para")
    return words_after <= sum(len(b.text.split()) for b in before)


_SIGNUP_REASONS = ("newsletter sign-up fine print", "newsletter or membership appeal")


def _drop_signup_box(out: list[Block], removed: list[tuple[int, Removed]]) -> None:
    """A newsletter box before its sign-up fine print: the newsletter's name (a short line
    without a full stop) and its one-sentence pitch ("Playbook" / "The unofficial guide to
    official Washington, every morning."). A body paragraph is not preceded by such a name."""
    if len(out) < 4:
        return
    name, pitch = out[-2], out[-1]
    if (
        len(name.text.split()) <= 4
        and not _TERMINAL.search(name.text)
        and len(pitch.text.split()) <= 25
        and not _INNER_STOP.search(pitch.text)
    ):
        for b in (name, pitch):
            removed.append((b.pos, Removed(b.text, "newsletter box (name and pitch)")))
        del out[-2:]


def _all_caps_promo(text: str) -> bool:
    """A paragraph in capitals ("MISSING HIKERS IN NATIONAL PARKS: WHAT TO KNOW") is a link to
    another story or a sign-up prompt: body text is not set in capitals."""
    if len(text.split()) < 5:
        return False
    letters = 0
    for c in text:  # (stops at the first small letter: a paragraph's second character)
        if c.isalpha():
            if not c.isupper():
                return False
            letters += 1
    return letters >= 20
