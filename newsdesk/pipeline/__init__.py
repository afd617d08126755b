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

from __future__ import annotations

from typing import Any

__all__ = ["IngestReport", "ingest", "poll", "process_pending"]


def __getattr__(name: str) -> Any:
    if name == "IngestReport":
        from newsdesk.pipeline.report import IngestReport

        return IngestReport
    if name in __all__:
        from newsdesk.pipeline import run

        return getattr(run, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
