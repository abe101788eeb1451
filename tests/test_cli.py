from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from audio_article import __version__
from audio_article.cli import cli


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_version() -> None:
    code, out, _ = run("--version")
    assert code == 0 and __version__ in out


def test_help_does_not_import_the_audio_stack() -> None:
    code = (
        "import sys; from audio_article.cli import cli\n"
        "try:\n    cli(['--help'])\nexcept SystemExit:\n    pass\n"
        "heavy = [m for m in ('pydub', 'numpy', 'mutagen', 'pyttsx3', 'trafilatura', 'num2words')"
        " if m in sys.modules]\n"
        "assert not heavy, heavy\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert "convert" in proc.stdout


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda d: d / "missing.txt", "no such file"),
        (lambda d: d, "is a directory"),
        (lambda d: _write(d / "empty.txt", b""), "empty"),
        (lambda d: _write(d / "b.txt", bytes(range(256)) * 8), "binary"),
    ],
)
def test_bad_input_is_one_line_error(tmp_path: Path, make, message: str) -> None:  # noqa: ANN001
    path = make(tmp_path)
    out_dir = tmp_path / "out"
    code, out, err = run("convert", str(path), "-o", str(out_dir))
    assert code == 1
    assert err.strip().startswith(f"Error: {path}:")
    assert message in err
    assert len(err.strip().splitlines()) == 1
    assert "Traceback" not in err
    assert not out_dir.exists() or not any(out_dir.iterdir())


def test_unknown_voice(tmp_path: Path, sample: Path) -> None:
    code, _, err = run("convert", str(sample), "--voice", "nope", "-o", str(tmp_path))
    assert code == 1
    assert err.startswith("Error: nope: unknown voice")
    assert not list(tmp_path.iterdir())


def test_one_bad_file_does_not_stop_the_others(tmp_path: Path, sample: Path, fake_engine) -> None:  # noqa: ANN001
    out_dir = tmp_path / "out"
    code, out, err = run(
        "-q", "convert", str(tmp_path / "missing.txt"), str(sample), "-o", str(out_dir)
    )
    assert code == 1
    assert "missing.txt: no such file" in err
    mp3s = list(out_dir.glob("*.mp3"))
    assert len(mp3s) == 1
    assert out.strip() == str(mp3s[0])


def test_debug_shows_traceback(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["--debug", "convert", str(tmp_path / "missing.txt")])
    assert result.exit_code != 0
    assert result.exception is not None


def test_clean_matches_the_golden_sample(sample: Path) -> None:
    expected = (Path(__file__).parent / "data" / "kyiv-expected.txt").read_text(encoding="utf-8")
    code, out, _ = run("clean", str(sample))
    assert code == 0
    assert out.rstrip("\n") == expected.rstrip("\n")


def test_voices_lists_default_as_usable() -> None:
    code, out, _ = run("voices")
    assert code == 0
    line = next(x for x in out.splitlines() if x.startswith("default"))
    assert "usable" in line and "not usable" not in line


def test_batch_takes_the_same_audio_flags_as_convert(
    tmp_path: Path, sample: Path, fake_engine
) -> None:  # noqa: ANN001
    from mutagen.mp3 import MP3

    src = tmp_path / "in"
    src.mkdir()
    (src / sample.name).write_bytes(sample.read_bytes())
    out = tmp_path / "out"
    code, _, err = run(
        "-q", "batch", str(src), "-o", str(out), "--jobs", "1", "--no-cache",
        "--stereo", "--no-sidecars", "--no-intro", "--bitrate", "128",
    )  # fmt: skip
    assert code == 0, err
    mp3 = next(out.glob("*.mp3"))
    info = MP3(mp3).info
    assert (info.channels, info.bitrate) == (2, 128_000)
    assert not list(out.glob("*.vtt"))
