"""poll against a real HTTP server on 127.0.0.1 serving a feed and its pages."""

from __future__ import annotations

import threading
from datetime import datetime, timedelta, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from newsdesk.config import Config
from newsdesk.pipeline import poll
from tests.pipeline.pages import article_html


class Site:
    def __init__(self) -> None:
        self.pages: dict[str, bytes] = {}
        self.hits: list[tuple[str, str | None]] = []
        self.etag = '"v1"'


def serve(site: Site) -> ThreadingHTTPServer:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - http.server API
            site.hits.append((self.path, self.headers.get("If-None-Match")))
            if self.path == "/feed.xml" and self.headers.get("If-None-Match") == site.etag:
                self.send_response(304)
                self.end_headers()
                return
            body = site.pages.get(self.path)
            if body is None:
                self.send_error(404)
                return
            self.send_response(200)
            kind = "application/rss+xml" if self.path.endswith(".xml") else "text/html; charset=utf-8"
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            if self.path == "/feed.xml":
                self.send_header("ETag", site.etag)
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def feed(base: str, ids: list[int]) -> bytes:
    items = "".join(
        f"<item><title>Story {i}</title><link>{base}/a/{i}.html</link>"
        f"<pubDate>Tue, 13 May 2025 08:00:00 GMT</pubDate></item>" for i in ids
    )
    return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>Example Feed</title>'
            f"<link>{base}/</link>{items}</channel></rss>").encode()


@pytest.fixture
def site():
    s = Site()
    server = serve(s)
    s.base = f"http://127.0.0.1:{server.server_address[1]}"
    yield s
    server.shutdown()
    server.server_close()


def test_poll_fetches_due_feed_then_only_new_entries(tmp_path: Path, site, store, config: Config) -> None:
    config.fetch.allow_private = ["127.0.0.1"]
    config.fetch.per_host_delay_s = 0
    config.fetch.retries = 0
    for i in range(3):
        site.pages[f"/a/{i}.html"] = article_html(i).encode()
    site.pages["/feed.xml"] = feed(site.base, [0, 1, 2])
    source = store.add_source(f"{site.base}/feed.xml")

    first = poll(store, config)
    assert (first.new, first.failed) == (3, 0) and store.count_articles() == 3
    polled = store.list_sources()[0]
    assert polled.etag == '"v1"' and polled.title == "Example Feed" and polled.next_fetch is not None

    assert poll(store, config).done == 0  # not due yet: nothing fetched
    later = datetime.now(timezone.utc) + timedelta(seconds=source.interval_s + 5)
    not_modified = poll(store, config, now=later)
    assert not_modified.done == 0 and site.hits[-1] == ("/feed.xml", '"v1"')

    site.etag = '"v2"'
    site.pages["/a/3.html"] = article_html(3).encode()
    site.pages["/feed.xml"] = feed(site.base, [0, 1, 2, 3])
    before = len(site.hits)
    grown = poll(store, config, now=later + timedelta(seconds=source.interval_s + 5))
    assert (grown.new, grown.failed) == (1, 0) and store.count_articles() == 4
    fetched = [path for path, _ in site.hits[before:] if path.startswith("/a/")]
    assert fetched == ["/a/3.html"], "entries already held are not fetched again"


def test_poll_records_a_broken_feed(tmp_path: Path, site, store, config: Config) -> None:
    config.fetch.allow_private = ["127.0.0.1"]
    config.fetch.per_host_delay_s = 0
    config.fetch.retries = 0
    store.add_source(f"{site.base}/missing.xml")
    report = poll(store, config)
    assert report.failed == 1 and "missing.xml" in report.failures[0].error
    src = store.list_sources()[0]
    assert src.error and src.error_count == 1
