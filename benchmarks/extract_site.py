"""Lines repeated across pages of a batch (``audio_article.extract.site``): what dropping them does.

Each dataset's pages are put in batches, and every page is extracted alone and then with the
lines its batch-mates print too dropped (what ``convert-dir`` and ``from-feed`` do). Scored with
``extract_score.py``'s metric, before and after, per dataset and form:

    python benchmarks/extract_site.py [--forms copied,html] [--only newspaper] [--group site|set]

``--group site`` (default): the pages of one site are a batch (newspaper's pages are named by
site; elsewhere the domain of the page's canonical URL or og:url). Only pages with a batch-mate
count, since a page alone is unchanged.
``--group set``: the whole dataset is one batch (a folder of pages from many sites): lines that
several sites share ("Advertisement", "Share this article") go, and nothing else should.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import urllib.parse
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from extract_score import DEFAULT_CORPUS, score_page, summarize  # noqa: E402

from audio_article.errors import InputError  # noqa: E402
from audio_article.extract import extract  # noqa: E402
from audio_article.extract.site import REASON, drop_shared, page_lines  # noqa: E402
from audio_article.read import read_source  # noqa: E402
from audio_article.site import shared_lines  # noqa: E402

_CANONICAL = re.compile(
    rb"<link[^>]+rel=[\"']canonical[\"'][^>]*>|<meta[^>]+og:url[^>]*>", re.IGNORECASE
)
_URL = re.compile(rb"(?:href|content|value)=[\"'](https?://[^\"']+)", re.IGNORECASE)


def site_of(dataset: str, page: Path) -> str | None:
    if dataset == "newspaper":  # pages are named <site><n>
        return re.sub(r"\d+$", "", page.name)
    for m in _CANONICAL.finditer((page / "page.html").read_bytes()):
        url = _URL.search(m.group(0))
        if url:
            host = urllib.parse.urlsplit(url.group(1).decode("latin-1")).netloc.lower()
            return host.removeprefix("www.")
    return None


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--forms", default="copied,html")
    ap.add_argument("--only", default="readability,goose3,mercury,newspaper,trafilatura")
    ap.add_argument("--group", choices=("site", "set"), default="site")
    ap.add_argument("-v", "--verbose", action="store_true", help="print every dropped line")
    args = ap.parse_args()
    print("| dataset | form | batches | pages | body F1 before | after | words dropped |")
    print("|---|---|---|---|---|---|---|")
    for ds in args.only.split(","):
        pages = sorted(p for p in (args.corpus / ds).iterdir() if (p / "gold.json").exists())
        groups: dict[str, list[Path]] = defaultdict(list)
        for page in pages:
            key = ds if args.group == "set" else site_of(ds, page)
            if key:
                groups[key].append(page)
        groups = {k: v for k, v in groups.items() if len(v) > 1}
        for form in args.forms.split(","):
            name = "page.html" if form == "html" else "copied.txt"
            before: list[dict] = []
            after: list[dict] = []
            dropped_words = 0
            for members in groups.values():
                sources = {page: read_source(page / name) for page in members}
                shared = shared_lines({p: page_lines(s) for p, s in sources.items()})
                for page, source in sources.items():
                    gold = json.loads((page / "gold.json").read_text("utf-8"))
                    try:
                        article = extract(source)
                    except InputError:
                        before.append({"error": "refused", "ms": 0, **score_page(gold, None, "")})
                        after.append(before[-1])
                        continue
                    kept = drop_shared(article, shared[page])
                    for a, rows in ((article, before), (kept, after)):
                        rows.append({"ms": 0, **score_page(gold, a.title, "\n".join(a.blocks))})
                    gone = kept.removed[len(article.removed) :]
                    dropped_words += sum(len(r.line.split()) for r in gone if r.reason == REASON)
                    if args.verbose:
                        for r in gone:
                            print(f"  {page.name}: {r.line[:100]}")
            b, a = summarize(before), summarize(after)
            fb = "—" if b["F1"] is None else f"{b['F1']:.4f}"
            fa = "—" if a["F1"] is None else f"{a['F1']:.4f}"
            if b["F1"] is None and b["R"] is not None:  # opening-recall sets: recall only
                fb, fa = f"R {b['R']:.4f}", f"R {a['R']:.4f}"
            print(
                f"| {ds} | {form} | {len(groups)} | {len(before)} | {fb} | {fa} | {dropped_words} |"
            )


if __name__ == "__main__":
    main()
