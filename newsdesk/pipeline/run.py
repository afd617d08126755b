"""ingest / process_pending / poll: record raw documents, then process them."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import datetime
from itertools import islice
from os import PathLike

from newsdesk.config import Config
from newsdesk.models import Failure, RawDocument
from newsdesk.pipeline.lease import exclusive
from newsdesk.pipeline.process import Processor
from newsdesk.pipeline.report import IngestReport, Progress
from newsdesk.store.base import PENDING_STATES, RawRecord, Storage

RECORD_BATCH = 256  # raw documents recorded before processing starts on them


def _with_hints(raw: RawDocument, format: str | None, published: datetime | None,
                outlet: str | None = None) -> RawDocument:
    # kept in the raw meta so a resumed document is extracted with the same overrides;
    # container formats (warc, jsonl, feed...) were already expanded by sources
    article_format = format if format in ("html", "text") else None
    hints = {k: v for k, v in (("format", article_format), ("published", published.isoformat() if published else None)) if v}
    if hints:
        raw.meta = {**raw.meta, "ingest": hints}
    if outlet and not raw.meta.get("outlet"):  # a feed item's or JSONL line's own outlet wins
        raw.meta = {**raw.meta, "outlet": outlet}
    return raw


def record_and_process(
    items: Iterable[RawDocument | Failure], store: Storage, processor: Processor, report: IngestReport,
    format: str | None = None, published: datetime | None = None, batch: int = RECORD_BATCH,
    outlet: str | None = None,
) -> None:
    """put_raw each document and process them. New bytes, and bytes whose processing never
    finished, are queued; bytes already stored (or queued) are duplicates; bytes that failed
    before are reported as failed again. The first `batch` queued documents decide the
    path: when they go to the worker pool, the rest of the input streams on to it as it is
    recorded (no pause of the workers while the driver records the next batch)."""
    stream = _queued(items, store, processor, report, format, published, outlet)
    while records := list(islice(stream, batch)):
        processor.run(records, report, more=stream)


def _queued(
    items: Iterable[RawDocument | Failure], store: Storage, processor: Processor, report: IngestReport,
    format: str | None, published: datetime | None, outlet: str | None = None,
) -> Iterator[RawRecord]:
    """Record each document (raw bytes, then its row); yield the ones to process, each once."""
    queued_ids: set[int] = set()
    for item in items:
        if processor.renew is not None:
            processor.renew()
        if isinstance(item, Failure):
            report.fail(item.input, item.error, stage="fetch" if item.kind == "fetch" else "read")
            processor.tick(report, item.input)
            continue
        record, created = store.put_raw(_with_hints(item, format, published, outlet))
        if (created or record.state in PENDING_STATES) and record.id not in queued_ids:
            queued_ids.add(record.id)
            yield record
        elif record.state == "failed":  # the same bytes failed before: say so, do not hide it
            report.fail(item.uri, f"already failed: {record.error or 'unknown error'}", stage="recorded")
            processor.tick(report, item.uri)
        else:
            report.duplicates += 1
            processor.tick(report, record.uri)


def ingest(
    inputs: Iterable[str], store: Storage, config: Config, *, format: str | None = None,
    published: datetime | None = None, outlet: str | None = None, progress: Progress = None,
) -> IngestReport:
    """Read/fetch every input (files, folders, URLs, feeds, WARC, JSONL) and store its articles;
    `outlet` names the publisher of documents that do not say (local files, pasted text)."""
    from newsdesk.sources import read_inputs
    from newsdesk.sources.fetch import Fetcher

    if isinstance(inputs, (str, PathLike)):
        inputs = [inputs]
    report = IngestReport()
    with exclusive(store) as renew, Fetcher(config.fetch) as fetcher:
        processor = Processor(store, config, progress, renew)
        try:
            items = read_inputs([str(i) for i in inputs], fetcher, format)
            record_and_process(items, store, processor, report, format, published, outlet=outlet)
        finally:
            processor.close()
    return report


def process_pending(store: Storage, config: Config, *, progress: Progress = None) -> IngestReport:
    """Carry on every raw document that is neither stored nor failed (after a crash), then
    give a story to any stored article left without one."""
    report = IngestReport()
    with exclusive(store) as renew:
        processor = Processor(store, config, progress, renew)
        try:
            stream = _pending(store)
            while batch := list(islice(stream, RECORD_BATCH)):
                processor.run(batch, report, more=stream)
            processor.assign_orphans(report)
        finally:
            processor.close()
    return report


def _pending(store: Storage) -> Iterator[RawRecord]:
    """Every raw document neither stored nor failed, in id order, read a page at a time."""
    last_id = 0
    while page := store.raws_in_state(PENDING_STATES, limit=RECORD_BATCH, after_id=last_id):
        yield from page
        last_id = page[-1].id


def poll(store: Storage, config: Config, *, progress: Progress = None, now: datetime | None = None) -> IngestReport:
    """Fetch every due source once (conditional GET) and ingest what it links to."""
    from newsdesk.pipeline.polling import poll_sources

    return poll_sources(store, config, progress=progress, now=now)


