"""The real CLI on the sample with the real default engine: the audio path's invariants."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from mutagen.id3 import ID3
from mutagen.mp3 import MP3

from audio_article.config import DISCLOSURE
from audio_article.inspect import inspect_mp3

FRAME_MS = 1152 / 44.1


@pytest.mark.integration
def test_real_cli_on_the_sample(tmp_path: Path) -> None:
    """The real default engine (eSpeak NG), encoder and CLI, checked for the same invariants."""
    from click.testing import CliRunner

    from audio_article.cli import cli

    sample = (
        Path(__file__).resolve().parent.parent
        / "examples"
        / "kyiv-independent-north-korean-troops.txt"
    )
    result = CliRunner().invoke(cli, ["convert", str(sample), "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    mp3 = Path(result.stdout.strip().splitlines()[0])
    assert mp3.is_file() and mp3.parent == tmp_path
    meta = json.loads(mp3.with_suffix(".json").read_text())
    info = MP3(mp3).info
    assert abs(info.length * 1000 - meta["duration_ms"]) < FRAME_MS
    tags = ID3(mp3)
    assert str(tags["TCON"]) == "Podcast" and str(tags["TXXX:AI_DISCLOSURE"]) == DISCLOSURE
    assert str(tags["TXXX:DIGITAL_SOURCE_TYPE"]).endswith("/algorithmicMedia")
    assert str(tags["TIT2"]).startswith("North Korean troops in Kursk Oblast")
    assert "pyttsx3" in str(tags["TSSE"])
    chapters = [tags[f"CHAP:{cid}"] for cid in tags["CTOC:toc"].child_element_ids]
    assert [str(c.sub_frames["TIT2"]) for c in chapters][0] == "Intro"
    assert [str(c.sub_frames["TIT2"]) for c in chapters][-1] == "Outro"
    for chap, expected in zip(chapters, meta["chapters"], strict=True):
        assert abs(chap.start_time - expected["start_ms"]) <= 1
        assert abs(chap.end_time - expected["end_ms"]) <= 1
    # cues and pauses add up to the MP3's length
    srt = mp3.with_suffix(".srt").read_text()
    ends = re.findall(r"--> (\d\d):(\d\d):(\d\d),(\d{3})", srt)
    last = ends[-1]
    last_ms = ((int(last[0]) * 60 + int(last[1])) * 60 + int(last[2])) * 1000 + int(last[3])
    assert abs(last_ms - info.length * 1000) < FRAME_MS
    assert all(len(line) <= 65 for line in srt.splitlines())
    report = inspect_mp3(mp3)
    assert report.integrated_lufs == pytest.approx(-19.0, abs=1.0)
    assert report.true_peak_dbtp <= -0.5
    assert report.decoder_messages == ()
    assert abs(report.decoded_ms - meta["duration_ms"]) < 1
    shown = CliRunner().invoke(cli, ["inspect", str(mp3)])
    assert shown.exit_code == 0 and "Chapters:" in shown.stdout and "LUFS" in shown.stdout
