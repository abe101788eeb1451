"""A local HTTP server for the fetching tests: 127.0.0.1 only, started and stopped by a fixture.

Routes are plain data (``Page``) that a test may change between requests; the server also
counts requests and the most it had in flight at once, per host, so politeness can be asserted.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Page:
    body: bytes | Callable[[], Iterator[bytes]] = b""
    status: int = 200
    headers: dict[str, str] = field(default_factory=lambda: {"Content-Type": "text/html"})
    delay_s: float = 0.0
    """Sleep this long before answering (a slow server)."""


@dataclass
class Server:
    host: str
    port: int
    pages: dict[str, Page]
    requests: list[str] = field(default_factory=list)
    in_flight: int = 0
    max_in_flight: int = 0
    not_modified: int = 0
    """Requests answered 304 (their If-None-Match was the page's ETag)."""
    lock: threading.Lock = field(default_factory=threading.Lock)

    def url(self, path: str) -> str:
        return f"http://{self.host}:{self.port}{path}"


def _handler(server: Server) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args: object) -> None:  # quiet
            pass

        def do_GET(self) -> None:  # noqa: N802 - the http.server API
            with server.lock:
                server.requests.append(self.path)
                server.in_flight += 1
                server.max_in_flight = max(server.max_in_flight, server.in_flight)
            try:
                self._answer()
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client stopped reading (a size cap): expected
            finally:
                with server.lock:
                    server.in_flight -= 1

        def _answer(self) -> None:
            page = server.pages.get(self.path)
            if page is None:
                page = Page(b"<h1>Not found</h1>", status=404)
            if page.delay_s:
                time.sleep(page.delay_s)
            etag = page.headers.get("ETag")
            if etag and self.headers.get("If-None-Match") == etag:
                with server.lock:
                    server.not_modified += 1
                self.send_response(304)
                self.send_header("ETag", etag)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            self.send_response(page.status)
            for k, v in page.headers.items():
                self.send_header(k, v)
            if callable(page.body):
                self.send_header("Transfer-Encoding", "chunked")
                self.end_headers()
                for chunk in page.body():
                    self.wfile.write(f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n")
                self.wfile.write(b"0\r\n\r\n")
            else:
                self.send_header("Content-Length", str(len(page.body)))
                self.end_headers()
                self.wfile.write(page.body)

    return Handler


@contextlib.contextmanager
def serve(
    pages: dict[str, Page], host: str = "127.0.0.1", tls: tuple[str, str] | None = None
) -> Iterator[Server]:
    """Serve ``pages`` on ``host`` (a free port) in a thread while the block runs; with ``tls``
    (certificate file, key file), over HTTPS."""
    httpd = ThreadingHTTPServer((host, 0), BaseHTTPRequestHandler)  # handler set below
    if tls:
        import ssl

        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(*tls)
        httpd.socket = context.wrap_socket(httpd.socket, server_side=True)
    server = Server(host, httpd.server_address[1], pages)
    httpd.RequestHandlerClass = _handler(server)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    try:
        yield server
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(5)
