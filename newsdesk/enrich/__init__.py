"""The enrich stage: language, sentences, entities with canonical names, quotes with
speakers, keywords, hashtags, key points, times and events.

    from newsdesk.enrich import enrich, enrich_many

Both load on first use (PEP 562): a process that only reads a profile or computes entity
keys (the pipeline's driver, whose workers enrich) does not import spaCy (~0.6 s of CPU).
"""

from __future__ import annotations

from typing import Any

__all__ = ["enrich", "enrich_many"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from newsdesk.enrich import pipeline

        return getattr(pipeline, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
