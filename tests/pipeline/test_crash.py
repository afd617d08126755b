"""Kill ingest processes with SIGKILL at random points, many times, on each backend;
a restart must carry on and store every input exactly once, the database intact."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import pytest

from newsdesk.config import Config
from newsdesk.pipeline import process_pending
from newsdesk.store import open_store
from tests.pg import pg_schema, pg_unavailable
from tests.pipeline.pages import write_pages

ROOT = Path(__file__).resolve().parents[2]
KILLS = 50  # kill points per backend
BATCH = 3  # new pages written whenever the earlier ones are all stored
MAX_DELAY_S = 0.3


def check_exactly_once(config: Config, count: int) -> None:
    store = open_store(config)
    try:
        assert store.integrity_check() == "ok"
        assert store.raw_counts() == {"stored": count}
        assert store.count_articles() == count
        titles = [s.article.title for s in store.list_articles(limit=count + 10)]
        assert len(set(titles)) == count
        conn = store.db.conn()
        assert conn.execute("SELECT COUNT(*) FROM articles WHERE story_id IS NULL").fetchone()[0] == 0
        assert conn.execute("SELECT COUNT(*) FROM article_versions").fetchone()[0] == count
        assert conn.execute("SELECT COUNT(*) FROM articles_fts").fetchone()[0] == count
        attempts = conn.execute("SELECT SUM(attempts) FROM raw_documents").fetchone()[0]
        assert attempts > count, "no kill landed while documents were being processed"
        empty = "SELECT COUNT(*) FROM stories s WHERE NOT EXISTS (SELECT 1 FROM articles a WHERE a.story_id = s.id)"
        assert conn.execute(empty).fetchone()[0] == 0, "a story was created twice (one left empty)"
        for record in store.raws_in_state(["stored"], limit=count + 10):  # no row without its bytes
            assert store.raw_content(record.sha256) is not None and record.article_id is not None
    finally:
        store.close()


@pytest.fixture(scope="module")
def crashed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    """Both backends go through the kills in one warm parent process (models load once)."""
    root = tmp_path_factory.mktemp("crash")
    with ExitStack() as stack:
        targets = [{"name": "sqlite", "data_dir": str(root / "sqlite"), "database_url": "", "pages": str(root / "p1")}]
        if pg_unavailable() is None:
            url = stack.enter_context(pg_schema())
            targets.append({"name": "postgresql", "data_dir": str(root / "pg"), "database_url": url,
                            "pages": str(root / "p2")})
        args = {"targets": targets, "batch": BATCH, "kills": KILLS, "seed": 7, "max_delay_s": MAX_DELAY_S}
        done = subprocess.run([sys.executable, "-m", "tests.pipeline.crash_zygote", json.dumps(args)], cwd=ROOT,
                              capture_output=True, text=True, timeout=600)
        assert done.returncode == 0, done.stderr[-3000:]
        summary = json.loads(done.stdout.strip().splitlines()[-1])
        yield {t["name"]: (Config(data_dir=t["data_dir"], database_url=t["database_url"]), summary[t["name"]],
                           done.stderr[-3000:]) for t in targets}


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_sigkill_at_random_points_then_restart(crashed: dict[str, Any], backend: str) -> None:
    if backend not in crashed:
        pytest.skip(pg_unavailable())
    config, summary, stderr = crashed[backend]
    assert summary["killed"] >= KILLS and summary["errors"] == 0, (summary, stderr)
    assert summary["final"] == "ok", stderr
    print(backend, summary)
    check_exactly_once(config, summary["pages"])


def test_a_document_that_keeps_killing_the_process_is_given_up(config: Config, store, tmp_path: Path) -> None:
    from newsdesk.models import RawDocument
    from newsdesk.store.base import MAX_ATTEMPTS

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
