"""poll: fetch every due source once (conditional GET), then ingest its new entries."""

from __future__ import annotations

from contextlib import closing
from datetime import datetime, timezone

from newsdesk.config import Config
from newsdesk.pipeline.lease import exclusive
from newsdesk.pipeline.process import Processor
from newsdesk.pipeline.report import IngestReport, Progress
from newsdesk.pipeline.run import record_and_process
from newsdesk.store.base import Storage


def poll_sources(
    store: Storage, config: Config, *, progress: Progress = None, now: datetime | None = None
) -> IngestReport:
    from newsdesk.sources import Fetcher, fetch_entries, fetch_feed

    report = IngestReport()
    due = store.due_sources(now or datetime.now(timezone.utc))
    if not due:
        return report
    with exclusive(store) as renew, Fetcher(config.fetch) as fetcher, closing(Processor(store, config, progress, renew)) as processor:
        for source in due:
            renew()
            entries, updated = fetch_feed(source, fetcher)
            store.record_fetch(updated)
            if updated.error:
                report.fail(source.url, updated.error, stage="poll")
                continue
            held = store.known_urls(e.url for e in entries)
            fresh = [e for e in entries if e.url not in held]  # held ones are not fetched again
            record_and_process(fetch_entries(fresh, fetcher, source_id=source.id), store, processor, report)
    return report
