"""What a batch worker needs, loaded once in the forkserver before it forks the workers.

``ProcessExecutor`` names this module in ``set_forkserver_preload``: the server process imports
it, then forks every worker from itself, so the workers start with these modules and read-only
tables already in memory, in pages they share with the server and with each other (until one of
them writes to a page) instead of each loading its own copy. Nothing here starts an engine, a
thread or opens a file that stays open: that is what makes forking from it safe.
"""

from __future__ import annotations

import contextlib


def warm() -> None:
    """Import the stages and their libraries; load the ISO language table tags use.

    Not py3langid's model: it takes 77 MB once loaded and is only loaded for an article whose
    language neither its page nor its stop words tell (``language.detect_language``)."""
    from . import (  # noqa: F401 - imported for their side effect: loaded once, shared
        claims,
        encode,
        extract,
        loudness,
        manifest,
        normalize,
        pipeline,
        segment,
        stitch,
        tag,
        transcripts,
    )

    for name in ("numpy", "mutagen.id3", "mutagen.mp3", "PIL.Image", "pysbd", "num2words"):
        with contextlib.suppress(ImportError):
            __import__(name)
    with contextlib.suppress(Exception):  # a table that does not load fails in the worker
        tag.iso639_2("en")


warm()
