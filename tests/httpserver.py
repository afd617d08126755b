"""A real HTTP server on 127.0.0.1 for tests: static routes plus hostile behaviours.

    from tests.httpserver import LocalServer

    with LocalServer() as srv:
        srv.add("/feed.xml", body, content_type="application/rss+xml")
        url = srv.url("/feed.xml")
        ...
        assert srv.hits("/feed.xml") == 1

Or the `local_server` fixture (import it into your test module or conftest:
`from tests.httpserver import local_server  # noqa: F401`).

POST requests reach the same routes (their body in `handler.body` and in
`srv.requests`). Hostile routes: `add_hang` (accepts, never answers), `add_trickle` (slowloris),
`add_redirect` / `add_redirect_loop`, `add_huge` (50 MB streamed, never held in
memory), `add_endless_chunked` (a chunked body that never ends), `add_gzip_bomb`
and `add_deflate_bomb`, `add_redirect_chain` (N hops), `add_flaky` (429/503 with Retry-After, then 200),
`add_robots` (robots.txt rules). `add_handler` takes any callable for the rest.
Unknown paths answer 404 (so robots.txt is "no rules" unless added). Every
request is logged in `srv.requests`. Leaving the `with` block stops sleeping
handlers and joins every thread.
"""

from __future__ import annotations

import ssl
import threading
import time
import zlib
from dataclasses import dataclass, field
from functools import lru_cache
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Callable, Iterator, Mapping

import pytest

MB = 1024 * 1024
Handler = Callable[["_RequestHandler"], None]


@dataclass
class Request:
    method: str
    path: str
    headers: dict[str, str]
    at: float = field(default_factory=time.monotonic)
    body: bytes = b""  # POST requests: what the client sent


class _RequestHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    timeout = 10  # a client that stops reading cannot block a handler (and stop()) forever
    server: "_Server"

    def log_message(self, format: str, *args: object) -> None:  # keep pytest output clean
        pass

    def do_POST(self) -> None:  # noqa: N802 - same routes; the handler reads `self.body`
        length = int(self.headers.get("Content-Length") or 0)
        self.body = self.rfile.read(min(length, 16 * MB))
        self.do_GET("POST")

    def do_GET(self, method: str = "GET") -> None:  # noqa: N802
        owner = self.server.owner
        path = self.path.split("?", 1)[0]
        owner.requests.append(Request(method, self.path, {k.lower(): v for k, v in self.headers.items()},
                                      body=getattr(self, "body", b"")))
        route = owner.routes.get(self.path) or owner.routes.get(path)
        try:
            if route is None:
                send(self, 404, b"not found\n", "text/plain")
            else:
                route(self)
        except (BrokenPipeError, ConnectionResetError, ConnectionAbortedError):
            pass  # the client gave up (size cap, timeout): expected in hostile tests
        self.close_connection = True

    @property
    def stopping(self) -> threading.Event:
        return self.server.owner.stopping


class _Server(ThreadingHTTPServer):
    daemon_threads = False
    block_on_close = True
    owner: "LocalServer"


def send(
    handler: BaseHTTPRequestHandler,
    status: int,
    body: bytes,
    content_type: str | None = None,
    headers: Mapping[str, str] | None = None,
) -> None:
    handler.send_response(status)
    if content_type:
        handler.send_header("Content-Type", content_type)
    for name, value in (headers or {}).items():
        handler.send_header(name, value)
    handler.send_header("Content-Length", str(len(body)))
    handler.send_header("Connection", "close")
    handler.end_headers()
    handler.wfile.write(body)


@lru_cache(maxsize=4)
def gzip_bomb(decompressed_size: int) -> bytes:
    """A gzip member that inflates to `decompressed_size` zero bytes (about 1000:1)."""
    packer = zlib.compressobj(9, zlib.DEFLATED, zlib.MAX_WBITS | 16)
    block = b"\0" * MB
    parts = [packer.compress(block) for _ in range(decompressed_size // MB)]
    parts.append(packer.compress(b"\0" * (decompressed_size % MB)))
    parts.append(packer.flush())
    return b"".join(parts)


@lru_cache(maxsize=2)
def deflate_bomb(decompressed_size: int) -> bytes:
    """The same as a zlib-wrapped deflate stream (Content-Encoding: deflate)."""
    packer = zlib.compressobj(9, zlib.DEFLATED, zlib.MAX_WBITS)
    parts = [packer.compress(b"\0" * MB) for _ in range(decompressed_size // MB)]
    return b"".join(parts) + packer.flush()


class LocalServer:
    """`tls`: an ssl.SSLContext with a certificate loaded to serve https instead of http."""

    def __init__(self, tls: ssl.SSLContext | None = None) -> None:
        self.routes: dict[str, Handler] = {}
        self.requests: list[Request] = []
        self.stopping = threading.Event()
        self._server = _Server(("127.0.0.1", 0), _RequestHandler)
        self._server.owner = self
        self.scheme = "http"
        if tls is not None:
            self._server.socket = tls.wrap_socket(self._server.socket, server_side=True)
            self.scheme = "https"
        self._thread: threading.Thread | None = None

    # ------------------------------------------------------------- lifecycle

    @property
    def port(self) -> int:
        return self._server.server_address[1]

    @property
    def base(self) -> str:
        return f"{self.scheme}://127.0.0.1:{self.port}"

    def url(self, path: str) -> str:
        return self.base + path

    def start(self) -> "LocalServer":
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self.stopping.set()  # wakes hanging and trickling handlers
        self._server.shutdown()
        self._server.server_close()  # joins handler threads (block_on_close)
        if self._thread:
            self._thread.join(5)

    def __enter__(self) -> "LocalServer":
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def hits(self, path: str) -> list[Request]:
        return [r for r in self.requests if r.path == path]

    # ---------------------------------------------------------------- routes

    def add_handler(self, path: str, handler: Handler) -> str:
        self.routes[path] = handler
        return self.url(path)

    def add(
        self,
        path: str,
        body: bytes | str,
        content_type: str = "text/html; charset=utf-8",
        status: int = 200,
        headers: Mapping[str, str] | None = None,
        etag: str | None = None,
        last_modified: str | None = None,
    ) -> str:
        """A static response; with etag/last_modified it answers 304 to a matching conditional GET."""
        data = body.encode("utf-8") if isinstance(body, str) else body
        extra = dict(headers or {})
        if etag:
            extra["ETag"] = etag
        if last_modified:
            extra["Last-Modified"] = last_modified

        def handle(h: _RequestHandler) -> None:
            if (etag and h.headers.get("If-None-Match") == etag) or (
                last_modified and not etag and h.headers.get("If-Modified-Since") == last_modified
            ):
                h.send_response(304)
                for name, value in extra.items():
                    h.send_header(name, value)
                h.send_header("Content-Length", "0")
                h.end_headers()
                return
            send(h, status, data, content_type, extra)

        return self.add_handler(path, handle)

    def add_redirect(self, path: str, to: str, status: int = 302) -> str:
        return self.add_handler(path, lambda h: send(h, status, b"", None, {"Location": to}))

    def add_redirect_loop(self, path: str) -> str:
        """path -> path + "/b" -> path: a two-hop loop."""
        other = path.rstrip("/") + "/b"
        self.add_redirect(path, other)
        self.add_redirect(other, path)
        return self.url(path)

    def add_hang(self, path: str) -> str:
        """Accepts the connection, reads the request, never answers (until the server stops)."""
        return self.add_handler(path, lambda h: h.stopping.wait(60))

    def add_trickle(self, path: str, interval_s: float = 0.2, headers_too: bool = False) -> str:
        """Slowloris: one byte every `interval_s`, forever (the status line too if `headers_too`)."""

        def handle(h: _RequestHandler) -> None:
            head = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 1000000\r\n\r\n"
            if not headers_too:
                h.wfile.write(head)
                h.wfile.flush()
                head = b""
            data = head + b"<p>"
            for i in range(1_000_000):
                h.wfile.write(data[i : i + 1] or b"x")
                h.wfile.flush()
                if h.stopping.wait(interval_s):
                    return

        return self.add_handler(path, handle)

    def add_huge(self, path: str, size: int = 50 * MB, declare_length: bool = True, content_type: str = "text/html") -> str:
        """A `size`-byte page streamed in 64 KB chunks; without a Content-Length when `declare_length` is False."""

        def handle(h: _RequestHandler) -> None:
            h.send_response(200)
            h.send_header("Content-Type", content_type)
            if declare_length:
                h.send_header("Content-Length", str(size))
            h.send_header("Connection", "close")
            h.end_headers()
            chunk = b"<p>" + b"a" * (64 * 1024 - 8) + b"</p>\n\n"
            sent = 0
            while sent < size and not h.stopping.is_set():
                piece = chunk[: size - sent]
                h.wfile.write(piece)
                sent += len(piece)

        return self.add_handler(path, handle)

    def add_endless_chunked(self, path: str, content_type: str = "text/html") -> str:
        """Transfer-Encoding: chunked, 64 KB chunks, never a last chunk (until the client hangs up)."""

        def handle(h: _RequestHandler) -> None:
            h.send_response(200)
            h.send_header("Content-Type", content_type)
            h.send_header("Transfer-Encoding", "chunked")
            h.end_headers()
            piece = b"<p>" + b"z" * (64 * 1024 - 3)
            chunk = f"{len(piece):x}\r\n".encode() + piece + b"\r\n"
            while not h.stopping.is_set():
                h.wfile.write(chunk)

        return self.add_handler(path, handle)

    def add_redirect_chain(self, path: str, hops: int, final_body: str = "<p>end</p>") -> str:
        """path -> path/1 -> ... -> path/<hops> (a page): `hops` redirects, no loop."""
        names = [path] + [f"{path.rstrip('/')}/{i}" for i in range(1, hops + 1)]
        for here, there in zip(names, names[1:]):
            self.add_redirect(here, there)
        self.add(names[-1], final_body)
        return self.url(path)

    def add_deflate_bomb(self, path: str, decompressed_size: int = 100 * MB) -> str:
        return self.add(path, deflate_bomb(decompressed_size), headers={"Content-Encoding": "deflate"})

    def add_gzip_bomb(self, path: str, decompressed_size: int = 100 * MB, content_type: str = "text/html") -> str:
        body = gzip_bomb(decompressed_size)
        return self.add(path, body, content_type=content_type, headers={"Content-Encoding": "gzip"})

    def add_flaky(
        self,
        path: str,
        body: bytes | str,
        failures: int = 1,
        status: int = 429,
        retry_after: str | None = "1",
        content_type: str = "text/html; charset=utf-8",
    ) -> str:
        """Answers `status` (with Retry-After) to the first `failures` requests, then 200 with `body`."""
        data = body.encode("utf-8") if isinstance(body, str) else body
        count = {"n": 0}
        lock = threading.Lock()

        def handle(h: _RequestHandler) -> None:
            with lock:
                count["n"] += 1
                failing = count["n"] <= failures
            if failing:
                send(h, status, b"slow down\n", "text/plain", {"Retry-After": retry_after} if retry_after else None)
            else:
                send(h, 200, data, content_type)

        return self.add_handler(path, handle)

    def add_robots(self, disallow: list[str], user_agent: str = "*", crawl_delay: float | None = None) -> str:
        lines = [f"User-agent: {user_agent}"] + [f"Disallow: {p}" for p in disallow]
        if crawl_delay is not None:
            lines.append(f"Crawl-delay: {crawl_delay:g}")
        return self.add("/robots.txt", "\n".join(lines) + "\n", content_type="text/plain")


@pytest.fixture
def local_server() -> Iterator[LocalServer]:
    with LocalServer() as srv:
        yield srv
