"""Errors of the file system name the article and the file: a real full tmpfs where this machine
lets us mount one (root), and a fake full disk (writes raising ENOSPC) everywhere."""

from __future__ import annotations

import errno
import json
import os
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
from click.testing import CliRunner

from audio_article import encode, manifest
from audio_article.cli import cli
from audio_article.config import Options
from audio_article.errors import EncodeError, WriteError
from audio_article.pipeline import convert_file

from .conftest import SAMPLE


def no_space(*args: object, **kwargs: object) -> None:
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


@pytest.fixture
def tiny_tmpfs(tmp_path: Path):  # noqa: ANN201
    """A 64 KB tmpfs (a real full disk a few writes in), or skip where mount is not allowed."""
    mnt = tmp_path / "full"
    mnt.mkdir()
    if os.geteuid() != 0:
        pytest.skip("mounting a tmpfs needs root (the fake full disk tests below still run)")
    proc = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(mnt)], capture_output=True
    )
    if proc.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {proc.stderr.decode().strip()}")
    try:
        yield mnt
    finally:
        subprocess.run(["umount", "-l", str(mnt)], check=False)


@pytest.mark.integration
def test_convert_onto_a_full_tmpfs_names_the_article_and_the_path(tiny_tmpfs: Path) -> None:
    out = tiny_tmpfs / "out"
    proc = subprocess.run(
        [sys.executable, "-m", "audio_article", "convert", str(SAMPLE), "-o", str(out)],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert proc.returncode == 1
    (line,) = proc.stderr.strip().splitlines()
    assert line.startswith(f"Error: {SAMPLE}: cannot write ")
    assert str(out) in line
    assert line.endswith("no space left on device")
    assert "Traceback" not in proc.stderr
    assert not list(out.glob("*.mp3")) and not list(out.glob(".*.part"))


@pytest.mark.integration
def test_batch_onto_a_full_tmpfs_fails_each_file_naming_it(tiny_tmpfs: Path, tmp_path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text(SAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    out = tiny_tmpfs / "out"
    proc = subprocess.run(
        [sys.executable, "-m", "audio_article", "batch", str(src), "-o", str(out), "--jobs", "1",
         "--report", str(tmp_path / "r.json")],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert proc.returncode == 1
    failed = [ln for ln in proc.stderr.splitlines() if ln.startswith("failed")]
    assert len(failed) == 1
    assert f"{src / 'a.txt'}: [write] cannot write " in failed[0]
    assert str(out) in failed[0] and "no space left on device" in failed[0]
    (outcome,) = json.loads((tmp_path / "r.json").read_text())["outcomes"]
    assert outcome["status"] == "failed" and "no space left on device" in outcome["error"]


# -- a fake full disk: the write that fails raises ENOSPC ---------------------------------------


def test_a_full_disk_while_writing_the_mp3_names_the_mp3(tmp_path, fake_engine, monkeypatch):
    monkeypatch.setattr(encode._Encoder, "_write", no_space)  # the encoder's frames, being written
    out = tmp_path / "out"
    with pytest.raises(EncodeError) as caught:
        convert_file(SAMPLE, Options(output_dir=out, cache_dir=tmp_path / "c"))
    message = str(caught.value)
    assert message.startswith(f"{SAMPLE}: cannot write {out}/")
    assert message.endswith(".mp3: no space left on device")
    assert not list(out.glob("*.mp3")) and not list(out.glob(".*.part"))


def test_the_cli_line_for_a_full_disk(tmp_path, fake_engine, monkeypatch) -> None:
    fake_json = SimpleNamespace(dump=no_space, dumps=json.dumps, loads=json.loads)
    monkeypatch.setattr(manifest, "json", fake_json)  # writing the record, after the MP3
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["convert", str(SAMPLE), "-o", str(out)])
    assert result.exit_code == 1
    line = result.output.strip().splitlines()[-1]
    assert line.startswith(f"Error: {SAMPLE}: cannot write {out}/.audio-article/records/")
    assert line.endswith(".json: no space left on device")


def test_a_full_disk_while_spooling_names_the_folder(tmp_path, fake_engine, monkeypatch) -> None:
    from audio_article import stitch

    monkeypatch.setattr(stitch.Spool, "add", no_space)
    out = tmp_path / "out"
    with pytest.raises(WriteError) as caught:
        convert_file(SAMPLE, Options(output_dir=out, cache_dir=tmp_path / "c"))
    assert str(caught.value) == (
        f"{SAMPLE}: cannot write a temporary file in {out}: no space left on device"
    )


def test_a_full_disk_for_the_report_names_the_report(tmp_path, monkeypatch) -> None:
    from audio_article.batch import Summary, write_report

    monkeypatch.setattr(Path, "write_text", no_space)
    with pytest.raises(WriteError) as caught:
        write_report(Summary(outcomes=(), wall_s=0.0), tmp_path / "r.json")
    assert (
        str(caught.value)
        == f"{tmp_path / 'r.json'}: cannot write the report: no space left on device"
    )


def test_convert_of_an_up_to_date_file_says_it_was_kept_and_why(tmp_path, fake_engine) -> None:
    out = tmp_path / "out"
    args = ["convert", str(SAMPLE), "-o", str(out)]
    first = CliRunner().invoke(cli, args)
    assert first.exit_code == 0, first.output
    second = CliRunner().invoke(cli, args)
    assert second.exit_code == 0
    assert "kept: up to date" in second.output and "--force to redo" in second.output
    assert "0 segments" not in second.output
    forced = CliRunner().invoke(cli, [*args, "--force"])
    assert "kept" not in forced.output and "segments" in forced.output
