"""Every statement of the ingest path (stories + store) finds its rows through an index:
a full scan of a table makes the per-article cost grow with the store (issue: assignment
time at 1M stored articles within 2x of 10k). SQLite's own plans, statements as run."""

from __future__ import annotations

import re
from pathlib import Path

from newsdesk.config import Config
from newsdesk.pipeline import ingest
from newsdesk.store import open_store
from tests.pipeline.pages import write_pages

STATEMENT = ("SELECT", "INSERT", "UPDATE", "DELETE", "WITH")


def unbound(sql: str) -> str:
    """The traced statement with its values back as placeholders: a literal could let SQLite
    use a partial index the real, parameterised statement cannot."""
    sql = re.sub(r"[xX]?'(?:[^']|'')+'", "?", sql)  # '' kept: the code's own empty-string tests
    return re.sub(r"(?<![\w.])-?\d+(?:\.\d+)?(?![\w.])", "?", sql)


def full_scans(conn, sql: str) -> list[str]:
    plan = conn.execute("EXPLAIN QUERY PLAN " + sql, [None] * sql.count("?")).fetchall()
    # a virtual table (FTS5) "scan" with an index constraint is its own rowid lookup
    return [r[3] for r in plan if r[3].startswith("SCAN") and "VIRTUAL TABLE" not in r[3]]


def test_ingest_path_statements_use_indexes(tmp_path: Path) -> None:
    config = Config(data_dir=str(tmp_path / "data"))
    store = open_store(config)
    traced: list[str] = []
    store.db.conn().set_trace_callback(traced.append)
    pages = write_pages(tmp_path / "in", 6)
    report = ingest([str(p) for p in pages], store, config)
    assert report.new == 6
    ingest([str(pages[0])], store, config)  # the same page again: matched by URL
    store.known_urls(["https://example.org/a", "https://example.org/b"])  # what a poll asks first
    conn = store.db.conn()
    conn.set_trace_callback(None)
    # SQLite's own statements on FTS5 shadow tables name their schema ('main'.'x_config')
    statements = {unbound(s) for s in traced if s.lstrip().upper().startswith(STATEMENT) and "'main'." not in s}
    assert any("article_outlets" in s and "url_key" in s for s in statements), "the URL match was traced"
    scans = {s[:160]: found for s in sorted(statements) if (found := full_scans(conn, s))}
    assert scans == {}
    store.close()
