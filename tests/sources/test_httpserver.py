"""The shared test server itself: routes work and stopping leaves no thread behind."""

from __future__ import annotations

import socket
import threading
import time

import httpx

from tests.httpserver import LocalServer, gzip_bomb


def test_static_route_404_and_request_log():
    with LocalServer() as srv:
        url = srv.add("/x", "hello", content_type="text/plain", headers={"X-Test": "1"})
        response = httpx.get(url)
        assert (response.status_code, response.text, response.headers["x-test"]) == (200, "hello", "1")
        assert httpx.get(srv.url("/nope")).status_code == 404
        assert [r.path for r in srv.requests] == ["/x", "/nope"]


def test_stop_wakes_hanging_handlers_and_joins_threads():
    before = threading.active_count()
    srv = LocalServer().start()
    srv.add_hang("/hang")
    srv.add_trickle("/slow", interval_s=0.5)
    clients = []
    for path in ("/hang", "/slow"):
        sock = socket.create_connection(("127.0.0.1", srv.port))
        sock.sendall(f"GET {path} HTTP/1.1\r\nHost: x\r\n\r\n".encode())
        clients.append(sock)
    time.sleep(0.2)
    start = time.monotonic()
    srv.stop()
    assert time.monotonic() - start < 2
    for sock in clients:
        sock.close()
    assert threading.active_count() == before


def test_gzip_bomb_is_small_on_the_wire():
    assert len(gzip_bomb(100 * 1024 * 1024)) < 200 * 1024
