"""Ingest of a large batch: extract + enrich on a pool of worker processes, stored here.
It must store exactly what the one-process path stores, bad documents failing alone."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import closing
from pathlib import Path

from newsdesk.config import Config
from newsdesk.pipeline import ingest
from newsdesk.pipeline.process import Processor
from newsdesk.pipeline.report import IngestReport
from newsdesk.pipeline.run import record_and_process
from newsdesk.sources import read_inputs
from newsdesk.store import open_store
from tests.pipeline.pages import write_pages
from tests.pipeline.views import stored_view


def _ingest(folder: Path, data: Path, db_url: str, workers: int) -> tuple:
    config = Config(data_dir=str(data), database_url=db_url)
    config.pipeline.workers, config.pipeline.parallel_min, config.pipeline.batch_size = workers, 4, 3
    with open_store(config) as store:
        report = ingest([str(folder)], store, config)
        return report, stored_view(store), store.raw_counts()


def test_worker_pool_stores_what_one_process_stores(tmp_path: Path, db_urls: Callable[[str], str]) -> None:
    pages = tmp_path / "pages"
    write_pages(pages, 7)
    (pages / "page-empty.html").write_text("<html><head><title>Menu</title></head><body><nav>Home</nav></body></html>")

    pooled, pooled_view, pooled_counts = _ingest(pages, tmp_path / "pooled", db_urls("pooled"), workers=2)
    serial, serial_view, serial_counts = _ingest(pages, tmp_path / "serial", db_urls("serial"), workers=1)

    assert "workers (wait)" in pooled.seconds and "workers (wait)" not in serial.seconds  # each path really ran
    assert (pooled.new, pooled.failed) == (serial.new, serial.failed) == (7, 1)
    assert [f.error for f in pooled.failures] == [f.error for f in serial.failures]
    assert pooled.failures[0].error.startswith(str(pages / "page-empty.html") + ": ")
    assert pooled_view == serial_view and len(pooled_view) == 7
    assert pooled_counts == serial_counts == {"stored": 7, "failed": 1}


def test_once_the_pool_runs_every_document_goes_to_it(tmp_path: Path, db_urls: Callable[[str], str]) -> None:
    """The input streams to the workers as it is recorded, past the first record batch, and a later
    batch smaller than parallel_min (a poll's next feed) uses the running pool too: the driver never
    extracts or enriches, so it never loads the models as well."""
    first, later = tmp_path / "first", tmp_path / "later"
    write_pages(first, 7)
    write_pages(later, 2, start=7)
    config = Config(data_dir=str(tmp_path / "data"), database_url=db_urls("stream"))
    config.pipeline.workers, config.pipeline.parallel_min, config.pipeline.batch_size = 2, 4, 3
    report = IngestReport()
    with open_store(config) as store, closing(Processor(store, config)) as processor:
        record_and_process(read_inputs([str(first)], None), store, processor, report, batch=4)
        record_and_process(read_inputs([str(later)], None), store, processor, report, batch=4)
        counts = store.raw_counts()
    assert "workers (wait)" in report.seconds and "extract" not in report.seconds and "enrich" not in report.seconds
    assert (report.new, report.failed) == (9, 0) and counts == {"stored": 9}
