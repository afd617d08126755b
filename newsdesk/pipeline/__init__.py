"""The pipeline: inputs -> sources -> store (raw) -> extract -> enrich -> stories -> store.

    report = ingest(["page.html", "https://ex.com/feed.xml"], store, config)
    report = process_pending(store, config)   # after a crash: carry every unfinished document on
    report = poll(store, config)               # fetch due feeds once (conditional GET)

Idempotent: raw bytes are content-addressed (the same bytes twice are skipped),
articles are matched by URL and by text (see newsdesk.store.base), and every
step is recorded, so re-running an ingest or a restart after a crash gives the
same store as one clean run.

A pool worker imports only newsdesk.pipeline.work: these names load on first use (PEP 562),
so a worker's start does not import the driver's side (run, process, store, metrics: ~0.15 s).
"""

from newsdesk.lazy import lazy_exports

__all__ = ["IngestReport", "ingest", "poll", "process_pending"]
__getattr__ = lazy_exports(__name__, {"IngestReport": ".report", "ingest": ".run", "poll": ".run",
                                      "process_pending": ".run"})
