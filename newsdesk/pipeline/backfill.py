"""Backfill: web archives (WARC/WARC.gz, CC-NEWS style) and folders of pages, at scale.

    report = backfill(["crawl/*.warc.gz"], store, config, engine="dask", workers=2)

The plan, the same on both engines:
1. this process (the driver) streams every input record and records its raw bytes
   (content-addressed: a re-run finds them stored and skips them, so a backfill
   resumes where it stopped);
2. batches of new records go to the workers (a Dask cluster, or a process pool for
   `engine="local"`), which extract, enrich and embed them (pipeline/work.py);
3. the driver stores each batch's articles in one transaction as the batches come back,
   in submission order (failures stored as failed, with their one-line error);
4. once everything is stored, stories are assigned in publication order (oldest first),
   so the result does not depend on which worker finished first.
"""

from __future__ import annotations

import glob
from collections.abc import Iterable, Iterator
from contextlib import closing
from functools import partial
from pathlib import Path

from newsdesk.config import Config
from newsdesk.models import Failure, RawDocument
from newsdesk.pipeline.engines import open_engine
from newsdesk.pipeline.lease import exclusive
from newsdesk.pipeline.parallel import BATCH, run_on_engine
from newsdesk.pipeline.process import Processor
from newsdesk.pipeline.report import IngestReport, Progress
from newsdesk.pipeline.work import Task, task_fields
from newsdesk.store.base import PENDING_STATES, RawRecord, Storage

ASSIGN_BATCH = 256  # articles given stories per transaction after the backfill


def expand_inputs(patterns: Iterable[str]) -> list[str]:
    """Paths and globs ("cc-news/2024-*/*.warc.gz") to the paths they name, in order.
    A pattern that matches nothing, or a path that does not exist, is an error."""
    paths: list[str] = []
    for pattern in patterns:
        pattern = str(pattern)
        if pattern.lower().startswith(("http://", "https://")):
            raise ValueError(f"{pattern}: backfill reads local archives and folders; use `newsdesk ingest` for URLs")
        if glob.has_magic(pattern):
            found = sorted(glob.glob(pattern, recursive=True))
            if not found:
                raise ValueError(f"{pattern}: no file matches")
            paths += found
        elif not Path(pattern).exists():
            raise ValueError(f"{pattern}: no such file or directory")
        else:
            paths.append(pattern)
    return paths


def backfill(
    inputs: Iterable[str], store: Storage, config: Config, *, engine: str = "dask", workers: int | None = None,
    scheduler: str | None = None, processes: bool = True, batch_size: int = BATCH, progress: Progress = None,
) -> IngestReport:
    """Extract + enrich every article of `inputs` on the engine's workers, store them here,
    then assign stories in publication order. Returns what was done (failures as values)."""
    from newsdesk.sources import read_inputs

    paths = expand_inputs(inputs)
    report = IngestReport()
    with exclusive(store) as renew, closing(Processor(store, config, progress, renew, defer_stories=True)) as processor:
        items = recorded(read_inputs(paths, None), processor, report)
        start = partial(open_engine, engine, workers, scheduler, processes=processes)
        run_on_engine(processor, start, items, report, batch_size)  # the engine stops before stories
        processor.assign_orphans(report, batch_size=ASSIGN_BATCH)
    return report


def recorded(
    items: Iterable[RawDocument | Failure], processor: Processor, report: IngestReport
) -> Iterator[tuple[RawRecord, Task]]:
    """Record each document's raw bytes; yield the ones still to do. Bytes already stored
    count as duplicates (a re-run stores nothing new); bytes that failed before are reported again."""
    store = processor.store
    queued: set[int] = set()
    for item in items:
        if processor.renew is not None:
            processor.renew()
        if isinstance(item, Failure):
            report.fail(item.input, item.error)
            processor.tick(report, item.input)
            continue
        record, _created = store.put_raw(item)
        if record.state in PENDING_STATES and record.id not in queued:
            if not processor.begin_attempt(record, report):
                continue
            queued.add(record.id)
            yield record, Task(record.id, item, **task_fields(processor.config))
        elif record.state == "failed":
            report.fail(item.uri, f"already failed: {record.error or 'unknown error'}")
            processor.tick(report, item.uri)
        else:
            report.duplicates += 1
            processor.tick(report, record.uri)


__all__ = ["backfill", "expand_inputs"]
