"""Search by meaning: the question (or an article) as a sentence vector, nearest stored vectors.

Vectors are the stories engine's title+lead vectors, saved by the pipeline. Articles
saved another way (or before 0006) get theirs here, a bounded batch per request,
so a fresh store answers too. The query is embedded with the same model as the
stored vectors: two models' vectors never meet.
"""

from __future__ import annotations

import html

from newsdesk.store.base import SearchFilters, SearchHit, Storage, StoredArticle

BACKFILL_PER_REQUEST = 256
OVERSAMPLE = 10  # nearest taken before filters, per hit wanted


def _embedder():  # noqa: ANN202 - stories.embed.Embedder, imported lazily (onnxruntime is heavy)
    from newsdesk.stories.embed import get_embedder

    return get_embedder("auto")


def backfill(store: Storage, limit: int = BACKFILL_PER_REQUEST) -> int:
    """Embed up to `limit` articles that have no vector of the current model; returns how many."""
    from newsdesk.stories.features import lead_text

    embedder = _embedder()
    ids = store.articles_without_vectors(embedder.name, limit)
    if not ids:
        return 0
    articles = store.articles_by_ids(ids)
    vectors = embedder.embed([lead_text(a.article) for a in articles])
    store.save_vectors(embedder.name, [(a.id, v) for a, v in zip(articles, vectors)])
    return len(articles)


def query_hits(store: Storage, text: str, filters: SearchFilters, limit: int) -> list[SearchHit]:
    backfill(store)
    embedder = _embedder()
    vector = embedder.embed([text])[0]
    return _hits(store, store.nearest_articles(embedder.name, vector, limit * OVERSAMPLE), filters, limit)


def more_like_this(store: Storage, article_id: int, filters: SearchFilters, limit: int) -> list[SearchHit]:
    backfill(store)
    embedder = _embedder()
    vector = store.article_vector(article_id, embedder.name)
    if vector is None:
        from newsdesk.stories.features import lead_text

        stored = store.get_article(article_id)
        if stored is None:
            return []
        vector = embedder.embed([lead_text(stored.article)])[0]
    near = store.nearest_articles(embedder.name, vector, limit * OVERSAMPLE, exclude={article_id})
    return _hits(store, near, filters, limit)


def _hits(store: Storage, near: list[tuple[int, float]], filters: SearchFilters, limit: int) -> list[SearchHit]:
    score = dict(near)
    ids = store.filter_article_ids([i for i, _ in near], filters)[:limit]
    return [_hit(a, score[a.id]) for a in store.articles_by_ids(ids)]


def _hit(stored: StoredArticle, score: float) -> SearchHit:
    article = stored.article
    lead = " ".join(article.text.split())
    lead = lead[:240] + ("…" if len(lead) > 240 else "")
    return SearchHit(
        article_id=stored.id, title=article.title or "", outlet=article.outlet,
        snippet=html.escape(lead, quote=True), published=article.published, story_id=stored.story_id,
        rank=round(score, 4),
    )
