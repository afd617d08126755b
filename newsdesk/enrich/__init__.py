"""The enrich stage: language, sentences, entities with canonical names, quotes with
speakers, keywords, hashtags, key points, times and events.

    from newsdesk.enrich import enrich, enrich_many
"""

from .pipeline import enrich, enrich_many

__all__ = ["enrich", "enrich_many"]
