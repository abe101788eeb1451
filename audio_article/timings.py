"""Word timings on the written text, and the ``<stem>.timings.json`` sidecar the episode page reads.

The engine reports when it began each word of the *spoken* text ("December twenty-sixth", "Keev",
"H.U.R"); a reader sees the *written* one ("Dec. 26", "Kyiv", "HUR"). ``written_word_starts``
aligns the two word sequences with ``difflib.SequenceMatcher`` (the standard library's
longest-matching-block alignment) on case- and punctuation-folded words: words the normalizer left
alone anchor the alignment, and each run of rewritten words takes the times of the spoken words
that replaced it, spread over it in order. No rule table of our own, so every normalization rule
and lexicon entry (present and future) is covered without a mapping kept beside it.

The sidecar (version 1) holds, per spoken cue (the same cues, in the same order, as the VTT):
``start``/``end`` (ms), ``kind``, ``paragraph``, ``section``, ``text`` (the written text,
whitespace collapsed) and ``words``: the start of each whitespace-separated word of ``text``, in
ms from the cue's start (empty when the engine reports no word timings).
"""

from __future__ import annotations

import difflib
import re
from typing import Any

from .models import Cue, Timeline

TIMINGS_VERSION = 1
_FOLD = re.compile(r"[\W_]+", re.UNICODE)


def _fold(word: str) -> str:
    return _FOLD.sub("", word.casefold())


def written_text(cue: Cue) -> str:
    """The cue's written text with whitespace collapsed (what the page and the VTT show)."""
    return " ".join(cue.segment.text.split())


def written_word_starts(cue: Cue) -> tuple[float, ...]:
    """When each whitespace-separated word of the cue's written text begins (ms, episode time).

    Empty when the engine reported no words. Always non-decreasing, within the cue.
    """
    if not cue.words:
        return ()
    written = cue.segment.text.split()
    spoken = cue.segment.spoken
    heard = [_fold(spoken[w.start : w.end]) for w in cue.words]
    times = [w.start_ms for w in cue.words]
    starts: list[float | None] = [None] * len(written)
    matcher = difflib.SequenceMatcher(None, [_fold(w) for w in written], heard, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            for k in range(i2 - i1):
                starts[i1 + k] = times[j1 + k]
        elif op == "replace":  # the spoken run j1:j2 says the written run i1:i2
            for k in range(i2 - i1):
                starts[i1 + k] = times[j1 + k * (j2 - j1) // (i2 - i1)]
        elif op == "delete":  # written words not spoken as words ("—", "&"): with what follows
            for k in range(i1, i2):
                starts[k] = times[j1] if j1 < len(times) else None
    out: list[float] = []
    last = cue.start_ms
    for t in starts:
        last = min(max(last if t is None else t, last), cue.end_ms)
        out.append(last)
    return tuple(out)


def timings_json(timeline: Timeline) -> dict[str, Any]:
    """The page's view of the timeline: every spoken cue, its written words and their starts."""
    from .transcripts import spoken_cues

    cues = []
    for cue in spoken_cues(timeline):
        seg = cue.segment
        start = round(cue.start_ms)
        cues.append(
            {
                "start": start,
                "end": round(cue.end_ms),
                "kind": seg.kind,
                "paragraph": seg.paragraph,
                "section": seg.section,
                "text": written_text(cue),
                "words": [round(t) - start for t in written_word_starts(cue)],
            }
        )
    return {"version": TIMINGS_VERSION, "duration": round(timeline.duration_ms), "cues": cues}
