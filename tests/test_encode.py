from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from mutagen.mp3 import MP3

from audio_article.encode import Mp3Preset, encode_mp3, ffmpeg_exe

from .fakes import tone


def _decoded_frames(path: Path, channels: int) -> int:
    out = subprocess.run(
        [ffmpeg_exe(), "-v", "error", "-i", str(path), "-f", "s16le", "-"],
        capture_output=True,
        check=True,
    )
    assert out.stderr == b""
    return len(out.stdout) // (2 * channels)


@pytest.mark.parametrize(
    ("in_rate", "rate", "channels", "bitrate"),
    [
        (44_100, 44_100, 1, 96),
        (44_100, 44_100, 2, 128),
        (22_050, 22_050, 1, 64),
        (48_000, 48_000, 1, 96),
        (22_050, 44_100, 1, 96),  # eSpeak's rate to the default output: resampled, 2x exactly
        (22_050, 44_100, 2, 96),
        (22_050, 24_000, 1, 32),  # a bitrate whose frame is too small for the Info tags
        (44_100, 44_100, 1, 32),
    ],
)
def test_mp3_length_is_exact_for_mutagen_and_ffmpeg(
    tmp_path: Path, in_rate: int, rate: int, channels: int, bitrate: int
) -> None:
    in_frames = in_rate * 2 + 123  # not a whole number of MP3 frames
    frames = round(in_frames * rate / in_rate)
    out = tmp_path / "a.mp3"
    pcm = tone(2000 + 123_000 / in_rate, in_rate)
    assert len(pcm) == 2 * in_frames
    encode_mp3(
        [pcm[:20_000], pcm[20_000 : 20_001 * 2], pcm[40_002:]],  # blocks of any size
        in_rate=in_rate,
        in_channels=1,
        out_path=out,
        preset=Mp3Preset(bitrate, rate, channels),
    )
    info = MP3(out).info
    assert (info.sample_rate, info.channels, round(info.bitrate / 1000)) == (
        rate,
        channels,
        bitrate,
    )
    assert str(info.bitrate_mode).endswith(("CBR", "UNKNOWN"))
    assert round(info.length * rate) == frames  # encoder delay and padding accounted for
    assert _decoded_frames(out, channels) == frames
    assert MP3(out).info.encoder_info.startswith("LAME")


def test_atomic_writes_fail_as_encode_errors_naming_the_input_and_the_target(
    tmp_path: Path,
) -> None:
    from audio_article.encode import atomic_path, atomic_write_text
    from audio_article.errors import EncodeError

    source = tmp_path / "article.txt"
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where a folder should be")
    target = blocker / "episode.mp3"
    with pytest.raises(EncodeError) as info, atomic_path(target, source):
        pass
    assert info.value.path == str(source)
    assert f"cannot write {target}" in str(info.value) and ".part" not in str(info.value)
    # an error while the block writes the temp file names the target too, and leaves nothing
    folder = tmp_path / "out"
    with pytest.raises(EncodeError) as info, atomic_path(folder / "a.vtt", source) as tmp:
        raise OSError(28, "No space left on device", str(tmp))  # as a full disk says it
    message = str(info.value)
    assert f"cannot write {folder / 'a.vtt'}: no space left on device" in message
    assert ".part" not in message
    assert not any(folder.iterdir())
    atomic_write_text(folder / "b.srt", "1\nline\n", source)
    assert (folder / "b.srt").read_text() == "1\nline\n"
    assert [p.name for p in folder.iterdir()] == ["b.srt"]  # no temp file left


def test_encoder_version_is_asked_once() -> None:
    from audio_article.encode import encoder_version

    assert encoder_version() is encoder_version()
    assert encoder_version.cache_info().hits >= 1
