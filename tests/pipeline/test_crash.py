"""Kill an ingest with SIGKILL midway; a restart must carry on and lose nothing."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from newsdesk.config import Config
from newsdesk.pipeline import ingest, process_pending
from newsdesk.store import open_store
from tests.pipeline.pages import write_pages

ROOT = Path(__file__).resolve().parents[2]
COUNT = 24

CHILD = """
import sys
from newsdesk.config import Config
from newsdesk.pipeline import ingest
from newsdesk.store import open_store
config = Config(data_dir=sys.argv[1])
store = open_store(config.db_url)
ingest([sys.argv[2]], store, config)
"""


def stored_count(db: Path) -> int:
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
        try:
            return conn.execute("SELECT COUNT(*) FROM raw_documents WHERE state = 'stored'").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.Error:
        return 0  # not created yet


def kill_midway(data: Path, inputs: Path) -> int:
    """Start an ingest in a child process and SIGKILL it once some documents are stored."""
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(data), str(inputs)], cwd=ROOT,
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    db = data / "newsdesk.db"
    deadline = time.monotonic() + 120
    try:
        while time.monotonic() < deadline and child.poll() is None:
            if stored_count(db) >= 3:
                break
            time.sleep(0.01)
        assert child.poll() is None, f"ingest ended before it could be killed: {child.stderr.read()[-2000:]!r}"
        os.kill(child.pid, signal.SIGKILL)
    finally:
        if child.poll() is None:
            child.kill()
        child.wait()
        child.stderr.close()
    return stored_count(db)


def check_exactly_once(config: Config) -> None:
    store = open_store(config.db_url)
    try:
        assert store.integrity_check() == "ok"
        assert store.raw_counts() == {"stored": COUNT}
        assert store.count_articles() == COUNT
        titles = [s.article.title for s in store.list_articles(limit=COUNT + 10)]
        assert len(set(titles)) == COUNT
        conn = store.db.conn()
        assert conn.execute("SELECT COUNT(*) FROM articles WHERE story_id IS NULL").fetchone()[0] == 0
        assert conn.execute("SELECT COUNT(*) FROM article_versions").fetchone()[0] == COUNT
        assert conn.execute("SELECT COUNT(*) FROM articles_fts").fetchone()[0] == COUNT
        for record in store.raws_in_state(["stored"], limit=COUNT + 10):  # no row without its bytes
            assert store.raw_content(record.sha256) is not None
    finally:
        store.close()


def test_sigkill_then_process_pending(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    write_pages(inputs, COUNT)
    config = Config(data_dir=str(tmp_path / "data"))
    at_kill = kill_midway(tmp_path / "data", inputs)
    assert 0 < at_kill < COUNT, "the kill must land midway"
    store = open_store(config.db_url)
    report = process_pending(store, config)
    store.close()
    assert report.failed == 0
    check_exactly_once(config)


def test_sigkill_then_ingest_again(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    write_pages(inputs, COUNT)
    config = Config(data_dir=str(tmp_path / "data"))
    kill_midway(tmp_path / "data", inputs)
    store = open_store(config.db_url)
    report = ingest([str(inputs)], store, config)
    store.close()
    assert report.failed == 0 and report.new + report.duplicates == COUNT
    check_exactly_once(config)


def test_a_document_that_keeps_killing_the_process_is_given_up(tmp_path: Path) -> None:
    from newsdesk.models import RawDocument
    from newsdesk.store.base import MAX_ATTEMPTS

    config = Config(data_dir=str(tmp_path / "data"))
    store = open_store(config.db_url)
    poison, again = write_pages(tmp_path / "in", 2)
    bad, _ = store.put_raw(RawDocument(uri=str(poison), content=poison.read_bytes()))
    retried, _ = store.put_raw(RawDocument(uri=str(again), content=again.read_bytes()))
    for _ in range(MAX_ATTEMPTS):  # as if MAX_ATTEMPTS runs died while processing it
        store.begin_attempt(bad.id)
    store.begin_attempt(retried.id)  # one run died: it is simply carried on
    report = process_pending(store, config)
    assert report.new == 1 and report.failed == 1
    assert "unfinished attempts" in store.get_raw(bad.id).error and str(poison) in report.failures[0].error
    assert store.get_raw(retried.id).state == "stored"
    store.close()
