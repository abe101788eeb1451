"""Articles from a URL, a feed or standard input, through the real CLI and a local HTTP server.

Nothing here touches the internet: every URL is on 127.0.0.1 (127.0.0.2 plays a public host in
the redirect-guard test). Speech is the FakeEngine (the audio itself is the e2e tests' business).
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path
from xml.sax.saxutils import escape

import pytest
from click.testing import CliRunner

from audio_article.cli import cli

from .webserver import Page, serve

WEB = Path(__file__).resolve().parent / "data" / "web"
ARTICLE = (WEB / "article.html").read_bytes()
HTML = {"Content-Type": "text/html; charset=utf-8"}


def _big() -> object:
    def chunks():  # noqa: ANN202
        block = b"<p>" + b"word " * 20_000 + b"</p>\n"  # 100 KB
        for _ in range(200):  # 20 MB
            yield block

    return chunks


def site_pages() -> dict[str, Page]:
    return {
        "/article.html": Page(ARTICLE, headers=HTML),
        "/redirect": Page(status=302, headers={"Location": "/article.html"}),
        "/redirect-to-file": Page(status=302, headers={"Location": "file:///etc/passwd"}),
        "/loop": Page(status=302, headers={"Location": "/loop"}),
        "/slow.html": Page(ARTICLE, headers=HTML, delay_s=3.0),
        "/big.html": Page(_big(), headers=HTML),
        "/image.png": Page(
            b"\x89PNG\r\n\x1a\n" + b"\0" * 100, headers={"Content-Type": "image/png"}
        ),
        "/error.html": Page(b"oops", status=503, headers=HTML),
        "/robots.txt": Page(
            b"User-agent: *\nDisallow: /private/\n", headers={"Content-Type": "text/plain"}
        ),
        "/private/article.html": Page(ARTICLE, headers=HTML),
        "/latin1.html": Page(
            "<html><body><article><h1>Caf\u00e9 owners protest new rules</h1>"
            "<p>The owners of every caf\u00e9 in the old town closed their doors on Monday in "
            "protest at the new licensing rules, which they say will cost them dearly.</p>"
            "<p>The mayor said the rules would stay, but promised a meeting next week with the "
            "owners and their association.</p></article></body></html>".encode("latin-1"),
            headers={"Content-Type": "text/html; charset=ISO-8859-1"},
        ),
    }


@pytest.fixture
def site():  # noqa: ANN201
    with serve(site_pages()) as server:
        yield server


def run(*args: str, input: bytes | None = None) -> tuple[int, str, str]:  # noqa: A002
    result = CliRunner().invoke(cli, list(args), input=input)
    return result.exit_code, result.stdout, result.stderr


def files_in(folder: Path) -> list[str]:
    """Everything a run left in ``folder`` (the state directory included)."""
    if not folder.exists():
        return []
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file())


# --- convert URL ------------------------------------------------------------------------


def test_convert_url_tags_the_page_url(site, tmp_path: Path, fake_engine) -> None:  # noqa: ANN001
    from mutagen.id3 import ID3

    url = site.url("/article.html")
    code, out, err = run("convert", url, "-o", str(tmp_path))
    assert code == 0, err
    mp3 = Path(out.splitlines()[0])
    assert mp3.name == "harbour-reopens-after-storm-repairs.mp3"
    tags = ID3(mp3)
    assert tags["WOAS"].url == url
    assert str(tags["TPE1"]) == "Mara Lindqvist"
    meta = json.loads(mp3.with_suffix(".json").read_text())
    assert meta["metadata"]["url"] == url
    assert site.requests.count("/article.html") == 1
    # again: fetched again, found unchanged, nothing made
    code, out2, err = run("convert", url, "-o", str(tmp_path))
    assert code == 0 and out2 == out
    assert "kept: up to date" in err  # fetched again, unchanged: kept, not remade
    assert site.requests.count("/article.html") == 2


def test_redirect_is_followed_and_the_final_url_kept(site, tmp_path, fake_engine) -> None:  # noqa: ANN001
    from mutagen.id3 import ID3

    code, out, err = run("convert", site.url("/redirect"), "-o", str(tmp_path))
    assert code == 0, err
    assert ID3(out.splitlines()[0])["WOAS"].url == site.url("/article.html")


def test_charset_from_the_content_type_header(site, tmp_path, fake_engine) -> None:  # noqa: ANN001
    code, out, err = run("convert", site.url("/latin1.html"), "-o", str(tmp_path))
    assert code == 0, err
    vtt = Path(out.splitlines()[0]).with_suffix(".vtt").read_text(encoding="utf-8")
    assert "Caf\u00e9 owners protest new rules" in vtt
    assert "Ã" not in vtt


def test_charset_from_the_pages_meta(site, tmp_path, fake_engine) -> None:  # noqa: ANN001
    page = (
        '<html><head><meta charset="windows-1252"></head><body><article>'
        "<h1>Mayor\u2019s plan for the old market</h1><p>The mayor\u2019s plan, announced on "
        "Monday, would turn the old market into a covered square with a caf\u00e9.</p>"
        "<p>Traders said they had not been asked, and would fight it.</p></article></body></html>"
    ).encode("cp1252")
    site.pages["/meta.html"] = Page(page, headers={"Content-Type": "text/html"})
    code, out, err = run("convert", site.url("/meta.html"), "-o", str(tmp_path))
    assert code == 0, err
    vtt = Path(out.splitlines()[0]).with_suffix(".vtt").read_text(encoding="utf-8")
    assert "Mayor\u2019s plan for the old market" in vtt and "caf\u00e9" in vtt


def test_an_invalid_certificate_is_one_line(tmp_path: Path) -> None:
    import shutil
    import subprocess

    if not shutil.which("openssl"):
        pytest.skip("no openssl to make a certificate with")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj",
         "/CN=localhost", "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True,
    )  # fmt: skip
    with serve({"/article.html": Page(ARTICLE, headers=HTML)}, tls=(str(cert), str(key))) as site:
        url = f"https://127.0.0.1:{site.port}/article.html"
        code, out, err = run("convert", url, "-o", str(tmp_path / "out"))
    assert code == 1 and out == ""
    assert err.strip().startswith(f"Error: {url}: TLS certificate not valid")
    assert len(err.strip().splitlines()) == 1
    assert files_in(tmp_path / "out") == []


@pytest.mark.parametrize(
    ("path", "flags", "cause"),
    [
        ("/missing.html", (), "HTTP 404 Not Found"),
        ("/error.html", (), "HTTP 503"),
        ("/slow.html", ("--timeout", "0.5"), "timed out after 0.5 s"),
        ("/big.html", (), "response too large (more than 10 MB)"),
        ("/article.html", ("--max-size", "0.0005"), "response too large"),
        ("/image.png", (), "not an article page (content type image/png)"),
        ("/redirect-to-file", (), "only http and https URLs are fetched, not file:"),
        ("/loop", (), "too many redirects"),
        ("/private/article.html", (), "robots.txt of 127.0.0.1"),
    ],
)
def test_a_failed_fetch_is_one_line_and_writes_nothing(
    site,  # noqa: ANN001
    tmp_path: Path,
    fake_engine,  # noqa: ANN001
    path: str,
    flags: tuple[str, ...],
    cause: str,
) -> None:
    url = site.url(path)
    out_dir = tmp_path / "out"
    code, out, err = run("convert", url, "-o", str(out_dir), *flags)
    assert code == 1
    assert out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith(f"Error: {url}: ")
    assert cause in lines[0]
    assert files_in(out_dir) == []


@pytest.mark.parametrize(
    ("url", "cause"),
    [
        ("http://no-such-host.invalid/article.html", "cannot resolve host 'no-such-host.invalid'"),
        ("ftp://127.0.0.1/article.html", "only http and https URLs are fetched, not ftp:"),
        ("file:///etc/hostname", "only http and https URLs are fetched, not file:"),
    ],
)
def test_unfetchable_urls(tmp_path: Path, url: str, cause: str) -> None:
    code, _, err = run("convert", url, "-o", str(tmp_path / "out"))
    assert code == 1
    assert err.strip().startswith(f"Error: {url}: {cause}")
    assert len(err.strip().splitlines()) == 1
    assert files_in(tmp_path / "out") == []


def test_ignore_robots(site, tmp_path: Path, fake_engine) -> None:  # noqa: ANN001
    code, _, err = run(
        "convert", site.url("/private/article.html"), "--ignore-robots", "-o", str(tmp_path)
    )
    assert code == 0, err
    assert "/robots.txt" not in site.requests


def test_one_failed_url_does_not_stop_the_others(site, tmp_path, fake_engine) -> None:  # noqa: ANN001
    code, out, err = run(
        "convert", site.url("/missing.html"), site.url("/article.html"), "-o", str(tmp_path)
    )
    assert code == 1
    assert len(out.splitlines()) == 1 and out.strip().endswith(".mp3")
    assert f"Error: {site.url('/missing.html')}: HTTP 404" in err


def test_a_page_without_an_article_is_named_by_its_url(site, tmp_path, fake_engine) -> None:  # noqa: ANN001
    site.pages["/empty.html"] = Page(b"<html><body><nav>Home</nav></body></html>", headers=HTML)
    url = site.url("/empty.html")
    code, _, err = run("convert", url, "-o", str(tmp_path))
    assert code == 1
    assert err.startswith(f"Error: {url}: ")
    assert not list(tmp_path.glob("*.mp3"))


# --- the redirect guard (library level: a "public" host needs a second address) ----------


def _public_is_127_0_0_2(address: str) -> bool:
    """The guard's classifier for this test: 127.0.0.2 plays a public host, all else private."""
    return address != "127.0.0.2"


def test_public_to_private_redirect_is_refused(site) -> None:  # noqa: ANN001
    from audio_article.errors import FetchError
    from audio_article.fetch import Fetcher, FetchOptions

    try:
        public_ctx = serve({}, host="127.0.0.2")
        public = public_ctx.__enter__()
    except OSError:
        pytest.skip("127.0.0.2 is not a local address here")
    try:
        private_url = site.url("/article.html")
        public.pages["/go"] = Page(status=302, headers={"Location": private_url})
        public.pages["/here"] = Page(ARTICLE, headers=HTML)
        public.pages["/go-public"] = Page(status=301, headers={"Location": "/here"})
        with Fetcher(FetchOptions(robots=False), private=_public_is_127_0_0_2) as fetcher:
            with pytest.raises(FetchError) as caught:
                fetcher.get(public.url("/go"))
            assert "refused a redirect from a public address to a private one" in str(caught.value)
            assert "/article.html" not in site.requests  # refused before it was asked
            # public -> public is followed; a private start may go anywhere private
            assert fetcher.get(public.url("/go-public")).url == public.url("/here")
            assert fetcher.get(site.url("/redirect")).url == private_url
            # a link found on a public page (a feed) is held to the public rule from its first hop
            feed = fetcher.get(public.url("/here"))
            with pytest.raises(FetchError, match="refused a link from a public address"):
                fetcher.get(private_url, found_on=feed)
    finally:
        public_ctx.__exit__(None, None, None)


def test_the_connection_goes_to_the_checked_address(site) -> None:  # noqa: ANN001
    """The host name is resolved once, by the guard; the request goes to that address with the
    name in the Host header (so a second DNS answer cannot differ from the checked one)."""
    from audio_article.fetch import Fetcher, FetchOptions

    asked: list[str] = []

    def resolver(host: str, port: int) -> list[str]:
        asked.append(host)
        return ["127.0.0.1"]

    with Fetcher(FetchOptions(robots=False), resolver=resolver) as fetcher:
        response = fetcher.get(f"http://news.example:{site.port}/article.html")
    assert response.body == ARTICLE
    assert asked == ["news.example"]


# --- standard input -----------------------------------------------------------------------

MARKDOWN = b"""# Council approves new cycle lanes

The city council approved **three new cycle lanes** on Tuesday, after a year of consultation.

Work on the first lane, along the river, starts in [April](https://example.org/plan).
"""


def test_convert_stdin_markdown(tmp_path: Path, fake_engine) -> None:  # noqa: ANN001
    code, out, err = run("convert", "-", "-o", str(tmp_path), input=MARKDOWN)
    assert code == 0, err
    mp3 = Path(out.strip())
    assert mp3.name == "council-approves-new-cycle-lanes.mp3"
    meta = json.loads(mp3.with_suffix(".json").read_text())
    assert meta["title"] == "Council approves new cycle lanes"
    vtt = mp3.with_suffix(".vtt").read_text()
    assert "**" not in vtt and "](" not in vtt  # read as Markdown, not as text
    # the same article again: up to date; an edited one replaces it under the same name
    code, out2, err = run("convert", "-", "-o", str(tmp_path), input=MARKDOWN)
    assert out2 == out and "kept: up to date" in err
    edited = MARKDOWN.replace(b"Tuesday", b"Wednesday")
    code, out3, err = run("convert", "-", "-o", str(tmp_path), input=edited)
    assert code == 0 and out3 == out
    assert "Wednesday" in mp3.with_suffix(".vtt").read_text()


def test_stdin_format_flag(tmp_path: Path, fake_engine) -> None:  # noqa: ANN001
    code, out, err = run("convert", "-", "--format", "text", "-o", str(tmp_path), input=MARKDOWN)
    assert code == 0, err
    assert "**three" in Path(out.strip()).with_suffix(".vtt").read_text()  # taken as it is


def test_empty_stdin_is_an_error(tmp_path: Path) -> None:
    code, out, err = run("convert", "-", "-o", str(tmp_path), input=b"  \n")
    assert code == 1 and out == ""
    assert err.strip() == "Error: <stdin>: no article on standard input"
    assert files_in(tmp_path) == []


def test_format_needs_stdin(tmp_path: Path, sample: Path) -> None:
    code, _, err = run("convert", str(sample), "--format", "md", "-o", str(tmp_path))
    assert code == 2 and "--format is for standard input" in err


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("<!DOCTYPE html><html><body><p>Hi</p></body></html>", "html"),
        ("<p>One paragraph.</p>\n<p>Another.</p>", "html"),
        ("# A heading\n\nSome text.", "markdown"),
        ("---\ntitle: X\n---\nBody text here.", "markdown"),
        ("Text with a [link](https://example.org).", "markdown"),
        ("Some **bold** claim.", "markdown"),
        ("```\ncode\n```\n", "markdown"),
        ("Plain news text.\n\nAnother paragraph, with 5 * 3 = 15 in it.", "text"),
        ("Headline\n\nBy Jane Doe\n\n- a list item\n- another", "text"),
        ("#hashtag at the start of a tweet", "text"),
    ],
)
def test_guess_kind(text: str, kind: str) -> None:
    from audio_article.sources import guess_kind

    assert guess_kind(text) == kind


# --- batch --from-feed --------------------------------------------------------------------

START = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)
TOWNS = ["Ashford", "Bexley", "Colby", "Dunmore", "Elston", "Farley", "Glenrock", "Harwich",
         "Ivybridge", "Jarrow", "Kelso", "Lydney"]  # fmt: skip


def item_body(n: int, extra: str = "") -> str:
    town = TOWNS[n]
    return (
        f"<p>The library in {town} will open on Sundays from next month, the council said.</p>"
        f"<p>Residents of {town} had asked for longer hours for two years.{extra}</p>"
    )


def rss(items: list[dict[str, str]], title: str = "Local News") -> bytes:
    out = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">',
        f"<channel><title>{title}</title><link>https://local.example/</link>",
        "<description>News</description><language>en</language>",
    ]
    for it in items:
        out.append("<item>")
        out.append(f"<title>{escape(it['title'])}</title>")
        if "link" in it:
            out.append(f"<link>{escape(it['link'])}</link>")
        out.append(f'<guid isPermaLink="false">{escape(it["guid"])}</guid>')
        out.append(f"<pubDate>{it['date']}</pubDate>")
        out.append("<description>A short teaser.</description>")
        if "content" in it:
            out.append(f"<content:encoded><![CDATA[{it['content']}]]></content:encoded>")
        out.append("</item>")
    out.append("</channel></rss>")
    return "\n".join(out).encode()


def content_items(count: int = 10, changed: int | None = None) -> list[dict[str, str]]:
    return [
        {
            "title": f"{TOWNS[n]} library opens on Sundays",
            "guid": f"local-news-{n}",
            "link": f"https://local.example/news/{n}",
            "date": format_datetime(START + timedelta(days=n)),
            "content": item_body(n, " It will also lend tools." if n == changed else ""),
        }
        for n in range(count)
    ]


def feed_run(feed: str, out: Path, *flags: str) -> dict:  # noqa: ANN201
    report = out.parent / "report.json"
    code, _, err = run(
        "batch", "--from-feed", feed, "-o", str(out), "--jobs", "1", "--report", str(report),
        *flags,
    )  # fmt: skip
    data = json.loads(report.read_text())
    data["exit"], data["stderr"] = code, err
    return data


def test_feed_converts_new_and_changed_items_only(site, tmp_path: Path, fake_engine) -> None:  # noqa: ANN001
    import feedparser

    site.pages["/feed.xml"] = Page(
        rss(content_items()), headers={"Content-Type": "application/rss+xml"}
    )
    out = tmp_path / "podcast"
    first = feed_run(site.url("/feed.xml"), out)
    assert first["exit"] == 0, first["stderr"]
    assert first["summary"]["converted"] == 10
    assert len(list(out.glob("*.mp3"))) == 10
    assert not any(r.startswith("/news") for r in site.requests)  # content:encoded: no fetches

    second = feed_run(site.url("/feed.xml"), out)
    assert (second["summary"]["converted"], second["summary"]["skipped"]) == (0, 10)

    site.pages["/feed.xml"] = Page(rss(content_items(changed=4)), headers=HTML)
    third = feed_run(
        site.url("/feed.xml"),
        out,
        "--feed",
        "--title",
        "Local",
        "--base-url",
        "https://pod.example",
    )
    assert (third["summary"]["converted"], third["summary"]["skipped"]) == (1, 9)
    [changed] = [o for o in third["outcomes"] if o["status"] == "converted"]
    assert changed["input"] == "https://local.example/news/4"
    assert "lend tools" in (out / "elston-library-opens-on-sundays.vtt").read_text()
    assert len(list(out.glob("*.mp3"))) == 10  # the changed item kept its file

    podcast = feedparser.parse((out / "feed.xml").read_bytes())
    guids = {e.title: e.id for e in podcast.entries}
    assert guids["Elston library opens on Sundays"] == "local-news-4"
    assert sorted(guids.values()) == sorted(f"local-news-{n}" for n in range(10))
    links = {e.title: e.link for e in podcast.entries}
    assert links["Ashford library opens on Sundays"] == "https://local.example/news/0"
    # the item's metadata reached the episode: date from pubDate, publication from the channel
    meta = json.loads((out / "ashford-library-opens-on-sundays.json").read_text())
    assert meta["metadata"]["published"].startswith("2025-03-01")
    assert meta["metadata"]["publication"] == "Local News"


def test_feed_limit_takes_the_newest(tmp_path: Path, fake_engine) -> None:  # noqa: ANN001
    feed = tmp_path / "feed.xml"
    empty = {"title": "Nothing here", "guid": "empty-1", "date": format_datetime(START)}
    feed.write_bytes(
        rss([*content_items(6), empty]).replace(b"<description>A short teaser.</description>", b"")
    )
    whole = feed_run(str(feed), tmp_path / "all")
    assert whole["exit"] == 1 and whole["summary"]["converted"] == 6
    [failed] = [o for o in whole["outcomes"] if o["status"] == "failed"]
    assert failed["input"] == "empty-1" and "no content and no link" in failed["error"]
    result = feed_run(str(feed), tmp_path / "out", "--limit", "2")
    assert result["summary"]["converted"] == 2
    assert {o["input"] for o in result["outcomes"]} == {
        "https://local.example/news/5",
        "https://local.example/news/4",
    }


def test_feed_items_without_content_are_fetched_politely(site, tmp_path, fake_engine) -> None:  # noqa: ANN001
    items = []
    for n in range(6):
        path = f"/news/{n}.html"
        page = f"<html><head><title>T</title></head><body><article><h1>{TOWNS[n]} library opens on Sundays</h1>{item_body(n)}</article></body></html>"
        site.pages[path] = Page(page.encode(), headers={**HTML, "ETag": f'"v{n}"'}, delay_s=0.3)
        items.append({"title": f"Item {n}", "guid": f"g{n}", "link": site.url(path),
                      "date": format_datetime(START + timedelta(days=n))})  # fmt: skip
    items[2]["link"] = site.url("/missing.html")
    site.pages["/feed.xml"] = Page(rss(items), headers={"Content-Type": "application/rss+xml"})
    out = tmp_path / "out"
    first = feed_run(site.url("/feed.xml"), out, "--max-per-host", "2")
    assert first["exit"] == 1
    assert first["summary"]["converted"] == 5 and first["summary"]["failed"] == 1
    [failed] = [o for o in first["outcomes"] if o["status"] == "failed"]
    assert failed["input"] == site.url("/missing.html")
    assert failed["stage"] == "fetch" and "HTTP 404" in failed["error"]
    assert site.max_in_flight == 2  # six slow pages, never more than two at once
    from mutagen.id3 import ID3

    tags = ID3(out / "item-0.mp3")
    assert tags["WOAS"].url == site.url("/news/0.html")
    assert str(tags["TIT2"]) == "Ashford library opens on Sundays"  # the page's own title
    second = feed_run(site.url("/feed.xml"), out)
    assert second["summary"]["converted"] == 0 and second["summary"]["skipped"] == 5
    assert site.not_modified == 5  # asked with the ETag: no page was sent again


def test_feed_that_is_not_a_feed(site, tmp_path: Path) -> None:  # noqa: ANN001
    url = site.url("/article.html")
    code, _, err = run("batch", "--from-feed", url, "-o", str(tmp_path / "out"))
    assert code == 1
    assert err.strip().splitlines()[-1].startswith(f"Error: {url}: not an RSS or Atom feed")


def test_batch_needs_a_folder_or_a_feed(tmp_path: Path) -> None:
    code, _, err = run("batch", "-o", str(tmp_path))
    assert code == 2 and "DIRECTORY or --from-feed" in err


def test_robots_txt_errors_and_crawl_delay(tmp_path: Path) -> None:
    from audio_article.fetch import Fetcher

    pages = {
        "/robots.txt": Page(b"busy", status=503, headers={"Content-Type": "text/plain"}),
        "/article.html": Page(ARTICLE, headers=HTML),
    }
    with serve(pages) as site:
        url = site.url("/article.html")
        code, _, err = run("convert", url, "-o", str(tmp_path / "out"))
        assert code == 1
        assert "robots.txt answered HTTP 503" in err and "--ignore-robots" in err
        assert "/article.html" not in site.requests
        pages["/robots.txt"] = Page(b"User-agent: audio-article\nCrawl-delay: 1\n")
        with Fetcher() as fetcher:  # a fresh run reads robots.txt again
            assert fetcher.get(url).body == ARTICLE
            assert fetcher._crawl_delay("127.0.0.1") == 1.0


def test_atom_feed_from_a_file(site, tmp_path: Path, fake_engine) -> None:  # noqa: ANN001
    """Atom: one entry carries its content, the other only links to its page (fetched)."""
    link = site.url("/article.html")
    atom = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Coast</title><id>urn:coast</id>
<updated>2025-03-15T00:00:00Z</updated>
<entry><title>Kelso library opens on Sundays</title><id>urn:coast:1</id>
<updated>2025-03-15T00:00:00Z</updated><author><name>Ann Reid</name></author>
<content type="html">{escape(item_body(10))}</content></entry>
<entry><title>Harbour reopens</title><id>urn:coast:2</id><link href="{link}"/>
<updated>2025-03-14T00:00:00Z</updated></entry>
</feed>"""
    feed = tmp_path / "atom.xml"
    feed.write_text(atom, encoding="utf-8")
    out = tmp_path / "out"
    result = feed_run(str(feed), out)
    assert result["exit"] == 0, result["stderr"]
    assert [o["input"] for o in result["outcomes"]] == ["urn:coast:1", link]
    meta = json.loads((out / "kelso-library-opens-on-sundays.json").read_text())
    assert meta["metadata"]["author"] == "Ann Reid"
    assert meta["metadata"]["guid"] == "urn:coast:1"
    assert site.requests.count("/article.html") == 1
