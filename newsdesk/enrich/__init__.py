"""The enrich stage: language, sentences, entities with canonical names, quotes with
speakers, keywords, hashtags, key points, times and events.

    from newsdesk.enrich import enrich, enrich_many

Both load on first use (PEP 562): a process that only reads a profile or computes entity
keys (the pipeline's driver, whose workers enrich) does not import spaCy (~0.6 s of CPU).
"""

from newsdesk.lazy import lazy_exports

__all__ = ["enrich", "enrich_many"]
__getattr__ = lazy_exports(__name__, {"enrich": ".pipeline", "enrich_many": ".pipeline"})
