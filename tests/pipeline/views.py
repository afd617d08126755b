"""What a reader sees of a store, to compare two runs of the pipeline."""

from __future__ import annotations


def stored_view(store) -> dict[str, tuple]:
    """Each stored article by URL (title, text, date, entities, quotes) and the URLs of its story."""
    articles = store.list_articles(limit=1000)
    story_of = {a.id: a.story_id for a in articles}
    view = {}
    for stored in articles:
        a = stored.article
        peers = sorted(o.article.url for o in articles if story_of[o.id] == stored.story_id)
        view[a.url] = (
            a.title, a.text, a.published, sorted((e.canonical or e.name, e.type) for e in a.entities),
            sorted((q.speaker or "", q.text) for q in a.quotes), tuple(peers),
        )
    return view
