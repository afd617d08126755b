"""Front page order: recent, widely covered, fast-growing stories first."""

from __future__ import annotations

import math
from dataclasses import replace
from datetime import datetime, timezone
from typing import Any

HALF_LIFE_H = 12.0  # a story loses half its recency weight every 12 hours without a new article
DEVELOPING_H = 6.0  # still growing: a new article in the last 6 hours...
DEVELOPING_MIN_ARTICLES = 2  # ...and more than one article


def story_score(s: Any, now: datetime) -> tuple[float, bool]:
    last, first = _utc(s.last_seen), _utc(s.first_seen)
    now = _utc(now)
    age_h = max((now - last).total_seconds() / 3600.0, 0.0)
    span_h = max((last - first).total_seconds() / 3600.0, 1.0)
    recency = 0.5 ** (age_h / HALF_LIFE_H)
    breadth = 1.0 + math.log1p(max(s.outlet_count, 1) - 1) * 1.5
    velocity = 1.0 + math.log1p(s.article_count / span_h)
    developing = age_h <= DEVELOPING_H and s.article_count >= DEVELOPING_MIN_ARTICLES
    return recency * breadth * velocity, developing


def rank_stories(summaries: list[Any], now: datetime) -> list[Any]:
    """StorySummary-likes sorted best first, copies with `rank` and `developing` set."""
    scored = []
    for s in summaries:
        rank, developing = story_score(s, now)
        scored.append(replace(s, rank=round(rank, 6), developing=developing))
    scored.sort(key=lambda s: (-s.rank, -_utc(s.last_seen).timestamp(), s.id))
    return scored


def _utc(d: datetime) -> datetime:
    return d if d.tzinfo else d.replace(tzinfo=timezone.utc)
