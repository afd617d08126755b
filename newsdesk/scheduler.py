"""The background worker behind `newsdesk run`: ingest start-up paths, then poll due feeds."""

from __future__ import annotations

import logging
import threading
from pathlib import Path
from typing import Callable

from newsdesk.config import Config

log = logging.getLogger("newsdesk.scheduler")
MAX_REPORTED_FAILURES = 20


class FeedScheduler(threading.Thread):
    """Polls due feeds every `config.poll_interval_s` until stopped.

    It opens its own store: a SQLite connection belongs to the thread that made it,
    and the web server has its own.
    """

    def __init__(self, config: Config, ingest_paths: list[Path] | None = None,
                 on_error: Callable[[str], None] | None = None,
                 on_info: Callable[[str], None] | None = None) -> None:
        super().__init__(name="newsdesk-scheduler", daemon=True)
        self.config = config
        self.ingest_paths = ingest_paths or []
        self.on_error = on_error or (lambda message: log.error("%s", message))
        self.on_info = on_info or (lambda message: log.info("%s", message))
        self.stopped = threading.Event()
        self.polls = 0

    def stop(self) -> None:
        self.stopped.set()

    def run(self) -> None:
        from newsdesk import pipeline
        from newsdesk.alerts.deliver import run_alerts
        from newsdesk.store import open_store

        store = open_store(self.config.db_url)
        try:
            # a restart carries on what a crash or a stop left half-done
            self._guard("resume", lambda: pipeline.process_pending(store, self.config))
            if self.ingest_paths:
                self._guard("ingest", lambda: pipeline.ingest([str(p) for p in self.ingest_paths], store, self.config))
            while not self.stopped.is_set():
                self._guard("poll", lambda: pipeline.poll(store, self.config))
                self._guard("alerts", lambda: run_alerts(store, self.config))  # match + deliver what is new
                self.polls += 1
                self.stopped.wait(max(1, self.config.poll_interval_s))
        finally:
            store.close()

    def _guard(self, what: str, work: Callable[[], object]) -> None:
        # One failed round (a feed host down, a bad page) must not end the scheduler.
        try:
            result = work()
        except Exception as exc:  # noqa: BLE001 - reported, then the next round runs
            self.on_error(f"{what} failed: {type(exc).__name__}: {exc}")
            return
        failures = getattr(result, "failures", [])
        for failure in failures[:MAX_REPORTED_FAILURES]:
            self.on_error(f"{what}: {failure.error}")
        if len(failures) > MAX_REPORTED_FAILURES:
            self.on_error(f"{what}: ... and {len(failures) - MAX_REPORTED_FAILURES} more failures")
        if getattr(result, "done", 1):  # quiet when a round found nothing to do
            self.on_info(f"{what}: {result}")
