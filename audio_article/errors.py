"""Every error a user can see. Each prints as ``path: message``."""

from __future__ import annotations

from pathlib import Path


class AudioArticleError(Exception):
    """Base class: a problem with one input file (or a setting), shown as ``path: message``."""

    stage = "convert"

    def __init__(self, path: Path | str | None, message: str) -> None:
        self.path = None if path is None else str(path)
        self.message = message
        super().__init__(str(self))

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


class InputError(AudioArticleError):
    """The input file is missing, unreadable, empty, binary or has no article body."""

    stage = "read"


class ConfigError(AudioArticleError):
    """A voice profile, lexicon or option is invalid or unknown."""

    stage = "config"


class EngineUnavailable(AudioArticleError):
    """The speech engine a voice needs is not installed or does not start."""

    stage = "synthesize"


class SynthesisError(AudioArticleError):
    """The engine failed or timed out on a segment of this file."""

    stage = "synthesize"


class EncodeError(AudioArticleError):
    """The MP3 could not be encoded or written."""

    stage = "encode"


class WriteError(AudioArticleError):
    """An output file or folder cannot be written (disk full, read-only, no permission)."""

    stage = "write"


class TagError(AudioArticleError):
    """The ID3 tags could not be written or read back."""

    stage = "tag"


class InProgressElsewhere(AudioArticleError):
    """Another run is converting this article right now (not a failure: it is skipped here)."""

    stage = "claim"

    def __init__(self, path: Path | str | None, message: str, holder: object = None) -> None:
        super().__init__(path, message)
        self.holder = holder


def reason(exc: OSError) -> str:
    """An OS error's reason as a clause ("no space left on device"), without the file name
    Python puts in it (often a temp file's: the caller names the file the user knows)."""
    text = exc.strerror or str(exc)
    return text[:1].lower() + text[1:] if text[:2] != text[:2].upper() else text


def os_error_in(exc: BaseException) -> OSError | None:
    """The ``OSError`` behind ``exc`` (itself, or its cause or context), if there is one."""
    seen: set[int] = set()
    while exc is not None and id(exc) not in seen:
        if isinstance(exc, OSError):
            return exc
        seen.add(id(exc))
        exc = exc.__cause__ or exc.__context__  # type: ignore[assignment]
    return None


class FetchError(AudioArticleError):
    """A URL or feed could not be fetched: DNS, TLS, HTTP status, timeout, size, type, robots.txt."""

    stage = "fetch"


class ClusterError(AudioArticleError):
    """The Dask cluster cannot be reached, has no workers, or was lost during a run."""

    stage = "cluster"
