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


LOUDNESS_ARTICLE = """City council approves new bus lanes

The city council voted on Tuesday to add bus lanes on four of the busiest roads in the centre.
Work will start in March and should take about eight months, the transport office said.
Drivers' groups warned that the plan would slow traffic during the works.

Supporters said buses now run late on most mornings and that the lanes would cut journey times.
The council will review the results after a year and publish the figures.
"""


@pytest.mark.integration
@pytest.mark.parametrize("voice", ["default", "joe"])
def test_every_engine_lands_on_the_loudness_target(voice: str, tmp_path: Path) -> None:
    """eSpeak NG and Piper at -19 LUFS +-0.5 LU as measured by decoding the MP3, and the
    reported figure is that measurement."""
    from audio_article.config import Options, resolve_voice
    from audio_article.engines import profile_status
    from audio_article.inspect import inspect_mp3
    from audio_article.pipeline import convert_file

    if voice == "joe":
        from .test_engines import require_piper

        require_piper()
    assert profile_status(resolve_voice(voice))[0]
    article = tmp_path / "bus.txt"
    article.write_text(LOUDNESS_ARTICLE, encoding="utf-8")
    episode = convert_file(article, Options(output_dir=tmp_path / "out", voice=voice))
    decoded = inspect_mp3(episode.path)
    assert decoded.integrated_lufs == pytest.approx(-19.0, abs=0.5)
    assert episode.loudness.integrated_lufs == pytest.approx(decoded.integrated_lufs, abs=0.05)
