"""The pipeline: inputs -> sources -> store (raw) -> extract -> enrich -> stories -> store.

    report = ingest(["page.html", "https://ex.com/feed.xml"], store, config)
    report = process_pending(store, config)   # after a crash: carry every unfinished document on
    report = poll(store, config)               # fetch due feeds once (conditional GET)

Idempotent: raw bytes are content-addressed (the same bytes twice are skipped),
articles are matched by URL and by text (see newsdesk.store.base), and every
step is recorded, so re-running an ingest or a restart after a crash gives the
same store as one clean run.
"""

from newsdesk.pipeline.report import IngestReport
from newsdesk.pipeline.run import ingest, poll, process_pending

__all__ = ["IngestReport", "ingest", "poll", "process_pending"]
