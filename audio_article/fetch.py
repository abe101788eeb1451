"""Fetching pages and feeds over HTTP(S): polite, bounded and safe.

One ``Fetcher`` per run, shared by every thread of it (httpx's client is thread-safe):

- **Only http and https**, every hop. Redirects are followed here, one hop at a time, not by
  httpx, so that each hop is checked before it is requested: its scheme, its host resolved and
  its addresses classified. From a public start, a hop to a private, loopback, link-local or
  otherwise non-global address is refused (the usual server-side request forgery guard); a start
  that is itself private (a page on this machine or the intranet, as in the tests) may go on to
  private hops. The connection is then made to the very address that was checked (the host name
  goes in the Host header and TLS SNI, so certificates are still verified against it), so a DNS
  answer that changes between the check and the connect cannot slip past.
- **Bounded**: a timeout for the whole response (connect, headers and body), a cap on the body
  (counted after decompression, so a gzip bomb stops at the cap too), at most ``MAX_REDIRECTS``.
- **Polite**: a User-Agent naming the tool, at most ``per_host`` requests in flight per host,
  robots.txt (RFC 9309, by the standard library's parser) read once per origin and obeyed with
  its Crawl-delay, unless the user says ``--ignore-robots``.

Every failure is a ``FetchError(url, cause)``: one line, the URL and what went wrong.
"""

from __future__ import annotations

import contextlib
import ipaddress
import socket
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING
from urllib.parse import urljoin, urlsplit, urlunsplit
from urllib.robotparser import RobotFileParser

from . import __version__
from .errors import FetchError

if TYPE_CHECKING:
    import httpx

DEFAULT_TIMEOUT_S = 20.0
DEFAULT_MAX_BYTES = 10 * 1024 * 1024
DEFAULT_PER_HOST = 2
MAX_REDIRECTS = 10
ROBOTS_MAX_BYTES = 512 * 1024
"""RFC 9309 asks crawlers to read at least 500 KiB of a robots.txt."""
MAX_CRAWL_DELAY_S = 30.0
"""A longer Crawl-delay is honoured as this (one slow site must not stall a run for hours)."""
ROBOTS_AGENT = "audio-article"
"""The product token robots.txt rules are matched against."""
USER_AGENT = f"audio-article/{__version__} (article-to-podcast converter; +https://pypi.org/project/audio-article/)"
PAGE_TYPES = frozenset(
    {"text/html", "application/xhtml+xml", "text/plain", "text/markdown", "text/x-markdown"}
)
"""Media types ``convert URL`` reads: the kinds the tool reads from files (HTML, text, Markdown)."""
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_CHUNK = 64 * 1024

Resolver = Callable[[str, int], Sequence[str]]
"""Host name and port -> the IP addresses to try, in order."""


@dataclass(frozen=True)
class FetchOptions:
    """How pages and feeds are fetched (none of it changes the audio)."""

    timeout_s: float = DEFAULT_TIMEOUT_S
    """For the whole response of one request: connect, headers and body."""
    max_bytes: int = DEFAULT_MAX_BYTES
    per_host: int = DEFAULT_PER_HOST
    """Requests in flight to one host at a time."""
    robots: bool = True
    """Obey robots.txt (``--ignore-robots`` turns it off)."""
    user_agent: str = USER_AGENT


@dataclass(frozen=True)
class Response:
    """A whole, successful (2xx or 304) response."""

    url: str
    """The final URL, after redirects."""
    status: int
    media_type: str
    """From Content-Type, lower case, without parameters ("" when the server sent none)."""
    charset: str | None
    """The Content-Type's charset parameter, as sent."""
    body: bytes
    etag: str | None = None
    last_modified: str | None = None
    public: bool = False
    """The request started at a public address (links found in it are held to that)."""


def is_url(value: str) -> bool:
    """True for anything that looks like a URL (``scheme://``), fetchable or not."""
    scheme, sep, _ = value.partition("://")
    return bool(sep) and scheme.isascii() and scheme.isalpha()


def is_private(address: str) -> bool:
    """Not a global unicast address: private, loopback, link-local, shared, reserved, multicast."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return not ip.is_global or ip.is_multicast


def resolve(host: str, port: int) -> list[str]:
    """The system resolver's addresses for ``host``, in its order of preference, no repeats."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


@dataclass
class _Host:
    """Per-host politeness state, shared by the threads of one run."""

    slots: threading.Semaphore
    lock: threading.Lock = field(default_factory=threading.Lock)
    next_start: float = 0.0


class Fetcher:
    """GET with the checks of the module docstring. Use as a context manager, or ``close()``.

    ``resolver`` and ``private`` are the two decisions the redirect guard makes; tests give
    their own (say, a loopback address taken for a public one) to exercise it without the
    internet.
    """

    def __init__(
        self,
        options: FetchOptions | None = None,
        *,
        resolver: Resolver = resolve,
        private: Callable[[str], bool] = is_private,
    ) -> None:
        self.options = options or FetchOptions()
        self._resolve = resolver
        self._private = private
        self._clients: dict[str, httpx.Client] = {}
        self._hosts: dict[str, _Host] = {}
        self._robots: dict[str, RobotFileParser | FetchError] = {}
        self._lock = threading.Lock()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        with self._lock:
            clients, self._clients = list(self._clients.values()), {}
        for client in clients:
            client.close()

    def _client(self, host: str) -> httpx.Client:
        """One connection pool per host name: requests go to an IP address, and a pool shared by
        hosts on one address could reuse a TLS connection verified for another name."""
        import httpx

        with self._lock:
            client = self._clients.get(host)
            if client is None:
                # trust_env off: a proxy from the environment would resolve host names itself,
                # past the address checks.
                client = self._clients[host] = httpx.Client(
                    timeout=httpx.Timeout(self.options.timeout_s),
                    follow_redirects=False,
                    trust_env=False,
                )
            return client

    # --- the public call -------------------------------------------------------------------

    def get(
        self,
        url: str,
        *,
        types: frozenset[str] | None = PAGE_TYPES,
        accept: str = "text/html,application/xhtml+xml,text/markdown;q=0.9,text/plain;q=0.8,*/*;q=0.1",
        etag: str | None = None,
        last_modified: str | None = None,
        found_on: Response | None = None,
    ) -> Response:
        """Fetch ``url`` (following checked redirects); raise ``FetchError`` on any failure.

        ``types``: the media types accepted (None: any). ``etag``/``last_modified`` make the
        request conditional: an unchanged resource comes back as status 304 with no body.
        ``found_on``: the response ``url`` was linked from (a feed): a link found on a public
        page is held to the public rule from its first hop.
        """
        headers = {"Accept": accept}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        try:
            return self._get(
                url,
                headers,
                types,
                robots=self.options.robots,
                public=found_on.public if found_on is not None else None,
            )
        except FetchError:
            raise
        except Exception as exc:  # anything httpx or the socket layer raised, worded
            raise FetchError(url, describe(exc, self.options.timeout_s)) from exc

    # --- the machinery ---------------------------------------------------------------------

    def _get(
        self,
        url: str,
        headers: dict[str, str],
        types: frozenset[str] | None,
        *,
        robots: bool,
        max_bytes: int | None = None,
        public: bool | None = None,
    ) -> Response:
        start_public = public
        current = url
        for _hop in range(MAX_REDIRECTS + 1):
            parts = _check_scheme(url, current)
            addresses = self._addresses(url, parts)
            private = any(self._private(a) for a in addresses)
            if start_public is None:
                start_public = not private
            elif start_public and private:
                what = "a redirect" if current != url else "a link"
                raise FetchError(
                    url, f"refused {what} from a public address to a private one ({current})"
                )
            if robots:
                self._check_robots(url, current)
            status, location, response = self._request(
                url, current, parts, addresses, headers, types, max_bytes
            )
            if response is not None:
                return replace(response, public=start_public)
            if status not in _REDIRECTS or not location:
                raise FetchError(url, f"HTTP {status} without a Location to follow")
            current = urljoin(current, location)
        raise FetchError(url, f"too many redirects (more than {MAX_REDIRECTS})")

    def _addresses(self, url: str, parts: _Parts) -> list[str]:
        try:
            addresses = list(self._resolve(parts.host, parts.port))
        except (OSError, UnicodeError) as exc:
            reason = getattr(exc, "strerror", None) or str(exc)
            raise FetchError(url, f"cannot resolve host {parts.host!r}: {reason}") from exc
        if not addresses:
            raise FetchError(url, f"cannot resolve host {parts.host!r}")
        return addresses

    def _request(
        self,
        url: str,
        current: str,
        parts: _Parts,
        addresses: list[str],
        headers: dict[str, str],
        types: frozenset[str] | None,
        max_bytes: int | None,
    ) -> tuple[int, str | None, Response | None]:
        """One request to ``current``: (status, Location, None) for a redirect, else a Response."""
        import httpx

        limit = self.options.max_bytes if max_bytes is None else max_bytes
        deadline = time.monotonic() + self.options.timeout_s
        host_header = parts.netloc_host
        extensions = {"sni_hostname": parts.host} if parts.scheme == "https" else {}
        client = self._client(parts.host)
        with self._slot(parts.host):
            last_error: Exception | None = None
            for address in addresses[:3]:  # the next address when one refuses the connection
                pinned = parts.with_address(address)
                request = client.build_request(
                    "GET",
                    pinned,
                    headers={**headers, "Host": host_header, "User-Agent": self.options.user_agent},
                    extensions=extensions,
                )
                try:
                    reply = client.send(request, stream=True)
                except httpx.ConnectError as exc:
                    last_error = exc
                    continue
                with contextlib.closing(reply):
                    return self._read(url, current, reply, types, limit, deadline)
            assert last_error is not None
            raise last_error

    def _read(
        self,
        url: str,
        current: str,
        reply: httpx.Response,
        types: frozenset[str] | None,
        limit: int,
        deadline: float,
    ) -> tuple[int, str | None, Response | None]:
        status = reply.status_code
        if status in _REDIRECTS:
            return status, reply.headers.get("location"), None
        if status >= 400 or (status >= 300 and status != 304):
            raise FetchError(url, f"HTTP {status} {reply.reason_phrase}".rstrip())
        media, charset = _content_type(reply.headers.get("content-type", ""))
        if status != 304 and types is not None and media and media not in types:
            raise FetchError(url, f"not an article page (content type {media})")
        declared = reply.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > limit and "content-encoding" not in reply.headers:
            raise FetchError(url, f"response too large ({_mb(int(declared))}; limit {_mb(limit)})")
        body = bytearray()
        for chunk in reply.iter_bytes(_CHUNK):
            body += chunk
            if len(body) > limit:
                raise FetchError(url, f"response too large (more than {_mb(limit)})")
            if time.monotonic() > deadline:
                raise FetchError(url, f"timed out after {self.options.timeout_s:g} s")
        return (
            status,
            None,
            Response(
                url=current,
                status=status,
                media_type=media,
                charset=charset,
                body=bytes(body),
                etag=reply.headers.get("etag"),
                last_modified=reply.headers.get("last-modified"),
            ),
        )

    @contextlib.contextmanager
    def _slot(self, host: str) -> Iterator[None]:
        """At most ``per_host`` requests to ``host`` at once, spaced by its Crawl-delay."""
        with self._lock:
            state = self._hosts.get(host)
            if state is None:
                state = self._hosts[host] = _Host(threading.Semaphore(self.options.per_host))
        with state.slots:
            delay = self._crawl_delay(host)
            with state.lock:
                wait = state.next_start - time.monotonic()
                state.next_start = max(state.next_start, time.monotonic()) + delay
            if wait > 0:
                time.sleep(wait)
            yield

    # --- robots.txt ------------------------------------------------------------------------

    def _check_robots(self, url: str, current: str) -> None:
        rules = self._rules(current)
        if isinstance(rules, FetchError):
            raise FetchError(url, rules.message)
        if not rules.can_fetch(ROBOTS_AGENT, current):
            raise FetchError(url, f"robots.txt of {urlsplit(current).netloc} disallows {current}")

    def _crawl_delay(self, host: str) -> float:
        if not self.options.robots:
            return 0.0
        with self._lock:
            found = [r for origin, r in self._robots.items() if urlsplit(origin).hostname == host]
        delays = [
            float(r.crawl_delay(ROBOTS_AGENT) or 0) for r in found if isinstance(r, RobotFileParser)
        ]
        return min(max(delays, default=0.0), MAX_CRAWL_DELAY_S)

    def _rules(self, url: str) -> RobotFileParser | FetchError:
        """The parsed robots.txt of ``url``'s origin, fetched once per run (RFC 9309 §2.3.1).

        A 4xx means no rules (everything allowed); a 5xx or a network error means the site may
        not want crawling now, so everything is disallowed, as the RFC asks.
        """
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        with self._lock:
            if origin in self._robots:
                return self._robots[origin]
        robots_url = origin + "/robots.txt"
        rules = RobotFileParser(robots_url)
        result: RobotFileParser | FetchError = rules
        try:
            response = self._get(
                robots_url, {"Accept": "text/plain"}, None, robots=False, max_bytes=ROBOTS_MAX_BYTES
            )
            rules.parse(response.body.decode("utf-8", "replace").splitlines())
        except FetchError as exc:
            status = _status_of(exc.message)
            if status is not None and 400 <= status < 500:
                rules.parse([])  # RFC 9309: "unavailable" -> no restrictions
            elif exc.message.startswith("response too large"):
                rules.parse([])
            elif status is not None:  # 5xx: the site may not want crawling now
                result = FetchError(
                    robots_url,
                    f"robots.txt answered {exc.message}, so nothing may be fetched now "
                    "(RFC 9309; --ignore-robots to fetch anyway)",
                )
            else:  # the host cannot be reached: the page could not be either, say why
                result = exc
        except Exception as exc:
            result = FetchError(robots_url, describe(exc, self.options.timeout_s))
        with self._lock:
            return self._robots.setdefault(origin, result)


@dataclass(frozen=True)
class _Parts:
    scheme: str
    host: str
    port: int
    netloc_host: str
    """``host[:port]`` as the Host header wants it."""
    path: str
    query: str

    def with_address(self, address: str) -> str:
        """This URL with its host replaced by ``address`` (the one that was checked)."""
        ip = f"[{address}]" if ":" in address else address
        return urlunsplit((self.scheme, f"{ip}:{self.port}", self.path or "/", self.query, ""))


def _check_scheme(url: str, current: str) -> _Parts:
    parts = urlsplit(current)
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        where = "" if current == url else f" (redirected to {current})"
        raise FetchError(url, f"only http and https URLs are fetched, not {scheme or '?'}:{where}")
    if not parts.hostname:
        raise FetchError(url, f"no host in {current}")
    try:
        port = parts.port or (443 if scheme == "https" else 80)
    except ValueError as exc:
        raise FetchError(url, f"bad port in {current}") from exc
    host = parts.hostname
    default = (scheme == "https" and port == 443) or (scheme == "http" and port == 80)
    shown = f"[{host}]" if ":" in host else host
    return _Parts(
        scheme=scheme,
        host=host,
        port=port,
        netloc_host=shown if default else f"{shown}:{port}",
        path=parts.path,
        query=parts.query,
    )


def _content_type(value: str) -> tuple[str, str | None]:
    from email.message import Message

    if not value.strip():
        return "", None
    msg = Message()
    msg["content-type"] = value
    charset = msg.get_param("charset")
    return msg.get_content_type().lower(), str(charset).strip() if charset else None


def _status_of(message: str) -> int | None:
    if message.startswith("HTTP "):
        code = message[5:8]
        return int(code) if code.isdigit() else None
    return None


def _mb(n: int) -> str:
    return f"{n / 1024 / 1024:.0f} MB" if n >= 1024 * 1024 else f"{n / 1024:.0f} KB"


def describe(exc: BaseException, timeout_s: float) -> str:
    """An httpx or socket exception as a short cause ("timed out after 20 s", "TLS: ...")."""
    import ssl

    import httpx

    if isinstance(exc, httpx.TimeoutException | TimeoutError | socket.timeout):
        return f"timed out after {timeout_s:g} s"
    cause: BaseException | None = exc
    while cause is not None:  # the TLS failure is usually a few causes down
        if isinstance(cause, ssl.SSLCertVerificationError):
            return f"TLS certificate not valid: {cause.verify_message or cause}"
        if isinstance(cause, ssl.SSLError):
            return f"TLS error: {cause.reason or cause}"
        cause = cause.__cause__ or cause.__context__
    if isinstance(exc, httpx.ConnectError):
        return f"cannot connect: {_short(exc)}"
    if isinstance(exc, httpx.RemoteProtocolError | httpx.ReadError):
        return f"the connection broke: {_short(exc)}"
    if isinstance(exc, httpx.DecodingError):
        return f"cannot decode the response: {_short(exc)}"
    return f"{type(exc).__name__}: {_short(exc)}"


def _short(exc: BaseException) -> str:
    text = str(exc) or type(exc).__name__
    return " ".join(text.split())[:200]
