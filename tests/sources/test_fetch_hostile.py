"""Hostile servers: each ends in a clear one-line FetchError naming the URL, quickly."""

from __future__ import annotations

import socket
import time

import pytest

from newsdesk.sources import Fetcher, FetchError
from tests.sources.conftest import make_config


def _error(fetcher: Fetcher, url: str) -> str:
    with pytest.raises(FetchError) as err:
        fetcher.fetch(url)
    message = str(err.value)
    assert "\n" not in message and message.startswith(url + ": ")
    return message


def test_server_that_never_answers_times_out(local_server, fetcher):
    url = local_server.add_hang("/hang")
    start = time.monotonic()
    assert _error(fetcher, url) == f"{url}: timed out after 1s"
    assert time.monotonic() - start < 2.5


@pytest.mark.parametrize("headers_too", [False, True])
def test_slowloris_trickle_hits_the_overall_deadline(local_server, fetcher, headers_too):
    # a byte every 0.1 s never trips a per-read timeout: only the wall-clock deadline stops it
    url = local_server.add_trickle("/slow", interval_s=0.1, headers_too=headers_too)
    start = time.monotonic()
    assert _error(fetcher, url) == f"{url}: timed out after 1s"
    assert time.monotonic() - start < 2.5


def test_redirect_loop(local_server, fetcher):
    url = local_server.add_redirect_loop("/loop")
    assert _error(fetcher, url) == f"{url}: redirect loop at {url}"


def test_redirect_to_other_scheme_or_bad_url_refused(local_server, fetcher):
    bad = local_server.add_redirect("/bad", "http://127.0.0.1:99999/x")
    assert _error(fetcher, bad).startswith(f"{bad}: bad redirect to http://127.0.0.1:99999/x: invalid URL")
    url = local_server.add_redirect("/r", "file:///etc/passwd")
    assert _error(fetcher, url) == f"{url}: bad redirect to file:///etc/passwd: unsupported URL scheme 'file'"


def test_50_mb_page_refused_by_content_length(local_server, fetcher):
    url = local_server.add_huge("/huge")
    assert _error(fetcher, url) == f"{url}: body too large: Content-Length 52428800 exceeds the 10485760 byte cap"


def test_50_mb_page_without_length_stops_at_the_cap(local_server, fetcher):
    url = local_server.add_huge("/huge", declare_length=False)
    start = time.monotonic()
    assert _error(fetcher, url) == f"{url}: body larger than the 10485760 byte cap"
    assert time.monotonic() - start < 2


def test_gzip_bomb_is_stopped_by_the_decompressed_cap(local_server, fetcher):
    url = local_server.add_gzip_bomb("/bomb", decompressed_size=100 * 1024 * 1024)
    assert _error(fetcher, url) == f"{url}: body larger than the 10485760 byte cap (decompressed)"


def test_429_with_retry_after_is_honoured(local_server, fetcher):
    url = local_server.add_flaky("/busy", "<p>ok</p>", failures=1, status=429, retry_after="1")
    assert fetcher.fetch(url).content == b"<p>ok</p>"
    first, second = local_server.hits("/busy")
    assert second.at - first.at >= 0.95  # waited what the server asked, not the 0.05 s backoff


def test_503_retried_with_backoff_then_gives_up(local_server, fetcher):
    url = local_server.add_flaky("/down", "never", failures=10, status=503, retry_after=None)
    assert _error(fetcher, url) == f"{url}: HTTP 503 Service Unavailable (after 3 attempts)"
    times = [r.at for r in local_server.hits("/down")]
    assert len(times) == 3 and times[2] - times[1] >= 0.09  # 0.05 then 0.1 s


def test_retry_after_beyond_the_limit_is_not_waited(local_server, fetcher):
    url = local_server.add_flaky("/later", "x", failures=1, status=429, retry_after="3600")
    start = time.monotonic()
    assert _error(fetcher, url) == f"{url}: HTTP 429 Too Many Requests; Retry-After 3600s exceeds the 5s limit"
    assert time.monotonic() - start < 1


def test_robots_disallow_refuses_without_requesting_the_page(local_server, fetcher):
    local_server.add_robots(["/private/"])
    url = local_server.add("/private/page.html", "<p>secret</p>")
    assert _error(fetcher, url) == f"{url}: disallowed by robots.txt"
    assert local_server.hits("/private/page.html") == []
    assert fetcher.fetch(local_server.add("/public.html", "<p>hi</p>")).status == 200
    assert len(local_server.hits("/robots.txt")) == 1  # cached per host


def test_robots_for_another_agent_does_not_apply(local_server, fetcher):
    local_server.add_robots(["/"], user_agent="otherbot")
    assert fetcher.fetch(local_server.add("/a.html", "<p>a</p>")).status == 200


def test_robots_can_be_switched_off(local_server):
    local_server.add_robots(["/"])
    url = local_server.add("/a.html", "<p>a</p>")
    with Fetcher(make_config(respect_robots=False)) as fetcher:
        assert fetcher.fetch(url).status == 200
    assert local_server.hits("/robots.txt") == []


def test_robots_5xx_means_disallow_for_now(local_server, fetcher):
    local_server.add("/robots.txt", "oops", status=500, content_type="text/plain")
    url = local_server.add("/a.html", "<p>a</p>")
    assert _error(fetcher, url) == f"{url}: robots.txt unavailable (HTTP 500), not fetching"
    assert local_server.hits("/a.html") == []


def test_closed_port_is_retried_then_reported(fetcher):
    with socket.socket() as sock:  # a port nothing listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    url = f"http://127.0.0.1:{port}/feed"
    message = _error(fetcher, url)
    assert message.startswith(f"{url}: cannot connect") and message.endswith("(after 3 attempts)")
