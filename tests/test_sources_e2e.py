"""End to end: `convert URL` and `batch --from-feed` in a real process, real engine and encoder,
against a local HTTP server on 127.0.0.1."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from .test_sources import ARTICLE, HTML, WEB, content_items, rss
from .webserver import Page, serve

pytestmark = pytest.mark.integration


def cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "audio_article", *args], capture_output=True, text=True, timeout=600
    )


def audio_frames(mp3: Path) -> bytes:
    """The MP3's audio: everything after the ID3v2 tag (and before an ID3v1 tag, if any)."""
    from mutagen.id3 import ID3

    data = mp3.read_bytes()
    data = data[ID3(mp3).size :]
    return data[:-128] if data[-128:-125] == b"TAG" else data


def test_convert_url_gives_the_same_audio_as_the_saved_file(tmp_path: Path) -> None:
    from mutagen.id3 import ID3

    with serve({"/article.html": Page(ARTICLE, headers=HTML)}) as site:
        url = site.url("/article.html")
        fetched = cli("-q", "convert", url, "-o", str(tmp_path / "web"))
    assert fetched.returncode == 0, fetched.stderr
    saved = cli("-q", "convert", str(WEB / "article.html"), "-o", str(tmp_path / "file"))
    assert saved.returncode == 0, saved.stderr
    a, b = Path(fetched.stdout.strip()), Path(saved.stdout.strip())
    assert a.name == b.name == "harbour-reopens-after-storm-repairs.mp3"
    frames = audio_frames(a)
    assert len(frames) > 100_000
    assert frames == audio_frames(b)
    assert ID3(a)["WOAS"].url == url
    assert "WOAS" not in ID3(b)


def test_feed_converts_ten_then_none_then_the_changed_one(tmp_path: Path) -> None:
    out = tmp_path / "podcast"
    pages = {
        "/feed.xml": Page(rss(content_items()), headers={"Content-Type": "application/rss+xml"})
    }

    def run() -> dict:
        report = tmp_path / "report.json"
        proc = cli(
            "-q", "batch", "--from-feed", site.url("/feed.xml"), "-o", str(out), "--jobs", "2",
            "--report", str(report), "--no-intro", "--no-outro", "--sample-rate", "22050",
        )  # fmt: skip
        assert proc.returncode == 0, proc.stderr
        return json.loads(report.read_text())["summary"]

    with serve(pages) as site:
        assert run()["converted"] == 10
        assert len(list(out.glob("*.mp3"))) == 10
        again = run()
        assert (again["converted"], again["skipped"]) == (0, 10)
        pages["/feed.xml"] = Page(rss(content_items(changed=7)), headers=HTML)
        changed = run()
        assert (changed["converted"], changed["skipped"]) == (1, 9)
