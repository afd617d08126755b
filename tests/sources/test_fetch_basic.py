"""The fetcher against a well-behaved server: bodies, headers, conditional GET, redirects, politeness."""

from __future__ import annotations

import gzip

import pytest

from newsdesk.sources import Fetcher, FetchError
from tests.sources.conftest import make_config

PAGE = "<html><head><title>T</title></head><body><p>Hello – world</p></body></html>"


def test_fetch_returns_body_type_and_charset(local_server, fetcher):
    url = local_server.add("/a.html", PAGE, content_type="text/html; charset=UTF-8")
    result = fetcher.fetch(url)
    assert result.status == 200
    assert result.content == PAGE.encode()
    assert result.content_type == "text/html"
    assert result.encoding == "utf-8"
    assert result.final_url == url and not result.not_modified
    sent = local_server.hits("/a.html")[0].headers
    assert sent["user-agent"].startswith("newsdesk/")


def test_gzip_body_is_decoded(local_server, fetcher):
    url = local_server.add("/z.html", gzip.compress(PAGE.encode()), headers={"Content-Encoding": "gzip"})
    assert fetcher.fetch(url).content == PAGE.encode()


def test_conditional_get_with_etag_gives_304(local_server, fetcher):
    url = local_server.add("/feed.xml", "<rss/>", content_type="application/rss+xml", etag='"v1"')
    first = fetcher.fetch(url)
    assert first.etag == '"v1"'
    second = fetcher.fetch(url, etag=first.etag)
    assert second.status == 304 and second.not_modified and second.content == b""
    assert local_server.hits("/feed.xml")[1].headers["if-none-match"] == '"v1"'


def test_conditional_get_with_last_modified_gives_304(local_server, fetcher):
    stamp = "Sun, 11 May 2025 08:00:00 GMT"
    url = local_server.add("/lm.xml", "<rss/>", content_type="text/xml", last_modified=stamp)
    first = fetcher.fetch(url)
    assert first.last_modified == stamp
    assert fetcher.fetch(url, last_modified=stamp).not_modified
    assert not fetcher.fetch(url, last_modified="Sat, 10 May 2025 08:00:00 GMT").not_modified


def test_redirects_are_followed_and_final_url_kept(local_server, fetcher):
    target = local_server.add("/new", PAGE)
    url = local_server.add_redirect("/old", "/new", status=301)
    result = fetcher.fetch(url)
    assert result.final_url == target and result.url == url and result.content == PAGE.encode()


def test_too_many_redirects(local_server):
    for i in range(4):
        local_server.add_redirect(f"/r{i}", f"/r{i + 1}")
    local_server.add("/r4", PAGE)
    with Fetcher(make_config(max_redirects=2)) as fetcher, pytest.raises(FetchError) as err:
        fetcher.fetch(local_server.url("/r0"))
    assert str(err.value) == f"{local_server.url('/r0')}: too many redirects (more than 2)"


def test_http_error_is_one_line_naming_url(local_server, fetcher):
    url = local_server.url("/missing")
    with pytest.raises(FetchError) as err:
        fetcher.fetch(url)
    assert str(err.value) == f"{url}: HTTP 404 Not Found"


def test_unsupported_scheme(fetcher):
    with pytest.raises(FetchError, match=r"^file:///etc/passwd: unsupported URL scheme 'file'$"):
        fetcher.fetch("file:///etc/passwd")


def test_per_host_delay_spaces_requests(local_server):
    url = local_server.add("/p", PAGE)
    with Fetcher(make_config(per_host_delay_s=0.3, respect_robots=False)) as fetcher:
        for _ in range(3):
            fetcher.fetch(url)
    times = [r.at for r in local_server.hits("/p")]
    gaps = [b - a for a, b in zip(times, times[1:])]
    # server-side arrival times jitter under load; without the delay the gaps are ~1 ms
    assert len(gaps) == 2 and min(gaps) >= 0.25 and sum(gaps) >= 0.55


def test_robots_crawl_delay_is_honoured(local_server):
    local_server.add_robots([], crawl_delay=0.4)  # rounded up to 1 s
    url = local_server.add("/p", PAGE)
    with Fetcher(make_config()) as fetcher:
        fetcher.fetch(url)
        fetcher.fetch(url)
    first, second = local_server.hits("/p")
    assert second.at - first.at >= 0.95
