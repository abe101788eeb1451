"""The episode page in a real browser: Debian's Chromium, driven by Playwright (no browser download).

The episodes are made by the real CLI with the real default engine (eSpeak NG), so the word
timings are the engine's own. Skipped only where /usr/bin/chromium is missing and not under CI.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from .conftest import SAMPLE

pytestmark = [pytest.mark.browser, pytest.mark.integration]

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--autoplay-policy=no-user-gesture-required", "--mute-audio",
]  # fmt: skip
STEM = "north-korean-troops-in-kursk-oblast-endure-heavy-losses-logistical-struggles"


def _cli(*args: str) -> subprocess.CompletedProcess:
    proc = subprocess.run(
        [sys.executable, "-m", "audio_article", *args], capture_output=True, text=True, timeout=300
    )
    assert proc.returncode == 0, proc.stderr
    return proc


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    if not CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail("CI must run the browser tests: /usr/bin/chromium is missing")
        pytest.skip("no /usr/bin/chromium (apt-get install chromium chromium-driver)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


@pytest.fixture(scope="module")
def sample_out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("sample")
    _cli("convert", str(SAMPLE), "-o", str(out), "--page", "--publication", "The Kyiv Independent")
    return out


def _open(browser, sample_out: Path, bypass_csp: bool) -> tuple[object, object]:  # noqa: ANN001
    ctx = browser.new_context(viewport={"width": 900, "height": 1000}, bypass_csp=bypass_csp)
    pg = ctx.new_page()
    pg.messages = []
    pg.on("console", lambda m: pg.messages.append(f"{m.type}: {m.text}"))
    pg.on("pageerror", lambda e: pg.messages.append(f"pageerror: {e}"))
    pg.goto((sample_out / f"{STEM}.html").as_uri())
    pg.wait_for_function("document.getElementById('audio').readyState >= 1")
    return ctx, pg


@pytest.fixture
def page(browser, sample_out: Path) -> Iterator[object]:  # noqa: ANN001
    """The sample's episode page, loaded, metadata read; console messages in ``page.messages``.

    Playwright's waits evaluate strings, which the page's Content-Security-Policy forbids: these
    tests bypass it; the first test loads the page under its CSP."""
    ctx, pg = _open(browser, sample_out, bypass_csp=True)
    yield pg
    ctx.close()


def timings(out: Path, stem: str = STEM) -> list[dict]:
    return json.loads((out / f"{stem}.timings.json").read_text())["cues"]


def seek(pg, seconds: float) -> None:  # noqa: ANN001
    pg.evaluate(
        """s => new Promise(done => {
            const a = document.getElementById('audio');
            a.addEventListener('seeked', () => requestAnimationFrame(() => done()), {once: true});
            a.currentTime = s;
        })""",
        seconds,
    )


def now(pg) -> int:  # noqa: ANN001
    """Index of the highlighted sentence among the transcript's sentences (-1: none)."""
    return pg.evaluate(
        "[...document.querySelectorAll('#transcript .c')].findIndex(s => s.classList.contains('now'))"
    )


def test_loads_without_console_errors_and_shows_the_disclosure(browser, sample_out) -> None:  # noqa: ANN001
    ctx = browser.new_context(viewport={"width": 390, "height": 844})  # a phone, under the CSP
    pg = ctx.new_page()
    messages: list[str] = []
    pg.on("console", lambda m: messages.append(f"{m.type}: {m.text}"))
    pg.on("pageerror", lambda e: messages.append(f"pageerror: {e}"))
    pg.goto((sample_out / f"{STEM}.html").as_uri(), wait_until="load")
    pg.locator("#transcript .c").first.click()  # the script runs: a click highlights
    pg.locator("#transcript .c.now").wait_for()
    pg.evaluate("document.getElementById('audio').pause()")  # allowed: not a string eval
    assert [m for m in messages if m.startswith(("error", "pageerror"))] == []
    assert pg.locator(".ai").is_visible()
    assert "AI assistance" in pg.locator(".ai").inner_text()
    assert pg.locator("h1").inner_text().startswith("North Korean troops in Kursk Oblast")
    # readable on a phone: nothing wider than the screen
    assert pg.evaluate("document.documentElement.scrollWidth") <= 390
    ctx.close()


def test_player_duration_is_the_mp3s(page, sample_out: Path) -> None:  # noqa: ANN001
    from mutagen.mp3 import MP3

    length = MP3(sample_out / f"{STEM}.mp3").info.length
    duration = page.evaluate("document.getElementById('audio').duration")
    assert duration == pytest.approx(length, abs=0.03)


def test_every_cue_has_its_sentence(page, sample_out: Path) -> None:  # noqa: ANN001
    cues = timings(sample_out)
    texts = page.evaluate(
        "[...document.querySelectorAll('#transcript .c')].map(s => s.textContent)"
    )
    assert texts == [c["text"] for c in cues]


def test_sentence_k_is_highlighted_while_the_playhead_is_in_cue_k(page, sample_out) -> None:  # noqa: ANN001
    cues = timings(sample_out)
    sampled = sorted({0, 1, 2, len(cues) // 2, len(cues) - 2, len(cues) - 1})
    for k in sampled:
        cue = cues[k]
        for at in (cue["start"] + 20, (cue["start"] + cue["end"]) / 2, cue["end"] - 20):
            seek(page, at / 1000)
            assert now(page) == k, (k, at)


def test_play_and_chapter_seek_highlight_the_right_sentence(page, sample_out) -> None:  # noqa: ANN001
    cues = timings(sample_out)
    chapters = json.loads((sample_out / f"{STEM}.chapters.json").read_text())["chapters"]
    assert len(chapters) >= 2
    last = chapters[-1]
    page.locator(".chapters button").last.click()
    page.wait_for_function("!document.getElementById('audio').paused")
    t = page.evaluate("document.getElementById('audio').currentTime")
    assert last["startTime"] <= t < last["startTime"] + 1.0
    k = next(i for i, c in enumerate(cues) if c["start"] >= last["startTime"] * 1000 - 1)
    assert now(page) == k
    assert page.locator(".chapters button").last.get_attribute("aria-current") == "true"
    page.wait_for_function(f"document.getElementById('audio').currentTime > {t + 0.3}")  # plays
    page.evaluate("document.getElementById('audio').pause()")


def test_a_click_on_a_sentence_moves_the_playhead_there(page, sample_out) -> None:  # noqa: ANN001
    cues = timings(sample_out)
    k = len(cues) // 2
    page.locator("#transcript .c").nth(k).click()
    t = page.evaluate("document.getElementById('audio').currentTime")
    assert cues[k]["start"] / 1000 <= t < cues[k]["start"] / 1000 + 0.5
    assert now(page) == k
    # and from the keyboard: the next sentence, Enter
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    t = page.evaluate("document.getElementById('audio').currentTime")
    assert cues[k + 1]["start"] / 1000 <= t < cues[k + 1]["start"] / 1000 + 0.5
    page.evaluate("document.getElementById('audio').pause()")


def test_the_word_being_spoken_is_highlighted(page, sample_out) -> None:  # noqa: ANN001
    cues = timings(sample_out)
    assert all(len(c["words"]) == len(c["text"].split()) for c in cues)  # eSpeak NG's word events
    checked = 0
    for k in (1, len(cues) // 2):
        cue, words = cues[k], cues[k]["text"].split()
        for j in range(0, len(words) - 1, 3):
            a, b = cue["words"][j], cue["words"][j + 1]
            if b - a < 40:
                continue  # two written words spoken as one ("12,000"): same start
            seek(page, (cue["start"] + (a + b) / 2) / 1000)
            word = page.evaluate("[...CSS.highlights.get('aa-word')].map(r => r.toString())")
            assert word == [words[j]], (k, j)
            checked += 1
    assert checked >= 4


def test_publication_fills_artist_and_album(sample_out: Path) -> None:
    from mutagen.id3 import ID3

    tags = ID3(sample_out / f"{STEM}.mp3")
    assert str(tags["TPE1"]) == "The Kyiv Independent"
    assert str(tags["TALB"]) == "The Kyiv Independent"


def test_a_script_in_the_title_stays_text(browser, tmp_path: Path) -> None:  # noqa: ANN001
    src = tmp_path / "evil.txt"  # a text copy keeps the markup as text
    src.write_text(
        "Council <script>window.pwned = 1</script> votes on the <b>budget</b>\n\n"
        "The council voted on the budget on Monday. It passed by five votes to four, after a "
        "debate that lasted most of the afternoon.\n\nThe mayor said the vote was a relief.\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    _cli("convert", str(src), "-o", str(out), "--page", "--no-intro", "--no-outro")
    html = next(p for p in out.glob("*.html") if p.name != "index.html")
    pg = browser.new_page(bypass_csp=True)
    errors: list[str] = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    pg.goto(html.as_uri())
    assert pg.evaluate("window.pwned") is None
    assert "<script>" in pg.locator("h1").inner_text()
    assert "<script>" in pg.title()
    assert pg.locator("h1 b").count() == 0
    assert errors == []
    pg.close()


def test_the_index_lists_every_episode_of_a_batch(browser, tmp_path: Path) -> None:  # noqa: ANN001
    src = tmp_path / "in"
    src.mkdir()
    for n, day in enumerate((3, 1, 2)):
        (src / f"a{n}.md").write_text(
            f"---\ntitle: Story number {n}\ndate: 2025-05-0{day}\n---\n\n"
            f"This is story number {n}. It is short.\n",
            encoding="utf-8",
        )
    out = tmp_path / "out"
    _cli("batch", str(src), "-o", str(out), "--page", "--jobs", "1", "--no-intro", "--no-outro",
         "--publication", "Test Gazette")  # fmt: skip
    pg = browser.new_page()
    pg.goto((out / "index.html").as_uri())
    titles = pg.locator(".episodes li a").all_inner_texts()
    assert titles == ["Story number 0", "Story number 2", "Story number 1"]  # newest first
    assert pg.locator(".episodes .label").all_inner_texts() == ["AI-narrated"] * 3
    pg.locator(".episodes li a").first.click()
    pg.wait_for_load_state()
    assert pg.locator("h1").inner_text() == "Story number 0"
    pg.close()
