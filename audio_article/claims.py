"""Per-article claims, so runs that overlap on one output folder share the work.

Before it makes an article, a run takes that article's claim:
``OUT/.audio-article/claims/<hash of the input path>.lock``, an exclusive ``flock`` (``fcntl``;
``msvcrt`` on Windows) held for as long as the article is being made, with a one-line JSON
record in the file saying who holds it (host, pid, the run it belongs to, since when) and, once
done, how it ended. Another run (a second ``batch`` from cron, a ``convert``) that finds the lock
taken skips the article and reports it as in progress elsewhere, naming the holder.

A lock belongs to the process, not to the file: when the holder dies, even by ``kill -9`` or the
out-of-memory killer, the kernel drops it, so a claim left behind by a killed run is never in
the way. The next run takes it over and learns from the record that its holder stopped in the
middle (the record still says ``converting``, and the holder's process is gone). There is no
timeout to guess and a slow run is never mistaken for a dead one.

Why not the ``filelock`` package: its Unix lock truncates the lock file on every attempt, so the
holder's record could not live in it, and its 4.x releases import 21 modules for what is here
one ``flock`` call. Locks on network file systems are as reliable as the file system's own
``flock`` (fine on NFSv4, not on every older mount).

The record also closes a race: a run that planned an article before another run finished it
takes the claim after that run let go, and then sees in the record that the article was just
converted (after this run started), so it does not make it a second time.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import socket
import sys
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Literal

from .errors import InProgressElsewhere, WriteError, reason

STATE_DIR = ".audio-article"
CLAIMS = "claims"

State = Literal["converting", "converted", "failed"]


@dataclass(frozen=True)
class Run:
    """One invocation of the tool: what claims and reports name as "who did it"."""

    host: str = field(default_factory=socket.gethostname)
    pid: int = field(default_factory=os.getpid)
    started: float = field(default_factory=time.time)
    """Wall-clock time (seconds since the epoch) the run began."""

    @property
    def id(self) -> str:
        return f"{self.host}:{self.pid}:{self.started:.3f}"

    def as_json(self) -> dict[str, object]:
        return {"id": self.id, "host": self.host, "pid": self.pid, "started": self.started}


@dataclass(frozen=True)
class Holder:
    """What a claim file says: who holds (or last held) the article, and how it went."""

    run: str
    host: str
    pid: int
    """The process that holds the lock (a batch worker, or the run itself)."""
    since: float
    state: State = "converting"
    ended: float | None = None

    @property
    def alive(self) -> bool:
        """The holding process still exists (only knowable on this host)."""
        if self.host != socket.gethostname():
            return True
        try:
            os.kill(self.pid, 0)
        except ProcessLookupError:
            return False
        except OSError:  # e.g. PermissionError: it exists, someone else's
            return True
        return True

    def describe(self) -> str:
        started = time.strftime("%H:%M:%S", time.localtime(self.since))
        return f"pid {self.pid} on {self.host}, since {started}"


@dataclass
class Claim:
    """A held claim: the open, locked file. ``finish`` records the result; ``release`` lets go."""

    path: Path
    fd: int
    run: Run
    previous: Holder | None
    """The record found when the claim was taken (an earlier holder), if any."""
    _me: Holder | None = None

    @property
    def took_over(self) -> Holder | None:
        """The earlier holder, if it stopped while converting (killed, crashed): a stale claim."""
        p = self.previous
        return p if p is not None and p.state == "converting" else None

    def done_since(self, since: float) -> Holder | None:
        """The earlier holder, if it converted the article at ``since`` or later."""
        p = self.previous
        if p is None or p.state != "converted" or p.ended is None or p.ended < since:
            return None
        return p

    @property
    def state(self) -> State:
        assert self._me is not None
        return self._me.state

    def finish(self, state: State) -> None:
        assert self._me is not None
        self._me = Holder(**{**asdict(self._me), "state": state, "ended": time.time()})
        _write(self.fd, self._me)

    def release(self) -> None:
        with contextlib.suppress(OSError):
            _unlock(self.fd)
        with contextlib.suppress(OSError):
            os.close(self.fd)


def claim_file(out_dir: Path, source: Path) -> Path:
    """Where ``source``'s claim lives in ``out_dir`` (named like its manifest record)."""
    name = hashlib.sha256(str(Path(source).resolve()).encode()).hexdigest()[:32]
    return Path(out_dir) / STATE_DIR / CLAIMS / f"{name}.lock"


def read_holder(path: Path) -> Holder | None:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8").strip() or "null")
        return Holder(**data) if isinstance(data, dict) else None
    except (OSError, ValueError, TypeError):
        return None


def take(out_dir: Path, source: Path, run: Run | None = None) -> Claim:
    """Claim ``source`` in ``out_dir`` for ``run``, or raise ``InProgressElsewhere``.

    ``OSError`` (the output folder cannot be written) is left to the caller, which knows the
    article it is converting.
    """
    run = run or Run()
    path = claim_file(out_dir, source)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o666)
    except OSError as exc:
        raise WriteError(source, f"cannot write {path}: {reason(exc)}") from exc
    try:
        if not _try_lock(fd):
            holder = read_holder(path)
            who = f" ({holder.describe()})" if holder else ""
            raise InProgressElsewhere(source, f"in progress elsewhere{who}", holder=holder)
        previous = read_holder(path)
        me = Holder(run=run.id, host=run.host, pid=os.getpid(), since=time.time())
        _write(fd, me)
    except BaseException as exc:
        os.close(fd)
        if isinstance(exc, OSError):
            raise WriteError(source, f"cannot write {path}: {reason(exc)}") from exc
        raise
    return Claim(path=path, fd=fd, run=run, previous=previous, _me=me)


@contextlib.contextmanager
def claimed(out_dir: Path, source: Path, run: Run | None = None) -> Iterator[Claim]:
    """``take``; always released. If the block raises, the record says ``failed``; if it ends
    without ``finish`` (nothing was made), the record goes back to what it was."""
    claim = take(out_dir, source, run)
    try:
        yield claim
        if claim.state == "converting":
            with contextlib.suppress(OSError):
                if claim.previous is None:
                    os.ftruncate(claim.fd, 0)
                else:
                    _write(claim.fd, claim.previous)
    except BaseException:
        with contextlib.suppress(OSError):
            claim.finish("failed")
        raise
    finally:
        claim.release()


def _write(fd: int, holder: Holder) -> None:
    """Replace the file's content with ``holder`` in one write (readers see old or new)."""
    data = (json.dumps(asdict(holder)) + "\n").encode()
    os.ftruncate(fd, 0)
    _pwrite(fd, data)


if sys.platform == "win32":  # pragma: no cover - not run here
    import msvcrt

    # Windows locks are mandatory: lock one byte far past the record, so it stays readable.
    _FAR = 1 << 30

    def _try_lock(fd: int) -> bool:
        os.lseek(fd, _FAR, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock(fd: int) -> None:
        os.lseek(fd, _FAR, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

    def _pwrite(fd: int, data: bytes) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        os.write(fd, data)

else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)

    def _pwrite(fd: int, data: bytes) -> None:
        os.pwrite(fd, data, 0)
