"""One ingest over good pages and every kind of hostile server at once: each hostile URL
is one failure line naming it, the good pages are stored, nothing is half-written."""

from __future__ import annotations

import time

from prometheus_client.parser import text_string_to_metric_families

from newsdesk import metrics
from newsdesk.pipeline import ingest
from tests.httpserver import LocalServer
from tests.pipeline.pages import article_html


def _fetch_counts() -> dict[str, float]:
    text = metrics.render().decode()
    return {
        s.labels["outcome"]: s.value
        for family in text_string_to_metric_families(text) if family.name == "newsdesk_fetches"
        for s in family.samples if s.name == "newsdesk_fetches_total"
    }


def test_hostile_urls_fail_one_by_one_and_good_pages_are_stored(store, config, monkeypatch) -> None:
    monkeypatch.setenv("NEWSDESK_ENRICH_NO_MODEL", "1")  # the rule tagger: this test is about fetching
    config.fetch.allow_private = ["127.0.0.1"]
    config.fetch.per_host_delay_s = 0.0
    config.fetch.retries = 1
    config.fetch.backoff_s = 0.05
    config.fetch.timeout_s = 1.0
    config.fetch.max_retry_after_s = 5.0
    with LocalServer() as server:
        server.add_robots(["/private/"])
        good = [server.add(f"/good{n}.html", article_html(n)) for n in (1, 2)]
        port = server.port
        hostile = {
            server.add_trickle("/slow"): "timed out after 1s",
            server.add_endless_chunked("/forever"): "body larger than the 10485760 byte cap",
            server.add_gzip_bomb("/bomb"): "byte cap (decompressed)",
            server.add_redirect_chain("/hop", 30): "too many redirects (more than 5)",
            server.add_redirect("/meta", "http://169.254.169.254/latest/meta-data/"): "refused: private address 169.254.169.254",
            server.add_redirect("/v6", f"http://[::1]:{port}/good1.html"): "refused: private address ::1",
            server.add("/private/page.html", article_html(3)): "disallowed by robots.txt",
            server.add_flaky("/busy", "x", failures=9, retry_after="600"): "Retry-After 600s exceeds the 5s limit",
        }
        before = _fetch_counts()
        started = time.monotonic()
        report = ingest([good[0], *hostile, good[1]], store, config)
        elapsed = time.monotonic() - started
    assert report.new == 2 and report.failed == len(hostile)
    errors = {f.input: f.error for f in report.failures}
    for url, expected in hostile.items():
        assert "\n" not in errors[url] and errors[url].startswith(f"{url}: ") and expected in errors[url], errors[url]
    assert elapsed < 20  # every hostile case is bounded: the slowloris costs its 1 s deadline
    assert sorted(a.article.url for a in store.list_articles()) == sorted(good)
    assert store.raw_counts() == {"stored": 2}  # failed fetches never reach the raw store
    assert store.integrity_check() == "ok"
    after = _fetch_counts()
    grew = {k: after.get(k, 0) - before.get(k, 0) for k in after}
    assert grew["ok"] >= 2 and grew["timeout"] == 1 and grew["too_large"] == 2
    assert grew["ssrf_refused"] == 2 and grew["redirect"] == 1 and grew["robots"] == 1 and grew["http_429"] == 1
