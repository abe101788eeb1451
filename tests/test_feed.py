"""The podcast feed, read back by real podcast clients' parsers (feedparser, podcastparser)."""

from __future__ import annotations

import io
import json
import xml.etree.ElementTree as ET
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path

import feedparser
import podcastparser
import pytest
from click.testing import CliRunner

from audio_article.batch import InlineExecutor, convert_directory
from audio_article.cli import cli
from audio_article.config import Options
from audio_article.feed import ITUNES, PODCAST, Channel, build_feed, stable_guid, write_feed

from .conftest import DATA
from .test_batch import BODY, article, write

BASE = "https://pods.example.org/news"
CHANNEL = Channel(
    title="Example News, Read Aloud",
    base_url=BASE,
    author="Example Newsroom",
    image="cover.jpg",
    language="en",
    description="Our articles as audio.",
)


@pytest.fixture
def out(tmp_path: Path, fake_engine) -> Path:  # noqa: ANN001
    """Two episodes made by `batch`: one from a page with URL, date and description (its
    sidecars say so), one from plain text whose metadata sidecar is gone (ID3 fallback)."""
    src = tmp_path / "in"
    src.mkdir()
    (src / "one.html").write_bytes((DATA / "feed-budget.html").read_bytes())
    write(src, "two.txt", article("Roads Come First", *BODY[::-1]))
    options = Options(output_dir=tmp_path / "out", cache_dir=tmp_path / "cache")
    convert_directory(src, options, executor=InlineExecutor())
    out = options.output_dir
    for suffix in (".json", ".vtt", ".chapters.json"):
        assert (out / f"council-agrees-new-budget{suffix}").is_file()
        (out / f"roads-come-first{suffix}").unlink()
    return out


def test_feedparser_reads_every_field(out: Path) -> None:
    xml = build_feed(out, CHANNEL)
    d = feedparser.parse(xml)
    assert not d.bozo, d.get("bozo_exception")
    f = d.feed
    assert f.title == CHANNEL.title and f.link == BASE
    assert f.subtitle == "Our articles as audio." and f.language == "en"
    assert f.author == "Example Newsroom"
    assert f.image.href == f"{BASE}/cover.jpg"
    assert not f.itunes_explicit  # feedparser knows only yes/clean; podcastparser reads "false"
    assert [t.term for t in f.tags] == ["News"]
    assert len(d.entries) == 2
    budget = next(e for e in d.entries if e.title == "Council Agrees New Budget")
    mp3 = out / "council-agrees-new-budget.mp3"
    (enc,) = budget.enclosures
    assert enc.href == f"{BASE}/council-agrees-new-budget.mp3"
    assert int(enc.length) == mp3.stat().st_size and enc.type == "audio/mpeg"
    assert budget.id == "https://news.example.org/2025/03/budget"
    assert budget.guidislink is False
    assert budget.published_parsed[:6] == (2025, 3, 14, 9, 30, 0)
    sidecar = json.loads((out / "council-agrees-new-budget.json").read_text())
    assert int(budget.itunes_duration) == round(sidecar["duration_ms"] / 1000)
    assert budget.itunes_duration != "0"
    assert budget.summary.startswith("The council agreed a budget.")
    assert "created with AI assistance" in budget.summary
    # the other episode has no sidecar: its facts come from the MP3's tags
    roads = next(e for e in d.entries if e.title == "Roads Come First")
    assert roads.id.startswith("urn:uuid:")
    assert int(roads.itunes_duration) > 0


def test_podcastparser_reads_every_field(out: Path) -> None:
    xml = build_feed(out, CHANNEL)
    p = podcastparser.parse(f"{BASE}/feed.xml", io.BytesIO(xml))
    assert p["title"] == CHANNEL.title and p["link"] == BASE
    assert p["description"] == "Our articles as audio."
    assert p["cover_url"] == f"{BASE}/cover.jpg"
    assert p["type"] == "episodic" and p["explicit"] is False
    episodes = {e["title"]: e for e in p["episodes"]}
    budget = episodes["Council Agrees New Budget"]
    (enc,) = budget["enclosures"]
    mp3 = out / "council-agrees-new-budget.mp3"
    assert enc["url"] == f"{BASE}/council-agrees-new-budget.mp3"
    assert enc["file_size"] == mp3.stat().st_size and enc["mime_type"] == "audio/mpeg"
    assert budget["guid"] == "https://news.example.org/2025/03/budget"
    assert budget["published"] == int(datetime(2025, 3, 14, 9, 30, tzinfo=UTC).timestamp())
    sidecar = json.loads((out / "council-agrees-new-budget.json").read_text())
    assert budget["total_time"] == round(sidecar["duration_ms"] / 1000)
    assert budget["link"] == "https://news.example.org/2025/03/budget"
    assert budget["explicit"] is False
    assert "created with AI assistance" in budget["description"]
    roads = episodes["Roads Come First"]
    assert roads["total_time"] > 0 and roads["guid"].startswith("urn:uuid:")


def test_podcast_namespace_elements(out: Path) -> None:
    root = ET.fromstring(build_feed(out, CHANNEL))
    channel = root.find("channel")
    assert channel.find(f"{{{PODCAST}}}txt").attrib == {"purpose": "ai-content"}
    items = channel.findall("item")
    for item in items:
        txt = item.find(f"{{{PODCAST}}}txt")
        assert txt.text == "true" and txt.get("purpose") == "ai-content"
        assert item.find("guid").get("isPermaLink") == "false"
        parsedate_to_datetime(item.find("pubDate").text)  # RFC 2822
    budget = next(i for i in items if i.find("title").text == "Council Agrees New Budget")
    transcript = budget.find(f"{{{PODCAST}}}transcript")
    assert transcript.attrib == {"url": f"{BASE}/council-agrees-new-budget.vtt", "type": "text/vtt"}
    chapters = budget.find(f"{{{PODCAST}}}chapters")
    assert chapters.attrib == {
        "url": f"{BASE}/council-agrees-new-budget.chapters.json",
        "type": "application/json+chapters",
    }
    roads = next(i for i in items if i.find("title").text == "Roads Come First")
    assert roads.find(f"{{{PODCAST}}}transcript") is None  # no sidecar, no link
    assert channel.find(f"{{{ITUNES}}}explicit").text == "false"
    assert channel.find(f"{{{ITUNES}}}category").get("text") == "News"


def test_guids_survive_a_rerender(out: Path, tmp_path: Path) -> None:
    before = {e.title: e.id for e in feedparser.parse(build_feed(out, CHANNEL)).entries}
    src = tmp_path / "in"
    write(src, "two.txt", article("Roads Come First", *BODY))  # edited: re-rendered
    (src / "one.html").write_text((src / "one.html").read_text().replace("three", "four"))
    options = Options(output_dir=out, cache_dir=tmp_path / "cache")
    convert_directory(src, options, executor=InlineExecutor())
    after = {e.title: e.id for e in feedparser.parse(build_feed(out, CHANNEL)).entries}
    assert after == before
    assert len(set(after.values())) == 2


def test_stable_guid_does_not_depend_on_bytes() -> None:
    day = datetime(2025, 1, 2, tzinfo=UTC)
    assert stable_guid("https://x.org/a", "T", day, "t") == "https://x.org/a"
    assert stable_guid(None, "T", day, "t") == stable_guid(None, "T ", day, "t")
    assert stable_guid(None, "T", day, "t") != stable_guid(None, "T", day, "t-2")


def test_feed_command_and_batch_feed(out: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(
        cli, ["feed", str(out), "--title", "Pod", "--base-url", BASE, "--author", "Me"]
    )
    assert result.exit_code == 0, result.output
    d = feedparser.parse((out / "feed.xml").read_bytes())
    assert d.feed.title == "Pod" and len(d.entries) == 2
    assert CliRunner().invoke(cli, ["feed", str(out), "--title", "Pod"]).exit_code == 2
    bad = CliRunner().invoke(cli, ["feed", str(out), "--title", "P", "--base-url", "x.org"])
    assert bad.exit_code == 2
    assert write_feed(out, CHANNEL).name == "feed.xml"
