"""`inspect` on a damaged MP3 reports the decoder's errors instead of hanging."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from .fakes import tone


def test_inspect_damaged_mp3_does_not_hang(tmp_path: Path) -> None:
    from audio_article.encode import encode_mp3

    mp3 = tmp_path / "a.mp3"
    encode_mp3([tone(20_000)], in_rate=44_100, in_channels=1, out_path=mp3)
    data = bytearray(mp3.read_bytes())
    for i in range(2000, len(data), 97):  # enough damage for far more than a pipe's 64 KB of errors
        data[i] ^= 0xFF
    mp3.write_bytes(bytes(data))
    proc = subprocess.run(
        [sys.executable, "-m", "audio_article", "inspect", str(mp3)],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert "Traceback" not in proc.stderr
    assert proc.returncode in (0, 1)
    assert "Decoder" in proc.stdout or "Error:" in proc.stderr
