"""Regenerate the real-page extraction corpus from public test suites (run by hand).

    python benchmarks/extract_corpus.py [--out DIR]      # default ~/.cache/audio-article/extract-corpus

The sources are git mirrors fetched beforehand (the search tool's ``fetch``; override the folder
with ``--mirrors`` or ``$AA_MIRRORS``, default /work/.mirror):

- ``readability``: mozilla/readability ``test/test-pages/*`` (source.html, expected.html for the
  body, expected-metadata.json for the title). Apache-2.0.
- ``newspaper``: codelucas/newspaper ``tests/data/html/X.html`` with ``tests/data/text/X.txt``
  (the article body newspaper's authors checked). MIT.
- ``goose3``: goose3/goose3 ``tests/data/content/*.html`` with the expected title (its expected
  ``cleaned_text`` is only the body's first words, so the set is scored on titles and on the
  recall of that opening). Apache-2.0.
- ``trafilatura``: adbar/trafilatura ``tests/eval/*.html`` with ``tests/evaldata.json``
  (strings that must / must not be extracted; no full gold body). Apache-2.0.
- ``mercury``: postlight/parser ``fixtures/*.html`` with the title and the body's first words
  asserted in ``src/extractors/custom/*/index.test.js``. Apache-2.0 / MIT.

scrapinghub/article-extraction-benchmark is the project's held-out check and is never used. The
chatnoir-eu/web-content-extraction-benchmark mirror holds its datasets only as Git LFS pointers,
so none of its sets can be rebuilt here.

Each page becomes ``<out>/<dataset>/<id>/`` with ``page.html`` (the bytes as published),
``copied.txt`` (what select-all + copy in a browser gives: the page rendered by inscriptis, a
benchmark dependency only), and ``gold.json`` (title, body, must / must-not strings; fields that
a dataset lacks are null). Nothing here is committed: the corpus stays outside the package.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
from pathlib import Path

DEFAULT_OUT = Path.home() / ".cache" / "audio-article" / "extract-corpus"
MIRRORS = Path(os.environ.get("AA_MIRRORS", "/work/.mirror"))


def git_files(repo: Path, under: str) -> list[str]:
    out = subprocess.run(
        ["git", "-C", str(repo), "ls-tree", "-r", "-z", "--name-only", "HEAD", under],
        check=True,
        capture_output=True,
    ).stdout
    return [p.decode("utf-8") for p in out.split(b"\0") if p]


def git_show(repo: Path, path: str) -> bytes:
    return subprocess.run(
        ["git", "-C", str(repo), "show", f"HEAD:{path}"], check=True, capture_output=True
    ).stdout


def decode_html(data: bytes) -> str:
    """The page's text as a browser would decode it (declared charset, else detection)."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from audio_article.read import decode

    return decode(data, html=True)[0]


def html_text(markup: str, without_code: bool = False) -> str:
    """Block texts of an HTML fragment, one per line (for the gold bodies given as HTML).
    ``without_code``: program listings (<pre>, a <code> block) left out, as they are not read."""
    import lxml.html

    root = lxml.html.fromstring(markup)
    if without_code:
        for el in root.xpath("//pre|//code[not(ancestor::p) and not(ancestor::li)]"):
            text = el.text_content()
            # a listing, not prose set in <pre> (an RFC): 5% of its characters are code signs
            if el.getparent() is not None and sum(c in "{}[]();=<>$\\" for c in text) >= 0.05 * len(
                text
            ):
                el.drop_tree()
    blocks = ("p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "pre", "blockquote", "td", "dd", "dt")
    lines = []
    for el in root.iter(*blocks):
        if any(a.tag in blocks for a in el.iterancestors()):
            continue
        t = " ".join(el.text_content().split())
        if t:
            lines.append(t)
    if not lines:
        lines = [" ".join(root.text_content().split())]
    return "\n".join(lines)


def copied_text(markup: str) -> str:
    """Select-all + copy: inscriptis renders the page as a browser lays out its text."""
    from inscriptis import get_text
    from inscriptis.css_profiles import CSS_PROFILES
    from inscriptis.model.config import ParserConfig

    text = get_text(markup, ParserConfig(css=CSS_PROFILES["strict"], display_images=False))
    lines = [re.sub(r"[ \t\u00a0]+", " ", ln).strip() for ln in text.splitlines()]
    out: list[str] = []
    for ln in lines:  # a browser copy collapses runs of blank lines
        if ln or (out and out[-1]):
            out.append(ln)
    return "\n".join(out).strip() + "\n"


def write_page(out: Path, data: bytes, gold: dict) -> None:
    out.mkdir(parents=True, exist_ok=True)
    (out / "page.html").write_bytes(data)
    (out / "copied.txt").write_text(copied_text(decode_html(data)), encoding="utf-8")
    (out / "gold.json").write_text(json.dumps(gold, ensure_ascii=False, indent=1), "utf-8")


def gold(title=None, body=None, must=None, must_not=None, opening=None, read=None) -> dict:
    """``read``: the body without program listings (set only where the gold marks them up)."""
    return {
        "title": title,
        "body": body,
        "with": must,
        "without": must_not,
        "opening": opening,
        "read": read,
    }


def readability(out: Path) -> int:
    repo = MIRRORS / "mozilla+readability" / "repo"
    files = set(git_files(repo, "test/test-pages"))
    n = 0
    for name in sorted({p.split("/")[2] for p in files}):
        base = f"test/test-pages/{name}"
        if f"{base}/source.html" not in files or f"{base}/expected.html" not in files:
            continue
        meta = json.loads(git_show(repo, f"{base}/expected-metadata.json") or b"{}")
        expected = git_show(repo, f"{base}/expected.html").decode("utf-8")
        body = html_text(expected)
        spoken = html_text(expected, without_code=True)
        write_page(
            out / name,
            git_show(repo, f"{base}/source.html"),
            gold(meta.get("title"), body, read=spoken if spoken != body else None),
        )
        n += 1
    return n


def newspaper(out: Path) -> int:
    repo = MIRRORS / "codelucas+newspaper" / "repo"
    files = set(git_files(repo, "tests/data"))
    n = 0
    for path in sorted(files):
        m = re.fullmatch(r"tests/data/html/(.+)\.html", path)
        if not m or f"tests/data/text/{m[1]}.txt" not in files:
            continue
        body = git_show(repo, f"tests/data/text/{m[1]}.txt").decode("utf-8", "replace")
        if len(body.split()) < 30:
            continue
        write_page(out / m[1], git_show(repo, path), gold(body=body))
        n += 1
    return n


def goose3(out: Path) -> int:
    repo = MIRRORS / "goose3+goose3" / "repo"
    files = set(git_files(repo, "tests/data/content"))
    n = 0
    for path in sorted(files):
        if not path.endswith(".html") or path[:-5] + ".json" not in files:
            continue
        expected = json.loads(git_show(repo, path[:-5] + ".json")).get("expected", {})
        title = expected.get("title") or None
        if not title and not expected.get("cleaned_text"):
            continue
        name = Path(path).stem.removeprefix("test_")
        write_page(
            out / name,
            git_show(repo, path),
            gold(title=title, opening=expected.get("cleaned_text") or None),
        )
        n += 1
    return n


def trafilatura_eval(out: Path) -> int:
    repo = MIRRORS / "adbar+trafilatura" / "repo"
    spec = json.loads(git_show(repo, "tests/evaldata.json"))
    files = set(git_files(repo, "tests/eval"))
    n = 0
    for entry in spec.values():
        path = f"tests/eval/{entry['file']}"
        if path not in files or not entry.get("with"):
            continue
        name = re.sub(r"[^\w.-]+", "_", Path(entry["file"]).stem)[:80]
        write_page(
            out / name,
            git_show(repo, path),
            gold(must=entry.get("with"), must_not=entry.get("without") or []),
        )
        n += 1
    return n


_JS_STRING = r"(?:'(?:[^'\\\n]|\\.)*'|\"(?:[^\"\\\n]|\\.)*\"|`[^`]*`)"
_JS_CONCAT = rf"{_JS_STRING}(?:\s*\+\s*{_JS_STRING})*"


def _js_value(expr: str) -> str:
    """A JavaScript string expression (literals joined by ``+``) as its Python value."""
    import ast

    out = []
    for lit in re.findall(_JS_STRING, expr):
        out.append(lit[1:-1] if lit[0] == "`" else ast.literal_eval(lit))
    return "".join(out)


def mercury(out: Path) -> int:
    """postlight/parser (Mercury) custom-extractor tests: a saved page per site with the title
    and the body's first words its authors checked (``assert.equal(title, ...)``,
    ``assert.equal(first13, ...)``). Apache-2.0 / MIT. Scored like goose3 (title and opening)."""
    repo = MIRRORS / "postlight+parser" / "repo"
    files = set(git_files(repo, "fixtures")) | set(git_files(repo, "src/extractors/custom"))
    n = 0
    for path in sorted(files):
        if not path.endswith("/index.test.js"):
            continue
        js = git_show(repo, path).decode("utf-8")
        page = re.search(r"readFileSync\(\s*'\./(fixtures/[^']+\.html)'", js)
        if not page or page[1] not in files:
            continue
        title = re.search(rf"assert\.equal\(\s*title\s*,\s*({_JS_CONCAT})\s*\)", js)
        opening = re.search(rf"assert\.equal\(\s*first13\s*,\s*({_JS_CONCAT})\s*,?\s*\)", js)
        if not title:
            continue
        name = Path(page[1]).stem
        write_page(
            out / name,
            git_show(repo, page[1]),
            gold(title=_js_value(title[1]), opening=_js_value(opening[1]) if opening else None),
        )
        n += 1
    return n


DATASETS = {
    "readability": readability,
    "newspaper": newspaper,
    "goose3": goose3,
    "trafilatura": trafilatura_eval,
    "mercury": mercury,
}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    ap.add_argument("--only", default=",".join(DATASETS))
    args = ap.parse_args()
    for name in args.only.split(","):
        n = DATASETS[name](args.out / name)
        print(f"{name}: {n} pages -> {args.out / name}")


if __name__ == "__main__":
    main()
