"""`newsdesk backfill`: a WARC.gz written here, through a Dask LocalCluster of 2 workers and
through the process pool (`--engine local`, the real CLI); both must store the same articles,
fail the broken records cleanly, and a re-run must store nothing new."""

from __future__ import annotations

from pathlib import Path

import pytest
from distributed import LocalCluster

from newsdesk.config import Config
from newsdesk.pipeline.backfill import backfill, expand_inputs
from newsdesk.store import open_store
from tests.cli.helpers import json_lines, run_newsdesk
from tests.pipeline.views import stored_view
from tests.pipeline.warcs import BROKEN_URI, EMPTY_URI, write_warc


@pytest.fixture
def warc(tmp_path: Path) -> tuple[Path, list[str]]:
    folder = tmp_path / "cc-news"
    folder.mkdir()
    uris = write_warc(folder / "CC-NEWS-20250511.warc.gz", count=10)
    return folder, uris


def test_dask_backfill_stores_articles_fails_broken_records_and_resumes(warc, store, config):
    folder, uris = warc
    # threads: a process-backed LocalCluster takes ~25 s to start on a busy 2-core machine
    # (measured; bench/backfill.py runs the process cluster), the plan is the same
    report = backfill([str(folder / "*.warc.gz")], store, config, engine="dask", workers=2, processes=False)

    assert (report.new, report.failed) == (10, 2), report.failures
    errors = {f.input: f.error for f in report.failures}
    assert errors[BROKEN_URI] == f"{BROKEN_URI}: binary file, not an article (text/html)"
    assert errors[EMPTY_URI].startswith(f"{EMPTY_URI}: ") and "\n" not in errors[EMPTY_URI]
    assert sorted(a.article.url for a in store.list_articles(limit=100)) == sorted(uris)
    assert store.unassigned_articles() == []  # stories given after the batch, oldest first
    assert all(a.article.entities and a.article.quotes for a in store.list_articles(limit=100))  # enriched
    counts = store.raw_counts()
    assert counts.get("stored") == 10 and counts.get("failed") == 1  # the empty page; junk never recorded

    again = backfill([str(folder)], store, config, engine="dask", workers=2, processes=False)
    assert (again.new, again.updated, again.duplicates) == (0, 0, 10)
    assert store.count_articles() == 10 and store.raw_counts() == counts


def test_local_engine_cli_gives_the_same_articles_as_dask(warc, tmp_path, db_urls):
    folder, _ = warc
    dask_config = Config(data_dir=str(tmp_path / "dask-data"), database_url=db_urls("dask"))
    # a cluster started elsewhere, reached by its scheduler address (--scheduler)
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None) as cluster:
        with open_store(dask_config) as store:
            backfill([str(folder)], store, dask_config, engine="dask", scheduler=cluster.scheduler_address)
            expected = stored_view(store)

    local_config = Config(data_dir=str(tmp_path / "local-data"), database_url=db_urls("local"))
    env = {"NEWSDESK_DATA_DIR": local_config.data_dir, "NEWSDESK_DATABASE_URL": local_config.db_url}
    out = run_newsdesk("backfill", str(folder / "*.warc.gz"), "--engine", "local", "--workers", "2", "--json",
                       cwd=tmp_path, env=env)
    assert out.returncode == 1, out.stderr  # two inputs failed: said, not hidden
    summary = json_lines(out.stdout)[-1]
    assert (summary["new"], summary["failed"]) == (10, 2)
    with open_store(local_config) as store:
        assert stored_view(store) == expected


def test_backfill_refuses_missing_inputs_and_unknown_engines(tmp_path):
    with pytest.raises(ValueError, match="no file matches"):
        expand_inputs([str(tmp_path / "*.warc.gz")])
    out = run_newsdesk("backfill", str(tmp_path / "nothing-*.warc.gz"), cwd=tmp_path)
    assert out.returncode == 2 and "nothing-*.warc.gz: no file matches" in out.stderr
    out = run_newsdesk("backfill", str(tmp_path), "--engine", "spark", cwd=tmp_path)
    assert out.returncode == 2 and "--engine 'spark'" in out.stderr

