"""/healthz and /metrics over the real app and a real store (each backend), fed by a real ingest."""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

import pytest
from fastapi.testclient import TestClient
from prometheus_client.parser import text_string_to_metric_families

from newsdesk.config import Config
from newsdesk.models import RawDocument
from newsdesk.pipeline import ingest
from newsdesk.store import open_store
from newsdesk.web.app import create_app
from tests.pipeline.pages import write_pages

Samples = dict[tuple[str, frozenset[tuple[str, str]]], float]


METRICS_TOKEN = "scrape-secret"


def scrape(client: TestClient) -> Samples:
    response = client.get("/metrics", headers={"Authorization": f"Bearer {METRICS_TOKEN}"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain; version=")
    out: Samples = {}
    for family in text_string_to_metric_families(response.text):  # fails on a malformed exposition
        for sample in family.samples:
            out[(sample.name, frozenset(sample.labels.items()))] = sample.value
    return out


def value(samples: Samples, name: str, **labels: str) -> float:
    return samples.get((name, frozenset(labels.items())), 0.0)


@pytest.fixture
def desk(tmp_path: Path, db_url: str) -> Iterator[tuple[Config, object, TestClient]]:
    config = Config(data_dir=str(tmp_path / "data"), database_url=db_url)
    config.web.metrics_token = METRICS_TOKEN
    store = open_store(config)
    with TestClient(create_app(config, store)) as client:
        yield config, store, client
    store.close()


def test_metrics_answer_local_clients_and_the_token_only(desk) -> None:
    config, store, client = desk
    assert client.get("/metrics").status_code == 403  # the test client's address is not local
    assert client.get("/metrics", headers={"Authorization": "Bearer wrong"}).status_code == 403
    app = client.app
    for host, status in (("127.0.0.1", 200), ("::1", 200), ("203.0.113.9", 403), ("10.1.2.3", 403)):
        with TestClient(app, client=(host, 40000)) as other:
            assert other.get("/metrics").status_code == status, host
    config.web.metrics_allow = ["10.0.0.0/8", "not a network"]  # e.g. a Prometheus on the private network
    with TestClient(app, client=("10.1.2.3", 40000)) as other:
        assert other.get("/metrics").status_code == 200


def test_healthz_ok_then_503_when_the_database_is_gone(desk) -> None:
    _, store, client = desk
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok" and body["database"] == "ok" and body["ping_ms"] >= 0
    assert response.headers["cache-control"] == "no-store"
    store.close()
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "error", "database": f"RuntimeError: {store.db.where}: store is closed"}
    # /metrics still answers with the process counters, and says the store is down
    assert value(scrape(client), "newsdesk_store_up") == 0


def test_metrics_count_an_ingest_and_show_the_queue(desk, tmp_path: Path) -> None:
    config, store, client = desk
    before = scrape(client)
    assert value(before, "newsdesk_store_up") == 1 and value(before, "newsdesk_queue_depth") == 0
    folder = tmp_path / "in"
    write_pages(folder, 2)
    (folder / "empty.html").write_bytes(b"   ")
    (folder / "nobody.html").write_text("<html><head><title>x</title></head></html>")
    report = ingest([str(folder)], store, config)
    assert (report.new, report.failed) == (2, 2)
    # two documents recorded but not processed yet: the queue
    store.put_raw(RawDocument(uri="queued-1.html", content=b"<p>one</p>", format="html", encoding="utf-8"))
    store.put_raw(RawDocument(uri="queued-2.html", content=b"<p>two</p>", format="html", encoding="utf-8"))
    after = scrape(client)

    def grew(name: str, **labels: str) -> float:
        return value(after, name, **labels) - value(before, name, **labels)

    assert grew("newsdesk_articles_ingested_total", result="new") == 2
    assert grew("newsdesk_errors_total", stage="read", kind="empty") == 1  # refused before being recorded
    assert grew("newsdesk_errors_total", stage="extract", kind="no_body") == 1
    assert value(after, "newsdesk_raw_documents", state="stored") == 2
    assert value(after, "newsdesk_raw_documents", state="failed") == 1
    assert value(after, "newsdesk_queue_depth") == 2
    assert value(after, "newsdesk_articles_stored") == 2


def test_request_latency_is_labelled_by_route_template(desk) -> None:
    _, _, client = desk
    before = scrape(client)
    for n in (1, 2, 3):
        assert client.get(f"/api/articles/{n}").status_code == 404  # matched route, no such article
    assert client.get("/no/such/page-xyz").status_code == 404
    after = scrape(client)
    route = {"route": "/api/articles/{article_id}", "method": "GET"}
    count = "newsdesk_http_request_duration_seconds_count"
    assert value(after, count, **route) - value(before, count, **route) == 3
    assert value(after, count, route="unmatched", method="GET") - value(before, count, route="unmatched", method="GET") == 1
    assert not any("page-xyz" in str(labels) for _, labels in after)
    # buckets are cumulative and end in +Inf == count
    inf = value(after, "newsdesk_http_request_duration_seconds_bucket", le="+Inf", **route)
    assert inf == value(after, count, **route)
