"""What one ingest or poll did, as counts plus the failures (values, not exceptions)."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any, Callable, Optional

from newsdesk.models import Failure

# progress(done, total or None, current item): the CLI draws a bar with it
Progress = Optional[Callable[[int, Optional[int], str], None]]


@dataclass
class IngestReport:
    new: int = 0  # articles stored for the first time
    updated: int = 0  # a known article (same URL) whose text changed: new version kept
    duplicates: int = 0  # bytes seen before, the same article again, or a syndicated copy
    failed: int = 0
    failures: list[Failure] = field(default_factory=list)
    article_ids: list[int] = field(default_factory=list)  # articles new or updated in this run
    stories: set[int] = field(default_factory=set)  # stories touched
    seconds: dict[str, float] = field(default_factory=dict)  # wall time per stage (bench/ingest.py)
    published_counts: dict[str, int] = field(default_factory=dict, repr=False)  # metrics.publish_report

    def timed(self, stage: str, started: float) -> None:
        self.seconds[stage] = self.seconds.get(stage, 0.0) + time.perf_counter() - started

    @property
    def done(self) -> int:
        return self.new + self.updated + self.duplicates + self.failed

    def fail(self, input: str, error: str, stage: str = "process") -> None:
        """Record one document's failure; `stage` (fetch, read, extract, enrich, store...) labels
        the failure in the logs and the error counters."""
        from newsdesk import metrics

        line = " ".join(str(error).split()) or "failed"
        if not line.startswith(input):
            line = f"{input}: {line}"
        self.failed += 1
        self.failures.append(Failure(input=input, error=line))
        metrics.record_failure(input, stage, line)

    def merge(self, other: "IngestReport") -> None:
        self.new += other.new
        self.updated += other.updated
        self.duplicates += other.duplicates
        self.failed += other.failed
        self.failures.extend(other.failures)
        self.article_ids.extend(other.article_ids)
        self.stories |= other.stories
        for stage, spent in other.seconds.items():
            self.seconds[stage] = self.seconds.get(stage, 0.0) + spent

    def to_json(self) -> dict[str, Any]:
        return {
            "new": self.new, "updated": self.updated, "duplicates": self.duplicates, "failed": self.failed,
            "failures": [f.to_json() for f in self.failures],
        }

    def __str__(self) -> str:
        return f"{self.new} new, {self.updated} updated, {self.duplicates} duplicates, {self.failed} failed"
