"""A batch's site template: lines that other pages of the batch show too are not read.

(How much this helps is measured on public pages in ``benchmarks/extract_site.py``; these tests
pin the behaviour: what counts as shared, what is protected, and that every way of running a
batch passes the evidence to its jobs.)
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from audio_article.batch import InlineExecutor, ProcessExecutor, convert_directory, plan_directory
from audio_article.cli import cli
from audio_article.config import Options
from audio_article.extract import extract
from audio_article.extract.site import REASON, drop_shared, line_key, page_lines
from audio_article.models import Article, Removed, Section, Source
from audio_article.pipeline import write_script
from audio_article.site import (
    TEMPLATE_PAGES,
    PageLines,
    executor_template,
    local_template,
    packed_shared_lines,
    shared_lines,
    unpack,
)

HEADER = ["Daily Planet", "News", "Sport", "Weather"]
FOOTER = [
    "Sign up for our morning briefing",
    "Most read this week",
    "Contact us",
]

STORIES = {
    "bridge": (
        "Old Bridge Closes for Repairs",
        [
            "The old stone bridge over the river closed on Monday for six weeks of repairs, "
            "the county's engineers said after a survey found cracks in two of its arches.",
            "Drivers are asked to use the ring road, which adds about ten minutes to a trip "
            "into town at the busiest times of the day.",
            "The work will cost four hundred thousand pounds, paid from the roads budget.",
        ],
    ),
    "library": (
        "Library Opens on Sundays",
        [
            "The central library will open on Sundays from next month, after two years of "
            "requests from parents and students who said the weekday hours were too short.",
            "Volunteers will help the staff on the new shift, the council said on Tuesday.",
            "A reading club for children will meet there every other Sunday morning.",
        ],
    ),
    "market": (
        "Farmers Market Moves to the Square",
        [
            "The weekly farmers market will move to the town square in the spring, giving "
            "its forty stalls more room and shoppers a shorter walk from the bus station.",
            "Traders voted for the move at a meeting on Wednesday evening in the town hall.",
            "The first market in the square is planned for the second Saturday of March.",
        ],
    ),
}


PROMO = "Listen to the Daily Planet podcast wherever you get your podcasts."
"""A promo inside the body, which the extractor alone reads (a sentence among sentences)."""
TEMPLATE = [*HEADER, PROMO, *FOOTER]


def page(title: str, paragraphs: list[str]) -> str:
    return "\n".join([*HEADER, title, paragraphs[0], PROMO, *paragraphs[1:], *FOOTER]) + "\n"


def text_source(text: str, name: str = "page.txt") -> Source:
    return Source(Path(name), text, "text")


def site(folder: Path) -> dict[str, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    out = {}
    for name, (title, paragraphs) in STORIES.items():
        out[name] = folder / f"{name}.txt"
        out[name].write_text(page(title, paragraphs), encoding="utf-8")
    return out


# --- the lines of a page -------------------------------------------------------------------


def test_a_line_key_ignores_case_and_edge_punctuation_and_is_the_same_in_every_process():
    assert line_key("Sign up for our morning briefing") == line_key(
        "  SIGN UP for our morning briefing! "
    )
    assert line_key("Contact us") != line_key("Contact them")
    code = "from audio_article.extract.site import line_key; print(line_key('Contact us'))"
    for seed in ("1", "2"):  # str hashing differs per process; a key must not
        got = subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            check=True,
            env={"PYTHONHASHSEED": seed, "PATH": ""},
        )
        assert int(got.stdout) == line_key("Contact us")


def test_page_lines_of_copied_text_html_and_markdown_are_the_lines_a_reader_sees():
    title, paragraphs = STORIES["bridge"]
    text = page_lines(text_source(page(title, paragraphs)))
    html = page_lines(
        Source(
            Path("p.html"),
            "<html><head><title>x</title><script>var a = 1;</script></head><body>"
            + "<nav><a href='/'>Daily Planet</a><ul><li>News</li><li>Sport</li><li>Weather</li></ul></nav>"
            + f"<h1>{title}</h1><p>{paragraphs[0]}</p><aside>{PROMO}</aside>"
            + "".join(f"<p>{p}</p>" for p in paragraphs[1:])
            + "<footer>" + "".join(f"<div>{f}</div>" for f in FOOTER) + "</footer></body></html>",
            "html",
        )
    )  # fmt: skip
    md = page_lines(
        Source(Path("p.md"), f"# {title}\n\n" + "\n\n".join(paragraphs) + "\n\n- Contact us\n", "markdown")
    )  # fmt: skip
    assert text.lines == html.lines  # the same page, saved or copied
    assert line_key("Contact us") in md.line_keys() and line_key(title) in md.line_keys()
    assert line_key("var a = 1;") not in html.line_keys() and line_key("x") not in html.line_keys()
    # paragraphs: long lines that end like a sentence (the third is too short to tell a story)
    assert text.paragraph_keys() == {line_key(p) for p in paragraphs[:2]}


def test_unreadable_markup_has_no_lines():
    assert page_lines(Source(Path("e.html"), "   ", "html")) == PageLines.of([])


# --- what a batch shares ---------------------------------------------------------------------


def test_lines_on_another_page_are_shared_and_the_story_is_not():
    pages = {n: page_lines(text_source(page(t, ps))) for n, (t, ps) in STORIES.items()}
    shared = shared_lines(pages)
    template = {line_key(x) for x in TEMPLATE}
    for name in STORIES:
        assert shared[name] == template, name
    assert {k: unpack(v) for k, v in packed_shared_lines(pages).items()} == shared
    alone = shared_lines({"bridge": pages["bridge"]})
    assert alone == {"bridge": frozenset()}


def test_pages_that_tell_one_story_are_no_evidence_against_each_other():
    title, paragraphs = STORIES["bridge"]
    update = [*paragraphs[:2], "Update: the bridge will reopen a week early, on Friday."]
    pages = {
        "bridge": page_lines(text_source(page(title, paragraphs))),
        "update": page_lines(text_source(page(title + " (updated)", update))),
        "library": page_lines(text_source(page(*STORIES["library"]))),
    }
    shared = shared_lines(pages)
    short_story_line = line_key(paragraphs[2])  # short: not protected as a paragraph would be
    two_saves = shared_lines({"a": pages["bridge"], "b": pages["bridge"]})
    assert two_saves == {"a": frozenset(), "b": frozenset()}
    # the template still counts, from the other story
    assert line_key("Contact us") in shared["bridge"] and line_key("News") in shared["update"]
    assert short_story_line not in shared["bridge"]
    assert line_key(title) not in shared["bridge"]


def test_a_disclaimer_on_every_page_does_not_make_them_one_story():
    disclaimer = [
        "The views expressed in this article are the author's own and do not reflect the "
        "editorial policy of the Daily Planet or of its owners in any way.",
        "All rights reserved. No part of this article may be reproduced without the written "
        "permission of the publisher, except for short quotations in reviews.",
    ]
    pages = {
        n: PageLines.of(
            [line_key(f"Story number {n} of the week"), line_key("Contact us")]
            + [line_key(d) for d in disclaimer],
            [line_key(d) for d in disclaimer],
        )
        for n in range(TEMPLATE_PAGES + 2)
    }
    shared = shared_lines(pages)
    assert all(line_key("Contact us") in keys for keys in shared.values())
    assert all(line_key("Story number 3 of the week") not in shared[n] for n in pages)


# --- what is dropped ------------------------------------------------------------------------


def article_of(*sections: Section) -> Article:
    return Article(title="Old Bridge Closes", sections=sections, removed=(Removed("x", "y"),))


def test_shared_headings_and_short_lines_go_and_say_why():
    long_para = STORIES["bridge"][1][0]
    art = article_of(
        Section(None, (long_para, "Read more: our bridges map")),
        Section("Most read this week", ("Short teaser one", "Short teaser two")),
        Section("Why it matters", ("Drivers lose ten minutes a day.", long_para + " Again.")),
    )
    shared = {line_key(x) for x in ("Read more: our bridges map", "Most read this week",
              "Short teaser one", "Short teaser two", "Why it matters", long_para)}  # fmt: skip
    got = drop_shared(art, shared)
    # a shared paragraph that reads as one is kept; the links box and its heading go; a
    # section whose heading went goes on with the one before
    assert got.sections == (
        Section(None, (long_para, "Drivers lose ten minutes a day.", long_para + " Again.")),
    )
    assert got.title == art.title
    assert got.removed[0] == Removed("x", "y")
    assert [r.line for r in got.removed[1:]] == [
        "Read more: our bridges map",
        "Most read this week",
        "Short teaser one",
        "Short teaser two",
        "Why it matters",
    ]
    assert {r.reason for r in got.removed[1:]} == {REASON}


def test_nothing_is_dropped_when_nothing_would_be_left():
    art = article_of(Section(None, ("Short one", "Short two")))
    assert drop_shared(art, {line_key("Short one"), line_key("Short two")}) is art
    assert drop_shared(art, frozenset()) is art


def test_extract_with_a_batchs_evidence_reads_only_the_story():
    title, paragraphs = STORIES["market"]
    source = text_source(page(title, paragraphs))
    pages = {n: page_lines(text_source(page(t, ps))) for n, (t, ps) in STORIES.items()}
    art = extract(source, shared_lines(pages)["market"])
    assert art.title == title
    assert art.blocks == tuple(paragraphs)
    assert {r.line for r in art.removed} >= set(HEADER[1:] + FOOTER)
    assert PROMO in extract(source).blocks  # alone, the promo reads as the story's
    assert [r.reason for r in art.removed if r.line == PROMO] == [REASON]


# --- every way of running a batch passes the evidence ------------------------------------------


def test_a_folders_jobs_carry_their_template_lines_and_the_spoken_text_leaves_them_out(
    tmp_path, fake_engine
):
    paths = site(tmp_path / "in")
    options = Options(output_dir=tmp_path / "out", cache_dir=tmp_path / "cache")
    plan = plan_directory(tmp_path / "in", options)
    template = {line_key(x) for x in TEMPLATE}
    assert {job.input.name: unpack(job.shared) for job in plan.jobs} == {
        p.name: template for p in paths.values()
    }
    alone = " ".join(s.text for s in write_script(paths["bridge"], options).segments)
    in_batch = " ".join(s.text for s in write_script(paths["bridge"], options, template).segments)
    assert "podcast" in alone and "podcast" not in in_batch
    summary = convert_directory(tmp_path / "in", options, executor=InlineExecutor())
    assert summary.ok and summary.count("converted") == 3
    spoken = " ".join(fake_engine.calls)
    assert "podcast" not in spoken and "Most read" not in spoken
    assert "town square" in spoken and "ring road" in spoken


def test_a_pools_workers_read_and_count_the_same_lines(tmp_path):
    paths = list(site(tmp_path / "in").values())
    got = executor_template(ProcessExecutor(2))(paths)
    assert got == local_template(paths) and all(got.values()) and len(got) == 3


def test_a_feeds_items_are_one_sites_pages(tmp_path, fake_engine):
    from audio_article.from_feed import convert_feed

    from .test_sources import rss

    items = [
        {
            "title": title,
            "guid": name,
            "date": "Mon, 03 Mar 2025 09:00:00 +0000",
            "content": "".join(f"<p>{p}</p>" for p in paragraphs)
            + f"<p>{PROMO}</p><p>{paragraphs[0]} Still.</p>",
        }
        for name, (title, paragraphs) in STORIES.items()
    ]
    feed = tmp_path / "feed.xml"
    feed.write_bytes(rss(items))
    options = Options(output_dir=tmp_path / "out", cache_dir=tmp_path / "cache")
    summary = convert_feed(str(feed), options, executor=InlineExecutor())
    assert summary.count("converted") == 3
    spoken = " ".join(fake_engine.calls)
    assert "podcast" not in spoken and "town square" in spoken


def test_clean_site_shows_what_the_other_pages_share(tmp_path):
    paths = site(tmp_path / "in")
    runner = CliRunner()
    alone = runner.invoke(cli, ["clean", str(paths["library"])])
    got = runner.invoke(cli, ["clean", str(paths["library"]), "--site", str(tmp_path / "in"), "--explain"])  # fmt: skip
    assert alone.exit_code == 0 and got.exit_code == 0, got.output
    body = got.output.split("\n# Encoding")[0]
    assert PROMO in alone.output and PROMO not in body
    assert f"[{REASON}] {PROMO}" in got.output
    missing = runner.invoke(cli, ["clean", str(paths["library"]), "--site", str(tmp_path / "nope")])
    assert missing.exit_code == 2 and "nope" in missing.output


def test_a_cluster_job_carries_its_template_lines_to_the_worker(tmp_path, fake_engine, monkeypatch):
    pytest.importorskip("distributed")
    import audio_article
    from audio_article import remote
    from audio_article.cluster import AudioArticleWorker

    monkeypatch.setattr(remote, "version_mismatch", None)
    monkeypatch.setattr(remote, "hang_after_s", remote.hang_after_s)
    site(tmp_path / "in")
    options = Options(output_dir=tmp_path / "out", cache_dir=tmp_path / "cache")
    job = plan_directory(tmp_path / "in", options).jobs[0]
    shipped = remote._Shipped([job])[0]
    assert shipped.job.shared == job.shared and unpack(job.shared) == {
        line_key(x) for x in TEMPLATE
    }
    AudioArticleWorker(audio_article.__version__, 30.0).setup(None)
    answer = remote.run_shipped(shipped)  # what a worker runs, here
    assert answer.outcome.status == "converted"
    spoken = " ".join(fake_engine.calls)
    assert "podcast" not in spoken and STORIES[job.input.stem][1][0][:40] in spoken


def test_the_files_of_one_convert_are_a_batch(tmp_path, fake_engine):
    paths = site(tmp_path / "in")
    runner = CliRunner()
    out = ["-o", str(tmp_path / "out")]
    both = runner.invoke(cli, ["convert", str(paths["library"]), str(paths["market"]), *out])
    assert both.exit_code == 0, both.output
    spoken = " ".join(fake_engine.calls)
    assert "podcast" not in spoken and "town square" in spoken and "reading club" in spoken
    one = runner.invoke(cli, ["convert", str(paths["bridge"]), *out])
    assert one.exit_code == 0, one.output
    assert PROMO in " ".join(fake_engine.calls)  # alone, the promo is read (not a cached clip)


PARENT_PROBE = """
import sys
from pathlib import Path
from audio_article.batch import ProcessExecutor, executor_titles, plan_directory
from audio_article.config import Options
from audio_article.site import executor_template
pool = ProcessExecutor(2)
options = Options(output_dir=Path(sys.argv[2]), cache_dir=Path(sys.argv[3]))
plan = plan_directory(
    Path(sys.argv[1]), options, titles=executor_titles(pool), template=executor_template(pool)
)
assert len(plan.jobs) == 3 and all(job.shared for job in plan.jobs), plan
heavy = [m for m in ("numpy", "trafilatura", "lxml") if m in sys.modules]
assert not heavy, heavy
"""


def test_a_pools_parent_plans_the_template_without_the_text_stages(tmp_path):
    site(tmp_path / "in")
    args = [str(tmp_path / "in"), str(tmp_path / "out"), str(tmp_path / "cache")]
    proc = subprocess.run(
        [sys.executable, "-c", PARENT_PROBE, *args], capture_output=True, text=True
    )
    assert proc.returncode == 0, proc.stderr


def reference_shared(pages: dict[int, tuple[set[int], set[int]]]) -> dict[int, frozenset[int]]:
    """``shared_lines`` said plainly, with sets (what the numpy counting must equal)."""
    from audio_article.site import SAME_STORY, SAME_STORY_SHARE

    holders: dict[int, set[int]] = {}
    for page, (lines, _) in pages.items():
        for key in lines:
            holders.setdefault(key, set()).add(page)
    story: dict[int, set[int]] = {page: set() for page in pages}
    for page, (_, paras) in pages.items():
        for other, (_, other_paras) in pages.items():
            if other == page:
                continue
            both = [k for k in paras & other_paras if len(holders[k]) <= TEMPLATE_PAGES]
            fewer = min(len(paras), len(other_paras))
            if len(both) >= SAME_STORY and len(both) >= SAME_STORY_SHARE * fewer:
                story[page].add(other)
    return {
        page: frozenset(k for k in lines if holders[k] - {page} - story[page])
        for page, (lines, _) in pages.items()
    }


@given(st.dictionaries(st.integers(0, 7), st.sets(st.integers(0, 40), max_size=20), max_size=7))
def test_the_counting_equals_the_plain_definition(raw) -> None:
    # whether a line is a paragraph depends on its text alone: here, keys under 25 are
    pages = {p: (lines, {k for k in lines if k < 25}) for p, lines in raw.items()}
    big = {p: ({k + 2**63 for k in ls}, {k + 2**63 for k in ps}) for p, (ls, ps) in pages.items()}
    for sample in (pages, big):  # (keys near 2**64: the packing is unsigned)
        got = shared_lines({p: PageLines.of(ls, ps) for p, (ls, ps) in sample.items()})
        assert got == reference_shared(sample)


def test_a_page_that_cannot_be_read_is_no_evidence_and_fails_alone(tmp_path, fake_engine):
    paths = site(tmp_path / "in")
    (tmp_path / "in" / "broken.txt").write_bytes(bytes(range(256)) * 8)  # binary: refused
    (tmp_path / "in" / "empty.html").write_bytes(b"")
    options = Options(output_dir=tmp_path / "out", cache_dir=tmp_path / "cache")
    found = local_template([*paths.values(), tmp_path / "in" / "broken.txt", tmp_path / "gone.txt"])
    assert set(found) == set(paths.values())
    summary = convert_directory(tmp_path / "in", options, executor=InlineExecutor())
    status = {o.input.name: o.status for o in summary.outcomes}
    assert status == {
        "bridge.txt": "converted",
        "library.txt": "converted",
        "market.txt": "converted",
        "broken.txt": "failed",
        "empty.html": "failed",
    }
    assert "podcast" not in " ".join(fake_engine.calls)


def test_a_bug_reading_one_pages_lines_costs_only_its_evidence(tmp_path, monkeypatch):
    from audio_article.extract import site as page_site

    paths = site(tmp_path / "in")
    real = page_site.page_lines

    def flaky(source: Source) -> PageLines:
        if source.path.name == "bridge.txt":
            raise RuntimeError("a bug")
        return real(source)

    monkeypatch.setattr(page_site, "page_lines", flaky)
    found = local_template(list(paths.values()))
    assert set(found) == {paths["library"], paths["market"]}
    assert unpack(found[paths["library"]]) == {line_key(x) for x in TEMPLATE}
