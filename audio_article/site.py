"""What the pages of one batch (a folder, a feed) have in common: the site's template.

A page alone cannot tell "VOGUE Abo" or "Why It Matters" from a line of its story; the pages of
a site side by side can: the template prints its lines on every page, a story is on one. Each
page is measured in a worker (``extract.site.page_lines``: its lines as keys), the batch counts
here which keys come back on another page (``shared_lines``), and each page's job drops the
lines it kept that others show too (``extract.site.drop_shared``).

Pages that tell one story (an update, agency copy that two sites print, two saves of one page)
share paragraphs that are the story's: such pages are not evidence against each other.

The counting is plain data; the text stages are imported only where a page is read
(``lines_of``, in a pool's workers): a batch's parent process does without them.
Measured in ``benchmarks/extract_site.py`` (figures in ``benchmarks/README.md``).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Hashable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple, TypeVar

if TYPE_CHECKING:
    from .batch import Executor

K = TypeVar("K", bound=Hashable)

SAME_STORY = 2
"""Two pages that share at least this many paragraphs ..."""
SAME_STORY_SHARE = 0.5
"""... making at least this share of the paragraphs of the page that has fewer, tell one story.
(A site's template has a paragraph or two of its own, a disclaimer, a sign-up pitch: pages
that share only those are two stories.)"""
TEMPLATE_PAGES = 50
"""A paragraph on more pages than this is the template's, not a story's (and it is not counted
pair by pair)."""


class PageLines(NamedTuple):
    """A page's lines as keys (``extract.site.line_key``), and those that read as paragraphs."""

    lines: frozenset[int]
    paragraphs: frozenset[int]


def shared_lines(pages: Mapping[K, PageLines]) -> dict[K, frozenset[int]]:
    """For each page, the keys of its lines that another page of ``pages`` shows too, leaving
    out the pages that tell the same story as this one."""
    holders: dict[int, list[K]] = defaultdict(list)
    for page, seen in pages.items():
        for key in seen.lines:
            holders[key].append(page)
    common: Counter[tuple[K, K]] = Counter()
    for page, seen in pages.items():
        for key in seen.paragraphs:
            others = holders[key]
            if 1 < len(others) <= TEMPLATE_PAGES:
                common.update((page, other) for other in others if other != page)
    story: dict[K, set[K]] = defaultdict(set)
    for (page, other), n in common.items():
        fewer = min(len(pages[page].paragraphs), len(pages[other].paragraphs))
        if n >= SAME_STORY and n >= SAME_STORY_SHARE * fewer:
            story[page].add(other)
    out: dict[K, frozenset[int]] = {}
    for page, seen in pages.items():
        same = story.get(page, set())
        out[page] = frozenset(
            key
            for key in seen.lines
            if len(holders[key]) > len(same) + 1  # more holders than this page and its story
            or any(other != page and other not in same for other in holders[key])
        )
    return out


Lines = Callable[[list[Path]], dict[Path, "PageLines | None"]]
"""Input paths -> each one's lines as keys, or None if it cannot be read."""


def site_template(paths: list[Path], lines: Lines) -> dict[Path, frozenset[int]]:
    """Each input's lines that another input shows too (every input counts, done or not, so
    that what a page reads does not depend on which of its batch-mates were up to date)."""
    found = lines(paths)
    return shared_lines({path: seen for path, seen in found.items() if seen is not None})


def template_with(path: Path, folder: Path) -> frozenset[int]:
    """The lines of ``path`` that the other inputs in ``folder`` show too (``clean --site``)."""
    from .batch import find_inputs

    inputs = find_inputs(folder)
    if path.resolve() not in {p.resolve() for p in inputs}:
        inputs.append(path)
    shared = site_template(inputs, local_lines)
    return next((keys for p, keys in shared.items() if p.resolve() == path.resolve()), frozenset())


def lines_of(path: Path) -> PageLines | None:
    """The page's lines as keys; None if it cannot be read (its own job says why)."""
    from .errors import AudioArticleError
    from .extract.site import page_lines
    from .read import read_source

    try:
        return page_lines(read_source(path))
    except AudioArticleError:
        return None


def local_lines(paths: list[Path]) -> dict[Path, PageLines | None]:
    return {path: lines_of(path) for path in paths}


def executor_lines(executor: Executor) -> Lines:
    """Lines read by ``executor``'s workers (a worker lost on one: that file is no evidence)."""
    from .batch import WorkerLost

    def lines(paths: list[Path]) -> dict[Path, PageLines | None]:
        return {
            path: None if isinstance(seen, WorkerLost) else seen
            for path, seen in executor.map_unordered(lines_of, paths)
        }

    return lines
