"""enrich(): fill an Article's understanding fields; enrich_many(): the same, batched.

Order matters: entities first (canonical names), then quotes (speakers are entities),
then salience (hashtags, key points) and time (the time helper's functions, when present).
One bad article becomes a logged, empty enrichment, never a stopped batch.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from dataclasses import replace
from datetime import datetime
from itertools import islice
from typing import Any

from ..models import Article
from . import nlp as nlp_mod
from .entities import build_mentions, spans_from_doc, spans_from_rules
from .language import detect_language
from .quotes import find_quotes
from .salience import hashtags, key_points, keywords
from .sentences import split_sentences

log = logging.getLogger(__name__)
BATCH = 16


def enrich(article: Article, use_model: bool | None = None) -> Article:
    """A copy of `article` with language, sentences, entities, quotes, keywords, hashtags,
    key points, times and events filled. `use_model=False` forces the rule-based tagger."""
    return next(enrich_many([article], use_model=use_model))


def enrich_many(articles: Iterable[Article], use_model: bool | None = None, batch_size: int = BATCH) -> Iterator[Article]:
    """Enrich articles lazily, running the NER model over batches with `nlp.pipe`."""
    nlp = nlp_mod.get_nlp(use_model)
    it = iter(articles)
    while batch := list(islice(it, batch_size)):
        if not all(isinstance(a, Article) for a in batch):
            bad = next(a for a in batch if not isinstance(a, Article))
            raise TypeError(f"enrich expects Article objects, got {type(bad).__name__}: {bad!r:.80}")
        docs: list[Any] = [None] * len(batch)
        if nlp is not None:
            texts = [a.text[: nlp_mod.MAX_CHARS] for a in batch]
            docs = list(nlp.pipe(texts, batch_size=batch_size))
        for article, doc in zip(batch, docs):
            yield _enrich_one(article, doc)


def _enrich_one(article: Article, doc: Any) -> Article:
    try:
        return _fill(article, doc)
    except Exception:  # one bad article must not stop the batch; keep it unenriched
        log.exception("enrich failed for %s", article.url or (article.title or "")[:60])
        return replace(article)


def _fill(article: Article, doc: Any) -> Article:
    text = article.text or ""
    out = replace(article)
    out.language = detect_language(text, article.title) or article.language
    out.sentences = split_sentences(text)
    spans = spans_from_doc(doc) if doc is not None else spans_from_rules(text)
    out.entities = build_mentions(text, spans)
    out.quotes = find_quotes(text, out.entities, out.sentences)
    out.keywords = keywords(text)
    out.hashtags = hashtags(out.entities, out.keywords, len(text), article.title)
    out.key_points = key_points(text, out.sentences, out.entities, out.keywords)
    out.times, out.events = _time_stage(out)
    return out


def _time_stage(article: Article) -> tuple[list, list]:
    """Times and events from the time helper's module, when it is installed."""
    times, events = list(article.times), list(article.events)
    try:
        from .timex import find_times  # noqa: PLC0415 - optional, written by the time helper
    except ImportError:
        return times, events
    reference: datetime | None = article.published
    times = find_times(article.text or "", reference)
    article.times = times
    try:
        from .events import build_events  # noqa: PLC0415
    except ImportError:
        return times, events
    return times, build_events(article)
