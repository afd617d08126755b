"""Carry raw documents through extract + enrich on an engine's workers, store from here.

The driver (this process) owns the store: it records each raw document, hands
batches to the workers (pipeline/work.py), and stores each batch's outcomes in one
transaction, in submission order. A document that failed is stored as failed with
its one-line error; a batch whose worker was lost stays pending (a re-run retries it).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager, ExitStack
from itertools import chain
from typing import Any

from newsdesk.pipeline.engines import Engine, WorkerLost, batched, run_ordered
from newsdesk.pipeline.process import Processor, ingest_hints
from newsdesk.pipeline.report import IngestReport
from newsdesk.pipeline.work import Outcome, Task, task_fields
from newsdesk.store.base import RawRecord

BATCH = 16  # documents per worker task: one spaCy nlp.pipe batch and one embedding call


def run_on_engine(
    processor: Processor, engine: Engine | Callable[[], AbstractContextManager[Engine]],
    items: Iterable[tuple[RawRecord, Task]], report: IngestReport, batch_size: int = BATCH,
) -> None:
    """Process (record, task) pairs on the engine; store every outcome from here. `engine`
    may be a factory: it is then started only once there is a first task (a re-run with
    nothing left to do starts no cluster) and stopped at the end."""
    records: dict[int, RawRecord] = {}
    with ExitStack() as exits:
        iterator = iter(items)
        first = next(iterator, None)
        if first is None:
            return
        if not isinstance(engine, Engine):
            engine = exits.enter_context(engine())

        def tasks() -> Iterator[Task]:
            for record, task in chain([first], iterator):
                records[record.id] = record
                yield task

        started = time.perf_counter()
        for batch, outcomes in run_ordered(engine, batched(tasks(), batch_size)):
            report.timed("workers (wait)", started)
            if processor.renew is not None:
                processor.renew()
            done = [records.pop(task.key) for task in batch]
            if isinstance(outcomes, WorkerLost):
                for record in done:
                    report.fail(record.uri, f"{outcomes}; left pending: run again to retry")
                    processor.tick(report, record.uri)
            else:
                processor.store_chunk(_stored_items(processor, done, outcomes, report), report)
            started = time.perf_counter()


def _stored_items(
    processor: Processor, records: list[RawRecord], outcomes: list[Outcome], report: IngestReport
) -> list[tuple[RawRecord, Any, Any]]:
    """Failed documents are recorded as failed; the rest go on to store_chunk."""
    kind = processor.engine.embedder_name
    items = []
    for record, outcome in zip(records, outcomes):
        if outcome.article is None:
            processor.fail(record, outcome.error or "failed", report)
            processor.tick(report, record.uri)
            continue
        vector = outcome.vector if outcome.vector_kind == kind else None
        items.append((record, outcome.article, vector))
    return items


def pending_tasks(processor: Processor, records: Iterable[RawRecord], report: IngestReport) -> Iterator[tuple[RawRecord, Task]]:
    """Tasks for recorded documents: each attempt counted first (a document that kills its
    worker again and again ends failed), raw bytes read from the store."""
    store = processor.store
    for record in records:
        if not processor.begin_attempt(record, report):
            continue
        content = store.raw_content(record.sha256)
        if content is None:
            processor.fail(record, f"raw bytes {record.sha256[:12]} missing from the store", report)
            processor.tick(report, record.uri)
            continue
        fmt, published = ingest_hints(record.meta)
        yield record, Task(record.id, record.to_document(content), fmt, published,
                           **task_fields(processor.config))


def split_for_engine(records: Iterable[RawRecord]) -> tuple[list[RawRecord], list[RawRecord]]:
    """(fresh documents for the workers, documents resumed mid-way or retried for the local path)."""
    fresh, local = [], []
    for record in records:
        (fresh if record.attempts == 0 and record.state == "fetched" else local).append(record)
    return fresh, local
