"""sources.post_json: a JSON POST to a configured service, with the fetcher's guards."""

from __future__ import annotations

import json

import pytest

from newsdesk.sources.fetch import FetchError
from newsdesk.sources.post import post_json
from tests.httpserver import LocalServer, send


def echo(h) -> None:
    send(h, 200, json.dumps({"got": json.loads(h.body), "auth": h.headers.get("Authorization")}).encode(),
         "application/json")


def test_posts_json_and_reads_the_answer() -> None:
    with LocalServer() as srv:
        srv.add_handler("/v1/chat/completions", echo)
        answer = post_json(srv.url("/v1/chat/completions"), {"q": [1, 2]}, headers={"Authorization": "Bearer k"},
                           allow_private=["127.0.0.1"])
        assert answer == {"got": {"q": [1, 2]}, "auth": "Bearer k"}
        assert [r.method for r in srv.requests] == ["POST"]


def test_refuses_loopback_unless_allowed_and_caps_the_answer() -> None:
    with LocalServer() as srv:
        srv.add_handler("/big", lambda h: send(h, 200, b'"' + b"x" * 5000 + b'"', "application/json"))
        srv.add_handler("/bad", lambda h: send(h, 500, b"oops", "text/plain"))
        srv.add_handler("/text", lambda h: send(h, 200, b"not json", "text/plain"))
        with pytest.raises(FetchError, match="127.0.0.1"):
            post_json(srv.url("/big"), {})  # a private address nobody allowed: nothing is sent
        assert srv.requests == []
        with pytest.raises(FetchError, match="larger than the 1000 byte cap"):
            post_json(srv.url("/big"), {}, max_bytes=1000, allow_private=["127.0.0.1"])
        with pytest.raises(FetchError, match="HTTP 500"):
            post_json(srv.url("/bad"), {}, allow_private=["127.0.0.1"])
        with pytest.raises(FetchError, match="not JSON"):
            post_json(srv.url("/text"), {}, allow_private=["127.0.0.1"])
        srv.add_hang("/hang")
        with pytest.raises(FetchError, match="timed out"):
            post_json(srv.url("/hang"), {}, timeout_s=0.5, allow_private=["127.0.0.1"])
