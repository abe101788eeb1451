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
    ("make", "message", "exit_code"),
    [
        (lambda d: d / "missing.txt", "no such file", 2),
        (lambda d: d, "is a directory", 2),
        (lambda d: _write(d / "empty.txt", b""), "empty", 1),
        (lambda d: _write(d / "b.txt", bytes(range(256)) * 8), "binary", 1),
    ],
)
def test_bad_input_is_one_line_error(tmp_path: Path, make, message: str, exit_code: int) -> None:  # noqa: ANN001
    path = make(tmp_path)
    out_dir = tmp_path / "out"
    code, out, err = run("convert", str(path), "-o", str(out_dir))
    assert code == exit_code
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
    assert code == 2  # a missing input is a usage error; the other file is still converted
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


# A missing input is exit 2 for every command, with one line naming it; a failed run is 1.
@pytest.mark.parametrize(
    "args",
    [
        ["convert", "{missing}"],
        ["clean", "{missing}"],
        ["script", "{missing}"],
        ["inspect", "{missing}"],
        ["batch", "{missing}"],
        ["feed", "{missing}", "--title", "T", "--base-url", "https://example.org/"],
    ],
)
@pytest.mark.parametrize("flag_after", [False, True])
def test_missing_input_is_exit_2_everywhere(
    tmp_path: Path, args: list[str], flag_after: bool
) -> None:
    missing = tmp_path / "nothing-here"
    argv = [a.format(missing=missing) for a in args]
    argv = [argv[0], "-q", *argv[1:]] if flag_after else ["-q", *argv]
    code, out, err = run(*argv)
    assert code == 2, (argv, err)
    assert (
        err.strip()
        == f"Error: {missing}: no such {'folder' if args[0] in ('batch', 'feed') else 'file'}"
    )
    assert not out


def test_wrong_kind_of_input_is_exit_2(tmp_path: Path) -> None:
    code, _, err = run("batch", str(_write(tmp_path / "a.txt", b"Title\n\nBody.")))
    assert code == 2 and "is a file, not a folder" in err
    code, _, err = run("inspect", str(tmp_path))
    assert code == 2 and "is a directory" in err


def test_a_failed_conversion_is_exit_1(tmp_path: Path) -> None:
    code, _, err = run("convert", str(_write(tmp_path / "empty.txt", b"")), "-o", str(tmp_path))
    assert code == 1 and "empty" in err
    code, _, err = run("inspect", str(_write(tmp_path / "x.mp3", b"not audio at all" * 10)))
    assert code == 1 and err.startswith(f"Error: {tmp_path / 'x.mp3'}:")


def test_global_flags_work_after_the_subcommand(tmp_path: Path, sample: Path, fake_engine) -> None:  # noqa: ANN001
    out_dir = tmp_path / "out"
    code, out, err = run("convert", str(sample), "-o", str(out_dir), "-q")
    assert code == 0, err
    assert out.strip() == str(next(out_dir.glob("*.mp3")))
    assert not err  # quiet: no summary line
    code, out, err = run("convert", str(sample), "-o", str(out_dir), "--force")
    assert code == 0 and "LUFS" in err  # not quiet: the summary line
    result = CliRunner().invoke(cli, ["convert", "--debug", str(tmp_path / "missing.txt")])
    assert result.exit_code != 0
    assert result.exception is not None and not isinstance(result.exception, SystemExit)
    assert "--debug" in run("clean", "--help")[1] and "--quiet" in run("clean", "--help")[1]
