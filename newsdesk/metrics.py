"""Process-wide operational counters, exposed by the web app at /metrics.

The pipeline and the fetcher call in at a few points: `record_failure` (every per-document
failure: counted by stage and kind, and logged with its input), `publish_report` (articles
ingested, as deltas of an IngestReport) and `record_fetch` (every fetch's outcome). Queue
depth and stored totals are read from the store when /metrics is scraped (`render`), so
they are right whichever process did the ingest. Counters live in our own registry, not
prometheus-client's global one, so importing newsdesk never registers anything elsewhere.
"""

from __future__ import annotations

import logging
import re
from typing import Any, Iterable

from prometheus_client import (
    CONTENT_TYPE_LATEST, CollectorRegistry, Counter, Histogram, disable_created_metrics, generate_latest,
)
from prometheus_client.core import GaugeMetricFamily

disable_created_metrics()  # no `_created` series: they double the exposition for nothing we read
REGISTRY = CollectorRegistry(auto_describe=True)
ARTICLES = Counter(
    "newsdesk_articles_ingested", "Articles the pipeline stored, by result (new, updated, duplicate).",
    ["result"], registry=REGISTRY,
)
ERRORS = Counter(
    "newsdesk_errors", "Per-document pipeline failures, by stage and error kind.", ["stage", "kind"], registry=REGISTRY,
)
FETCHES = Counter(
    "newsdesk_fetches", "HTTP fetches by outcome (ok, not_modified, or the error kind).", ["outcome"], registry=REGISTRY,
)
REQUEST_SECONDS = Histogram(
    "newsdesk_http_request_duration_seconds", "Web and API request latency, by route template.",
    ["route", "method"], registry=REGISTRY,
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0),
)
CONTENT_TYPE = CONTENT_TYPE_LATEST

failure_log = logging.getLogger("newsdesk.pipeline.failures")

# first match wins: the order puts specific causes before generic words ("HTTP 429" before "HTTP 4")
_KINDS: list[tuple[str, re.Pattern[str]]] = [
    (kind, re.compile(pattern, re.I)) for kind, pattern in [
        ("gave_up", r"gave up after"),
        ("timeout", r"timed out"),
        ("ssrf_refused", r"refused: .*(private address|resolves to)"),
        ("dns", r"cannot resolve host"),
        ("robots", r"robots\.txt"),
        ("too_large", r"byte cap|too large"),
        ("redirect", r"redirect"),
        ("http_429", r"HTTP 429"),
        ("http_5xx", r"HTTP 5\d\d"),
        ("http_4xx", r"HTTP 4\d\d"),
        ("tls", r"TLS error"),
        ("connect", r"cannot connect"),
        ("encoding", r"Content-Encoding|corrupt (gzip|deflate)"),
        ("xml_entities", r"entit(y|ies)|DTD"),
        ("empty", r"\bempty\b"),
        ("not_article", r"binary|not an article"),
        ("no_body", r"no article body"),
        ("too_slow", r"time limit"),
        ("enrich", r"^enrich: |: enrich: "),
        ("store", r"^store: |: store: "),
    ]
]


def error_kind(message: str) -> str:
    """A small fixed vocabulary for an error line (label values must not grow without bound)."""
    for kind, pattern in _KINDS:
        if pattern.search(message):
            return kind
    return "other"


def record_failure(input: str, stage: str, error: str) -> str:
    """Count one per-document failure and log it with its input, stage and kind; returns the kind."""
    kind = error_kind(error)
    ERRORS.labels(stage=stage, kind=kind).inc()
    failure_log.info("%s failed at %s (%s): %s", input, stage, kind, error,
                     extra={"input": input, "stage": stage, "error_kind": kind, "error": error})
    return kind


def record_fetch(outcome: str) -> None:
    FETCHES.labels(outcome=outcome).inc()


def publish_report(report: Any) -> None:
    """Add what an IngestReport counted since its last publish to the article counters."""
    seen = report.published_counts
    for result, attribute in (("new", "new"), ("updated", "updated"), ("duplicate", "duplicates")):
        now = getattr(report, attribute)
        if now > seen.get(result, 0):
            ARTICLES.labels(result=result).inc(now - seen.get(result, 0))
            seen[result] = now


class _StoreCollector:
    """Gauges read from the store at scrape time: raw documents by state, queue depth, articles."""

    def __init__(self, store: Any) -> None:
        self.store = store

    def collect(self) -> Iterable[GaugeMetricFamily]:
        from newsdesk.store.base import PENDING_STATES

        try:
            counts = self.store.raw_counts()
            articles = self.store.count_articles()
        except Exception:  # noqa: BLE001 - the counters still answer when the database does not
            yield GaugeMetricFamily("newsdesk_store_up", "1 when the store answered this scrape.", value=0)
            return
        yield GaugeMetricFamily("newsdesk_store_up", "1 when the store answered this scrape.", value=1)
        by_state = GaugeMetricFamily("newsdesk_raw_documents", "Raw documents by pipeline state.", labels=["state"])
        for state in ("fetched", "extracted", "enriched", "stored", "failed"):
            by_state.add_metric([state], counts.get(state, 0))
        yield by_state
        yield GaugeMetricFamily("newsdesk_queue_depth", "Raw documents waiting to be processed (not stored, not failed).",
                                value=sum(counts.get(s, 0) for s in PENDING_STATES))
        yield GaugeMetricFamily("newsdesk_articles_stored", "Articles held by the store.", value=articles)


def render(store: Any | None = None) -> bytes:
    """The Prometheus text exposition of our counters, plus the store's gauges when given a store."""
    out = generate_latest(REGISTRY)
    if store is not None:
        scrape = CollectorRegistry(auto_describe=False)
        scrape.register(_StoreCollector(store))
        out += generate_latest(scrape)
    return out
