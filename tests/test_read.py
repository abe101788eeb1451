from __future__ import annotations

from pathlib import Path

import pytest

from audio_article.errors import InputError
from audio_article.read import read_source


def test_utf8_text(tmp_path: Path) -> None:
    p = tmp_path / "a.txt"
    p.write_text("Title\r\nBody\u00a0text\u200b here.\r\n", encoding="utf-8")
    s = read_source(p)
    assert s.kind == "text"
    assert s.text == "Title\nBody text here.\n"


@pytest.mark.parametrize("encoding", ["utf-16", "utf-8-sig", "cp1252", "latin-1"])
def test_encodings(tmp_path: Path, encoding: str) -> None:
    text = "Café owners in Zürich say prices rose again this year.\n" * 5
    p = tmp_path / "a.txt"
    p.write_bytes(text.encode(encoding))
    assert "Café owners in Zürich" in read_source(p).text


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.txt", b"", "empty"),
        ("blank.txt", b"  \n\n \t", "empty"),
        ("binary.txt", bytes(range(256)) * 10, "binary"),
    ],
)
def test_unusable_files(tmp_path: Path, name: str, content: bytes, message: str) -> None:
    p = tmp_path / name
    p.write_bytes(content)
    with pytest.raises(InputError, match=message) as info:
        read_source(p)
    assert str(info.value).startswith(str(p))


def test_missing_and_directory(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        read_source(tmp_path / "nope.txt")
    with pytest.raises(InputError, match="directory"):
        read_source(tmp_path)


@pytest.mark.parametrize(
    ("suffix", "kind"), [(".html", "html"), (".md", "markdown"), (".txt", "text")]
)
def test_kind_from_suffix(tmp_path: Path, suffix: str, kind: str) -> None:
    p = tmp_path / f"a{suffix}"
    p.write_text("# Hello\n\nWorld.")
    assert read_source(p).kind == kind
