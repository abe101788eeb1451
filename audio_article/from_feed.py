"""``batch --from-feed``: a site's RSS or Atom feed, kept in step with a podcast folder.

1. The feed (a URL, fetched politely, or a file) is parsed by feedparser; its items are taken
   newest first (``--limit N`` keeps the N newest).
2. Each item becomes a stored source (see ``sources``), one per guid: the item's full content
   when the feed carries it (``content:encoded``, Atom ``<content>``), wrapped in a small HTML
   page with the item's title, author, date and link so the extractor reads them as a saved
   page's; otherwise its link, fetched (conditionally: an ETag or Last-Modified from the last run
   turns an unchanged page into a 304 and no download).
3. What is up to date is skipped by the same records as a folder batch: the item's stored
   source (one per guid) and its content hash, under the same job key. A new or changed item is
   a ``batch.Job`` and runs on the same executors; one outcome per item, a failure (a fetch, a
   page without an article) fails that item alone.

The episode keeps the item's guid (and its link as the source URL), so the podcast feed written
from the folder gives each episode the same guid on every run.
"""

from __future__ import annotations

import html
import json
import os
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from . import manifest
from .batch import (
    Executor,
    Job,
    Outcome,
    Plan,
    Summary,
    clean_stale_parts,
    make_executor,
    run_job,
)
from .errors import AudioArticleError, InputError
from .fetch import Fetcher, FetchOptions, Response, is_url
from .site import local_template
from .sources import page_name, page_text, source_folder, store_source

if TYPE_CHECKING:
    from .config import Options

FEED_TYPES = None
"""Feeds are served under many media types (and often the wrong one): feedparser decides."""
FEED_ACCEPT = (
    "application/rss+xml,application/atom+xml,application/xml;q=0.9,text/xml;q=0.9,*/*;q=0.5"
)
FETCH_THREADS = 8
"""Item pages fetched at once in all (each host still gets at most ``per_host``)."""
HTTP_STATE = ".http.json"
"""Beside a fetched item's stored page: its ETag and Last-Modified, for the next run."""


@dataclass(frozen=True)
class FeedItem:
    """One entry of the source feed, as much as the conversion needs."""

    guid: str
    title: str
    link: str | None = None
    content: str | None = None
    """The full article (HTML) when the feed carries it."""
    author: str | None = None
    published: datetime | None = None


@dataclass(frozen=True)
class SourceFeed:
    title: str
    language: str | None
    items: tuple[FeedItem, ...]
    response: Response | None = None
    """How the feed was fetched (None for a file): its links are held to its address's rule."""


def read_feed(where: str, fetcher: Fetcher, limit: int | None = None) -> SourceFeed:
    """Fetch or read the feed and parse it; ``InputError``/``FetchError`` when it is no feed."""
    import feedparser

    response = None
    if is_url(where):
        response = fetcher.get(where, types=FEED_TYPES, accept=FEED_ACCEPT)
        data = response.body
        headers = {"content-location": response.url}
        if response.media_type:
            charset = f"; charset={response.charset}" if response.charset else ""
            headers["content-type"] = response.media_type + charset
    else:
        path = Path(where)
        try:
            data = path.read_bytes()
        except FileNotFoundError as exc:
            raise InputError(where, "no such file") from exc
        except OSError as exc:
            raise InputError(where, f"cannot read file: {exc.strerror or exc}") from exc
        headers = {}
    parsed = feedparser.parse(data, response_headers=headers, sanitize_html=True)
    if not parsed.get("version"):
        reason = parsed.get("bozo_exception")
        why = f" ({' '.join(str(reason).split())[:120]})" if reason else ""
        raise InputError(where, f"not an RSS or Atom feed{why}")
    items = _items(parsed.entries)
    if limit is not None:
        items = items[:limit]
    feed = parsed.feed
    return SourceFeed(
        title=str(feed.get("title") or ""),
        language=feed.get("language") or None,
        items=tuple(items),
        response=response,
    )


def _items(entries: list) -> list[FeedItem]:  # type: ignore[type-arg]
    """Feed entries as items, newest first (entries without a date keep their feed order, last);
    an entry whose guid repeats an earlier one's is left out."""
    import hashlib

    seen: set[str] = set()
    dated: list[tuple[float, int, FeedItem]] = []
    for n, entry in enumerate(entries):
        link = entry.get("link") or None
        title = " ".join(str(entry.get("title") or "").split())
        stamp = entry.get("published_parsed") or entry.get("updated_parsed")
        published = datetime(*stamp[:6], tzinfo=UTC) if stamp else None
        guid = str(entry.get("id") or link or "")
        if not guid:  # neither guid nor link: the title and date are all that identify it
            key = f"{title}|{published.isoformat() if published else ''}"
            guid = "urn:sha256:" + hashlib.sha256(key.encode()).hexdigest()[:32]
        if guid in seen:
            continue
        seen.add(guid)
        bodies = [
            c.get("value") or ""
            for c in entry.get("content") or ()
            if (c.get("type") or "text/html") in ("text/html", "application/xhtml+xml")
        ]
        content = max(bodies, key=len) if any(b.strip() for b in bodies) else None
        if content is None and not link:  # no page to fetch: the summary is all there is
            content = entry.get("summary") or None
        item = FeedItem(
            guid=guid,
            title=title,
            link=link,
            content=content,
            author=entry.get("author") or None,
            published=published,
        )
        dated.append((-published.timestamp() if published else float("inf"), n, item))
    return [item for _, _, item in sorted(dated, key=lambda t: (t[0], t[1]))]


def item_page(item: FeedItem, feed: SourceFeed) -> str:
    """The item's content as an HTML page whose head says what the feed says about it."""
    esc = html.escape
    head = [f"<title>{esc(item.title)}</title>"]
    if item.author:
        head.append(f'<meta name="author" content="{esc(item.author)}">')
    if item.published:
        stamp = item.published.isoformat()
        head.append(f'<meta property="article:published_time" content="{esc(stamp)}">')
    if feed.title:
        head.append(f'<meta property="og:site_name" content="{esc(feed.title)}">')
    if item.link:
        head.append(f'<link rel="canonical" href="{esc(item.link)}">')
    lang = f' lang="{esc(feed.language)}"' if feed.language else ""
    heading = f"<h1>{esc(item.title)}</h1>\n" if item.title else ""
    return (
        f'<!DOCTYPE html>\n<html{lang}>\n<head>\n<meta charset="utf-8">\n'
        + "\n".join(head)
        + f"\n</head>\n<body>\n<article>\n{heading}{item.content}\n</article>\n</body>\n</html>\n"
    )


# --- getting each item's source -----------------------------------------------------------


@dataclass(frozen=True)
class _Stored:
    item: FeedItem
    path: Path
    url: str | None


def _label(item: FeedItem) -> str:
    return item.link or item.guid


def _store(item: FeedItem, feed: SourceFeed, out_dir: Path, fetcher: Fetcher) -> _Stored:
    """The item's stored source: its content, else its page (fetched only if changed)."""
    folder = source_folder(out_dir, f"feed-item:{item.guid}")
    if item.content is not None:
        return _Stored(item, store_source(folder, "item.html", item_page(item, feed)), item.link)
    if item.link is None:
        raise InputError(item.guid, "the feed item has no content and no link")
    state_file = folder / HTTP_STATE
    state = _read_state(state_file)
    stored = folder / state["name"] if state.get("name") else None
    have = stored is not None and stored.is_file()
    response = fetcher.get(
        item.link,
        etag=state.get("etag") if have else None,
        last_modified=state.get("last_modified") if have else None,
        found_on=feed.response,
    )
    if response.status == 304 and stored is not None and have:
        return _Stored(item, stored, state.get("url") or item.link)
    text, kind = page_text(response)
    path = store_source(folder, page_name(response.url, kind), text)
    _write_state(
        state_file,
        {
            "name": path.name,
            "url": response.url,
            "etag": response.etag,
            "last_modified": response.last_modified,
        },
    )
    return _Stored(item, path, response.url)


def _read_state(path: Path) -> dict[str, str]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {k: v for k, v in data.items() if isinstance(v, str)} if isinstance(data, dict) else {}


def _write_state(path: Path, state: dict[str, str | None]) -> None:
    tmp = path.with_name(path.name + ".part")
    tmp.write_text(json.dumps({k: v for k, v in state.items() if v}), encoding="utf-8")
    os.replace(tmp, path)


# --- the run ------------------------------------------------------------------------------


def plan_feed(feed: SourceFeed, options: Options, fetcher: Fetcher) -> tuple[Plan, dict[Path, str]]:
    """Store every item's source, skip the up-to-date ones, name the outputs of the rest.

    Returns the plan and, for each job's input (a stored source), the item's label (its link).
    A feed's items are pages of one site: each job carries the lines of its page that another
    item's page shows too (the site's template, not read; see ``site``).
    """
    from .config import resolve_voice
    from .extract import extract
    from .naming import output_path
    from .read import read_source

    out_dir = Path(options.output_dir)
    voice = resolve_voice(options.voice)

    def obtain(item: FeedItem) -> _Stored | Outcome:
        start = time.monotonic()
        try:
            return _store(item, feed, out_dir, fetcher)
        except AudioArticleError as exc:
            return _fail(_label(item), exc.stage, exc.message, start)
        except OSError as exc:
            return _fail(_label(item), "fetch", f"cannot store the page: {exc}", start)

    with ThreadPoolExecutor(max_workers=max(1, min(FETCH_THREADS, len(feed.items)))) as pool:
        obtained = list(pool.map(obtain, feed.items))
    records = manifest.all_records(out_dir)
    taken = {r.output.rsplit(".", 1)[0] for r in records if "/" not in r.output}
    done: list[Outcome] = []
    jobs: list[Job] = []
    labels: dict[Path, str] = {}
    for got in obtained:
        if isinstance(got, Outcome):
            done.append(got)
            continue
        item, start = got.item, time.monotonic()
        opts = replace(options, source_url=got.url, source_guid=item.guid)
        check = manifest.check(got.path, opts, voice)
        if check.fresh and not options.force:
            assert check.record is not None
            output = out_dir / check.record.output
            done.append(Outcome(_label(item), "skipped", output, check.record.duration_ms))  # type: ignore[arg-type]
            continue
        if check.record is not None:
            target = out_dir / check.record.output
        else:
            title = item.title
            if not title:
                try:
                    title = extract(read_source(got.path)).title
                except AudioArticleError as exc:
                    done.append(_fail(_label(item), exc.stage, exc.message, start))
                    continue
            target = output_path(title, out_dir, source=got.path, taken=taken)
        taken.add(target.stem)
        labels[got.path] = _label(item)
        jobs.append(Job(input=got.path, target=target, options=replace(opts, force=True)))
    if jobs:
        stored = [got.path for got in obtained if not isinstance(got, Outcome)]
        shared = local_template(stored)
        jobs = [replace(job, shared=shared.get(job.input, b"")) for job in jobs]
    return Plan(done=tuple(done), jobs=tuple(jobs)), labels


def _fail(label: str, stage: str, error: str, start: float) -> Outcome:
    return Outcome(
        input=label,  # type: ignore[arg-type] - a URL, not a file
        status="failed",
        stage=stage,
        error=error,
        seconds=time.monotonic() - start,
    )


def convert_feed(
    where: str,
    options: Options,
    fetch: FetchOptions | None = None,
    *,
    limit: int | None = None,
    executor: Executor | None = None,
    on_outcome: Callable[[Outcome], None] | None = None,
    on_plan: Callable[[Plan], None] | None = None,
    fetcher: Fetcher | None = None,
) -> Summary:
    """Convert the new and changed items of the feed at ``where`` (a URL or a file) into
    ``options.output_dir``: one Outcome per item, newest first. Raises only when the feed itself
    cannot be had (fetched, read, parsed) or the run cannot start."""
    from .cache import open_cache

    start = time.monotonic()
    own = fetcher is None
    fetcher = fetcher or Fetcher(fetch)
    try:
        feed = read_feed(where, fetcher, limit)
        out_dir = Path(options.output_dir)
        out_dir.mkdir(parents=True, exist_ok=True)
        clean_stale_parts(out_dir)
        plan, labels = plan_feed(feed, options, fetcher)
    finally:
        if own:
            fetcher.close()
    if on_plan:
        on_plan(plan)
    outcomes: list[Outcome] = []

    def emit(outcome: Outcome) -> None:
        outcomes.append(outcome)
        if on_outcome:
            on_outcome(outcome)

    for outcome in plan.done:
        emit(outcome)
    if plan.jobs:
        executor = executor or make_executor(None)
        if getattr(executor, "ships_files", False):  # a cluster: bytes in, bytes out
            from .remote import map_shipped

            results = map_shipped(executor, plan.jobs)
        else:
            results = executor.map_unordered(run_job, list(plan.jobs))
        for job, result in results:
            label = labels[job.input]
            if isinstance(result, Outcome):
                emit(replace(result, input=label))  # type: ignore[arg-type]
            else:
                emit(_fail(label, "worker", str(result), time.monotonic()))
    cache = open_cache(options)
    if cache is not None:
        cache.prune()
    order = {_label(item): n for n, item in enumerate(feed.items)}
    outcomes.sort(key=lambda o: order.get(str(o.input), len(order)))
    return Summary(outcomes=tuple(outcomes), wall_s=time.monotonic() - start)
