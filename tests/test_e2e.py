"""End to end: the real CLI, the real default engine (eSpeak NG), a real MP3 read back."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def converted(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, subprocess.CompletedProcess]:
    from .conftest import SAMPLE

    out = tmp_path_factory.mktemp("out")
    proc = subprocess.run(
        [sys.executable, "-m", "audio_article", "convert", str(SAMPLE), "-o", str(out)],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    return out, proc


def test_prints_the_mp3_path_only_on_stdout(converted) -> None:  # noqa: ANN001
    out, proc = converted
    mp3 = out / "north-korean-troops-in-kursk-oblast-endure-heavy-losses-logistical-struggles.mp3"
    assert proc.stdout.splitlines()[0] == str(mp3)
    assert "Audio saved" not in proc.stdout
    assert mp3.is_file()
    assert not [p for p in out.iterdir() if p.name.endswith(".part")]  # no temp files left


def test_mp3_reads_back_with_tags_and_duration(converted) -> None:  # noqa: ANN001
    from mutagen.mp3 import MP3

    out, _ = converted
    mp3 = next(out.glob("*.mp3"))
    audio = MP3(mp3)
    assert audio.info.sample_rate == 44_100
    assert audio.info.channels == 1
    assert audio.info.bitrate == 96_000
    tags = audio.tags
    assert tags.version[:2] == (2, 3)
    assert str(tags["TIT2"]).startswith("North Korean troops in Kursk Oblast")
    assert str(tags["TCON"]) == "Podcast"
    assert "2024" in str(tags.get("TYER") or tags.get("TDRC"))
    comms = [str(f) for k, f in tags.items() if k.startswith("COMM")]
    assert any("This audio is created with AI assistance." in c for c in comms)
    tlen_ms = int(str(tags["TLEN"]))
    # the sample reads for about a minute and a half
    assert 40_000 < tlen_ms < 240_000
    assert abs(audio.info.length * 1000 - tlen_ms) <= 50


def test_clean_json(converted) -> None:  # noqa: ANN001
    from .conftest import SAMPLE

    proc = subprocess.run(
        [sys.executable, "-m", "audio_article", "clean", "--json", str(SAMPLE)],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    data = json.loads(proc.stdout)
    assert data["metadata"]["published"] == "2024-12-26T15:37:00"
    assert data["metadata"]["reading_time_minutes"] == 2
    assert len(data["paragraphs"]) == 11
