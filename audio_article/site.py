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

from array import array
from collections import Counter, defaultdict
from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar

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
    """A page's lines as keys (``extract.site.line_key``), and those that read as paragraphs:
    each a sorted run of 8-byte unsigned integers (1.2 KB for a page of 150 lines; a set of
    Python ints would be 16 KB, and a batch holds every page's)."""

    lines: bytes
    paragraphs: bytes

    @classmethod
    def of(cls, lines: Iterable[int], paragraphs: Iterable[int] = ()) -> PageLines:
        return cls(_pack(lines), _pack(paragraphs))

    def line_keys(self) -> frozenset[int]:
        return frozenset(array("Q", self.lines))

    def paragraph_keys(self) -> frozenset[int]:
        return frozenset(array("Q", self.paragraphs))


def _pack(keys: Iterable[int]) -> bytes:
    return array("Q", sorted(set(keys))).tobytes()


def shared_lines(pages: Mapping[K, PageLines]) -> dict[K, frozenset[int]]:
    """For each page, the keys of its lines that another page of ``pages`` shows too, leaving
    out the pages that tell the same story as this one."""
    return {name: frozenset(keys) for name, keys in _shared(pages)}


def packed_shared_lines(pages: Mapping[K, PageLines]) -> dict[K, bytes]:
    """``shared_lines``, each page's keys packed as ``PageLines`` packs them (``unpack``): a
    batch's jobs carry them, 8 bytes a key instead of 90 in a set."""
    return {name: _pack(keys) for name, keys in _shared(pages)}


def unpack(packed: bytes) -> frozenset[int]:
    return frozenset(array("Q", packed))


def _shared(pages: Mapping[K, PageLines]) -> Iterator[tuple[K, list[int]]]:
    """Each page and its shared keys (``shared_lines``).

    Counted with numpy over one sorted array of every page's keys, not sets of them: for 10,592
    pages, 48 MB at the peak instead of 348 (``benchmarks/README.md``, "A batch's site template").
    """
    import numpy as np

    names = list(pages)
    if not names:
        return
    keys = [np.frombuffer(pages[k].lines, dtype=np.uint64) for k in names]
    paras = [np.frombuffer(pages[k].paragraphs, dtype=np.uint64) for k in names]
    flat = np.concatenate(keys)
    start = np.concatenate(([0], np.cumsum([len(a) for a in keys])))
    every = np.sort(flat)
    again = every[1:][every[1:] == every[:-1]]  # a key once more for each page after its first
    del every
    repeated, extra = np.unique(again, return_counts=True)
    holders = extra + 1  # how many pages show each repeated key
    del again, extra
    shared = _member(flat, repeated)
    # Pages that tell one story: they share SAME_STORY paragraphs, SAME_STORY_SHARE of them.
    para_flat = np.concatenate(paras)
    probe = np.intersect1d(para_flat, repeated[holders <= TEMPLATE_PAGES])
    story: dict[int, set[int]] = defaultdict(set)
    if len(probe):
        holding: dict[int, list[int]] = defaultdict(list)
        at = np.flatnonzero(_member(flat, probe))
        owners = (np.searchsorted(start, at, "right") - 1).tolist()
        for k, i in zip(flat[at].tolist(), owners, strict=True):
            holding[k].append(i)
        para_start = np.concatenate(([0], np.cumsum([len(a) for a in paras])))
        at = np.flatnonzero(_member(para_flat, probe))
        common: Counter[tuple[int, int]] = Counter()
        for k, i in zip(
            para_flat[at].tolist(),
            (np.searchsorted(para_start, at, "right") - 1).tolist(),
            strict=True,
        ):
            common.update((i, j) for j in holding[k] if j != i)
        for (i, j), n in common.items():
            fewer = min(len(paras[i]), len(paras[j]))
            if n >= SAME_STORY and n >= SAME_STORY_SHARE * fewer:
                story[i].add(j)
    sets: dict[int, frozenset[int]] = {}  # the line keys of pages with a story partner
    for i, name in enumerate(names):
        lo, hi = start[i], start[i + 1]
        mine = flat[lo:hi][shared[lo:hi]]
        same = story.get(i)
        if not same:
            yield name, mine.tolist()
            continue
        # a key held only by this page and pages of its story is the story's
        partners = [sets.get(j) or sets.setdefault(j, frozenset(keys[j].tolist())) for j in same]
        held = holders[np.searchsorted(repeated, mine)].tolist()
        yield (
            name,
            [
                k
                for k, n in zip(mine.tolist(), held, strict=True)
                if n > len(same) + 1 or sum(k in p for p in partners) < n - 1
            ],
        )


def _member(values: Any, sorted_keys: Any) -> Any:
    """``values`` in ``sorted_keys`` (sorted, unique), by binary search: ``np.isin`` sorts both
    arrays together, three times the memory of ``values`` at its peak."""
    import numpy as np

    if not len(sorted_keys):
        return np.zeros(len(values), dtype=bool)
    at = np.searchsorted(sorted_keys, values)
    at[at == len(sorted_keys)] = 0
    return sorted_keys[at] == values


Template = Callable[[list[Path]], dict[Path, bytes]]
"""Input paths -> each one's lines that another input shows too, packed (``unpack``)."""


def local_template(paths: list[Path]) -> dict[Path, bytes]:
    """Each input's lines that another input shows too, read and counted here (every input
    counts, done or not, so that what a page reads does not depend on which of its batch-mates
    were up to date)."""
    return count_template(local_lines(paths))


def count_template(found: Mapping[Path, PageLines | None]) -> dict[Path, bytes]:
    return packed_shared_lines({path: seen for path, seen in found.items() if seen is not None})


def executor_template(executor: Executor) -> Template:
    """``local_template`` with the lines read by ``executor``'s workers and counted in one of
    them, where numpy is loaded already (the batch's parent does without it, 12 MB). A worker
    lost on a file: that file is no evidence; lost while counting: no page loses a line."""
    from .batch import WorkerLost

    def template(paths: list[Path]) -> dict[Path, bytes]:
        found = {
            path: None if isinstance(seen, WorkerLost) else seen
            for path, seen in executor.map_unordered(lines_of, paths)
        }
        for _, result in executor.map_unordered(count_template, [found]):
            if not isinstance(result, WorkerLost):
                return result
        return {}

    return template


def template_with(path: Path, folder: Path) -> frozenset[int]:
    """The lines of ``path`` that the other inputs in ``folder`` show too (``clean --site``)."""
    from .batch import find_inputs

    inputs = find_inputs(folder)
    if path.resolve() not in {p.resolve() for p in inputs}:
        inputs.append(path)
    shared = local_template(inputs)
    return unpack(next((k for p, k in shared.items() if p.resolve() == path.resolve()), b""))


def lines_of(path: Path) -> PageLines | None:
    """The page's lines as keys; None if it cannot be read (its own job says why: a page that
    fails here is only no evidence for the others, so nothing it raises stops the batch)."""
    from .extract.site import page_lines
    from .read import read_source

    try:
        return page_lines(read_source(path))
    except Exception:  # noqa: BLE001 - evidence only; the page's own job reports its problem
        return None


def local_lines(paths: list[Path]) -> dict[Path, PageLines | None]:
    return {path: lines_of(path) for path in paths}
