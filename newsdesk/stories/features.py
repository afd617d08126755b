"""What the clustering looks at in one article: a vector, canonical entities, a time."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timezone

import numpy as np

from newsdesk.models import Article

from .lexical import article_terms

LEAD_CHARS = 700  # title + lead is ~160 MiniLM tokens (embed.py reads the first 96); whole articles cost more and cluster no better
MAX_ENTITIES = 20
ENTITY_TYPES = {"PERSON", "ORG", "GPE", "LOC", "NORP", "EVENT", "FAC", "PRODUCT", "WORK_OF_ART", "LAW"}
_CAPS = re.compile(r"\b(?:[A-Z][\w'’-]+)(?:\s+(?:of\s+|de\s+|the\s+)?[A-Z][\w'’-]+)*")
_SENT_START_STOP = {"The", "A", "An", "In", "On", "At", "He", "She", "It", "They", "We", "I", "But", "And", "This",
                    "That", "There", "As", "After", "When", "If", "For", "By", "With", "From", "His", "Her", "Their"}


@dataclass
class ArticleFeatures:
    vector: np.ndarray
    entities: dict[str, float]  # canonical key -> weight (mention count)
    when: float | None  # epoch seconds of publication, None when unknown
    outlet: str | None
    title: str
    names: dict[str, str] = field(default_factory=dict)  # key -> display name
    terms: dict[str, float] = field(default_factory=dict)  # whole-text terms (lexical similarity)
    years: frozenset[int] = frozenset()  # years the article names outright (event signature)
    places: frozenset[str] = frozenset()  # canonical GPE/LOC keys (event signature)


def lead_text(article: Article) -> str:
    title = (article.title or "").strip()
    body = (article.text or "").strip()
    lead = body[:LEAD_CHARS]
    return f"{title}. {lead}" if title else lead


def when_of(article: Article) -> float | None:
    # a date guessed from the body (a birth date, an anniversary) would pull stories apart wrongly
    if article.published is None or article.published_estimated:
        return None
    ts = article.published
    if ts.tzinfo is None:
        ts = ts.replace(tzinfo=timezone.utc)
    return ts.timestamp()


def entity_weights(article: Article) -> tuple[dict[str, float], dict[str, str]]:
    """Canonical entity keys with mention counts; capitalised phrases when enrich left none."""
    counts: Counter[str] = Counter()
    names: dict[str, str] = {}
    for ent in article.entities:
        if ent.type not in ENTITY_TYPES:
            continue
        name = (ent.canonical or ent.name or "").strip()
        key = name.lower()
        if len(key) < 2:
            continue
        counts[key] += 1
        names.setdefault(key, name)
    if not counts:
        for name in _CAPS.findall(lead_text(article) + " " + (article.text or "")[LEAD_CHARS:3000]):
            if name in _SENT_START_STOP or len(name) < 3:
                continue
            counts[name.lower()] += 1
            names.setdefault(name.lower(), name)
    top = dict(counts.most_common(MAX_ENTITIES))
    return {k: float(v) for k, v in top.items()}, {k: names[k] for k in top}


_YEAR = re.compile(r"^(1[89]\d\d|20\d\d)")
PLACE_TYPES = {"GPE", "LOC"}


def event_years(article: Article) -> frozenset[int]:
    """Years named outright ("in 2010", "May 3, 2009"): a year a resolver guessed for
    "on Tuesday" is no evidence."""
    return frozenset(int(m.group(1)) for t in article.times
                     if t.kind in ("date", "range") and (m := _YEAR.match(t.value or "")) and m.group(1) in t.text)


def places_of(article: Article) -> frozenset[str]:
    return frozenset((e.canonical or e.name or "").strip().lower() for e in article.entities
                     if e.type in PLACE_TYPES and len((e.canonical or e.name or "").strip()) > 1)


def features_of(article: Article, vector: np.ndarray) -> ArticleFeatures:
    ents, names = entity_weights(article)
    return ArticleFeatures(
        vector=np.asarray(vector, dtype=np.float32), entities=ents, when=when_of(article),
        outlet=article.outlet or article.site_name, title=(article.title or "").strip(), names=names,
        terms=article_terms(article), years=event_years(article), places=places_of(article),
    )


def to_datetime(ts: float | None) -> datetime | None:
    return datetime.fromtimestamp(ts, tz=timezone.utc) if ts is not None else None
