"""Score extraction on the real-page corpus (run by hand; build it first with extract_corpus.py).

    nice python benchmarks/extract_score.py [--corpus DIR] [--only readability,newspaper]
        [--systems ours,trafilatura,readability] [--forms html,copied] [--json results.json]

Per dataset, per form (``html``: the saved page; ``copied``: its select-all + copy text) and per
system (``ours``: audio-article's extract stage through read_source, as the CLI runs it;
``trafilatura``: trafilatura.extract with favor_precision=True; ``readability``:
readability-lxml's Document.summary()), the table gives:

- body P / R / F1: token precision, recall and F1 of what would be read (the title excluded)
  against the gold body, micro-averaged over the dataset's pages as the usual benchmarks do
  (the mean of per-page F1 is printed too). For ``trafilatura`` (no full gold body in that set)
  P is the share of its must-not strings absent and R the share of its must strings present.
  For ``goose3`` only the recall of the gold opening is known (P is left empty).
- title: share of pages with a gold title whose chosen title equals it (case, spacing and edge
  punctuation ignored); title~: or equals one part of it split at a separator (" | ", " - ",
  ...), or the gold without its first or last part or a bracketed "[Site]" (``title_parts``),
  since readability's gold titles keep the site name ("Mozilla - Wikipedia") that no line of
  the copied text holds and that the product leaves out on purpose. "title~ where a line" (copied form): title~ over the pages whose
  gold title, or a part of it, is a whole line of the copied text (their number in brackets);
  a select-all copy has no <title>, so on the other pages no line can be right.
- F1 no code: body F1 against the gold body without its program listings (<pre>, block <code>),
  which audio-article does not read aloud; only the ``readability`` set marks them up (elsewhere
  it equals body F1).
- crash: pages that raised anything but the product's InputError; refused: pages refused with
  "no article body found" (two readability test pages whose whole body is under ten words,
  "Test", are not counted: they are not articles).
- ms: median milliseconds per page of the extraction call alone.

The copied form is given to trafilatura and readability as one <p> per line (they read HTML only).
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from audio_article.errors import InputError  # noqa: E402

DEFAULT_CORPUS = Path.home() / ".cache" / "audio-article" / "extract-corpus"
_WORD = re.compile(r"\w+")
_TITLE_SEP = re.compile(r"\s+[|\-–—·»_/]+\s+|\s*[|_]\s*")


def tokens(text: str) -> Counter[str]:
    return Counter(w.lower() for w in _WORD.findall(text))


def norm_title(text: str | None) -> str:
    return " ".join(_WORD.findall((text or "").casefold()))


def norm_snippet(text: str) -> str:
    return " ".join(text.split()).casefold()


def run_ours(path: Path, form: str) -> tuple[str | None, str]:
    from audio_article.extract import extract
    from audio_article.read import read_source

    article = extract(read_source(path))
    return article.title, "\n".join(article.blocks)


def _as_html(path: Path, form: str) -> str:
    from audio_article.read import decode

    data = path.read_bytes()
    if form == "html":
        return decode(data, html=True)[0]
    from html import escape

    lines = data.decode("utf-8").splitlines()
    return (
        "<html><body>"
        + "".join(f"<p>{escape(ln)}</p>" for ln in lines if ln.strip())
        + "</body></html>"
    )


def run_trafilatura(path: Path, form: str) -> tuple[str | None, str]:
    import trafilatura

    markup = _as_html(path, form)
    body = trafilatura.extract(markup, favor_precision=True, include_comments=False) or ""
    meta = trafilatura.extract_metadata(markup) if form == "html" else None
    return (meta.title if meta else None), body


def run_readability(path: Path, form: str) -> tuple[str | None, str]:
    import lxml.html
    from readability import Document

    doc = Document(_as_html(path, form))
    summary = doc.summary(html_partial=True)
    text = "\n".join(
        " ".join(el.text_content().split())
        for el in lxml.html.fromstring(summary).iter(
            "p", "li", "h2", "h3", "h4", "pre", "blockquote"
        )
    )
    if not text.strip():
        text = lxml.html.fromstring(summary).text_content()
    return (doc.short_title() if form == "html" else None), text


SYSTEMS = {"ours": run_ours, "trafilatura": run_trafilatura, "readability": run_readability}


def score_page(gold: dict, title: str | None, body: str) -> dict:
    out: dict = {"title_ok": None}
    if gold.get("title"):
        out["title_ok"] = norm_title(title) == norm_title(gold["title"])
        out["title_part_ok"] = out["title_ok"] or (
            bool(title) and norm_title(title) in title_parts(gold["title"])
        )
    got = tokens(body)
    if gold.get("body"):
        want = tokens(gold["body"])
        common = sum((got & want).values())
        out.update(tp=common, n_got=sum(got.values()), n_want=sum(want.values()))
        read = tokens(gold.get("read") or gold["body"])
        out.update(tp_read=sum((got & read).values()), n_read=sum(read.values()))
    elif gold.get("with") is not None:
        flat = norm_snippet(body)
        out.update(
            with_hit=sum(norm_snippet(s) in flat for s in gold["with"]),
            with_n=len(gold["with"]),
            without_hit=sum(norm_snippet(s) not in flat for s in gold["without"]),
            without_n=len(gold["without"]),
        )
    elif gold.get("opening"):
        want = tokens(gold["opening"])
        out.update(tp=sum((got & want).values()), n_got=None, n_want=sum(want.values()))
    return out


_BRACKETED = re.compile(r"^\s*\[[^\]]*\]\s*|\s*\[[^\]]*\]\s*$")


def title_parts(title: str) -> set[str]:
    """The gold title's parts (split at a separator), and the gold without its first or its
    last part or a bracketed site name ("Friday Facts #282 - 0.17 in sight | Factorio" ->
    "Friday Facts #282 - 0.17 in sight"; "... 2015 [LWN.net]"): the headline without the site's
    name, which the product gives on purpose."""
    out = {norm_title(x) for x in _TITLE_SEP.split(title)}
    cuts = list(_TITLE_SEP.finditer(title))
    if cuts:
        out.add(norm_title(title[: cuts[-1].start()]))
        out.add(norm_title(title[cuts[0].end() :]))
    out.add(norm_title(_BRACKETED.sub("", title)))
    return out - {""}


def reachable(title: str, copied: Path) -> bool:
    """Whether the gold title, or one part of it (split at a separator), is a whole line of the
    copied text: a select-all copy does not hold the <title>, so on many test pages (readability's
    "Base URL test" pages, whose headline is "Lorem") no line can be the gold title."""
    lines = {norm_title(ln) for ln in copied.read_text("utf-8").splitlines()}
    return bool(({norm_title(title)} | title_parts(title)) & lines)


def f1(p: float | None, r: float | None) -> float | None:
    if p is None or r is None:
        return None
    return 2 * p * r / (p + r) if p + r else 0.0


def summarize(rows: list[dict]) -> dict:
    ok = [r for r in rows if "error" not in r]
    s: dict = {
        "pages": len(rows),
        "crash": sum(r.get("error") == "crash" for r in rows),
        "refused": sum(r.get("error") == "refused" and not r.get("tiny") for r in rows),
        "ms": statistics.median(r["ms"] for r in rows) if rows else None,
    }
    p = r_ = None
    per_page: list[float] = []
    if any("n_want" in r for r in rows):
        scored = [r for r in rows if "n_want" in r or "error" in r]
        tp = sum(r.get("tp", 0) for r in scored)
        want = sum(r.get("n_want", 0) for r in scored)
        r_ = tp / want if want else None
        if all(r.get("n_got") is not None for r in ok):
            got = sum(r.get("n_got", 0) for r in ok)
            p = tp / got if got else 0.0
            for r in ok:
                pp = r["tp"] / r["n_got"] if r["n_got"] else 0.0
                rr = r["tp"] / r["n_want"] if r["n_want"] else 0.0
                per_page.append(f1(pp, rr) or 0.0)
            per_page += [0.0] * (len(rows) - len(ok))
    elif any("with_n" in r for r in rows):
        wh = sum(r.get("with_hit", 0) for r in ok)
        wn = sum(r.get("with_n", 0) for r in rows)
        nh = sum(r.get("without_hit", 0) for r in ok)
        nn = sum(r.get("without_n", 0) for r in rows)
        r_ = wh / wn if wn else None
        p = nh / nn if nn else None
    s.update(P=p, R=r_, F1=f1(p, r_), page_F1=statistics.mean(per_page) if per_page else None)
    s["F1_read"] = None
    if any("n_read" in r for r in rows) and p is not None:
        got = sum(r.get("n_got", 0) for r in ok)
        tp = sum(r.get("tp_read", 0) for r in ok)
        want = sum(r.get("n_read", 0) for r in rows if "n_read" in r or "error" in r)
        s["F1_read"] = f1(tp / got if got else 0.0, tp / want if want else None)
    titled = [r for r in rows if r.get("title_ok") is not None]
    s["title"] = (sum(bool(r.get("title_ok")) for r in titled) / len(titled)) if titled else None
    s["title~"] = (
        (sum(bool(r.get("title_part_ok")) for r in titled) / len(titled)) if titled else None
    )
    reach = [r for r in titled if r.get("title_reach")]
    s["title@line"] = (
        (sum(bool(r.get("title_part_ok")) for r in reach) / len(reach)) if reach else None
    )
    s["reach"] = len(reach) if any("title_reach" in r for r in titled) else None
    return s


def evaluate(corpus: Path, datasets: list[str], systems: list[str], forms: list[str]) -> list[dict]:
    results = []
    for ds in datasets:
        pages = sorted(p for p in (corpus / ds).iterdir() if (p / "gold.json").exists())
        for page in pages:
            gold = json.loads((page / "gold.json").read_text("utf-8"))
            for form in forms:
                path = page / ("page.html" if form == "html" else "copied.txt")
                for system in systems:
                    row = {
                        "dataset": ds,
                        "page": page.name,
                        "form": form,
                        "system": system,
                        "has_title": bool(gold.get("title")),
                        # a test page whose whole body is a few words ("Test"): not an article
                        "tiny": bool(gold.get("body")) and len(gold["body"].split()) < 10,
                    }
                    t0 = time.perf_counter()
                    try:
                        title, body = SYSTEMS[system](path, form)
                    except InputError as exc:
                        row["error"] = "refused" if "no article body" in str(exc) else "crash"
                        row["message"] = str(exc)
                        title, body = None, ""
                    except Exception as exc:  # noqa: BLE001 - counted, not fatal
                        row["error"] = "crash" if system == "ours" else "other-crash"
                        row["message"] = repr(exc)[:300]
                        title, body = None, ""
                    row["ms"] = (time.perf_counter() - t0) * 1000
                    if row.get("error") == "other-crash":
                        row.pop("error")
                    row.update(score_page(gold, title, body))
                    row["title_got"] = title
                    if form == "copied" and row["has_title"]:
                        row["title_reach"] = reachable(gold["title"], path)
                    results.append(row)
    return results


def fmt(v: float | None, pct: bool = True) -> str:
    if v is None:
        return "—"
    return f"{v:.3f}" if pct else f"{v:.1f}"


def table(results: list[dict]) -> str:
    keys = sorted(
        {(r["dataset"], r["form"], r["system"]) for r in results},
        key=lambda k: (k[0], k[1], list(SYSTEMS).index(k[2])),
    )
    lines = [
        "| dataset | form | system | pages | body P | body R | body F1 | F1 no code | page F1 | title | title~ | title~ where a line | crash | refused | ms (median) |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for ds, form, system in keys:
        s = summarize(
            [r for r in results if (r["dataset"], r["form"], r["system"]) == (ds, form, system)]
        )
        at_line = "—" if s["reach"] is None else f"{fmt(s['title@line'])} ({s['reach']})"
        lines.append(
            f"| {ds} | {form} | {system} | {s['pages']} | {fmt(s['P'])} | {fmt(s['R'])} | "
            f"{fmt(s['F1'])} | {fmt(s['F1_read'])} | {fmt(s['page_F1'])} | {fmt(s['title'])} | {fmt(s['title~'])} | "
            f"{at_line} | {s['crash']} | "
            f"{s['refused']} | {fmt(s['ms'], False)} |"
        )
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--only", default="readability,newspaper,goose3,trafilatura,mercury")
    ap.add_argument("--systems", default=",".join(SYSTEMS))
    ap.add_argument("--forms", default="html,copied")
    ap.add_argument("--json", type=Path, help="write every page's row here")
    args = ap.parse_args()
    import logging

    logging.disable(logging.CRITICAL)  # trafilatura and readability log per page
    results = evaluate(
        args.corpus, args.only.split(","), args.systems.split(","), args.forms.split(",")
    )
    if args.json:
        args.json.write_text(json.dumps(results, ensure_ascii=False, indent=0), "utf-8")
    print(table(results))


if __name__ == "__main__":
    main()
