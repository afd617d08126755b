"""Stories: syndication dedupe, online clustering, timelines and briefs.

Contract used by the pipeline (implemented in this package):

    engine = StoryEngine.load(blob_or_None, config)   # warm start from store.load_story_state("engine")
    dup = engine.find_duplicate(article)             # article_id of a near-duplicate already seen, or None
    better = engine.add_duplicate(dup, article)      # record the copy; True: the copy is the better canonical
    assignment = engine.assign(article_id, article)  # -> models.Assignment (story_id None = new story)
    engine.confirm(article_id, story_id)             # after the store gave the new story its id
    merges = engine.take_merges()                    # [(merged_story, into_story)] bridged by new evidence
    blob = engine.dump()                             # persisted with store.save_story_state("engine", blob)
    data = build_story_data(stored_articles)         # StoredArticles (or (id, Article) pairs): cites ids
    ranked = rank_stories(summaries, now)            # front page order, with `developing` set
    clusters = cluster_paths(paths)                  # `newsdesk cluster`: no database

Everything here is pure Python over models.Article; no SQL, no HTTP.
"""

from typing import TYPE_CHECKING

from newsdesk.lazy import lazy_exports

if TYPE_CHECKING:
    from .cluster import cluster_articles, cluster_paths
    from .dedupe import choose_canonical
    from .engine import Params, StoryEngine
    from .ranking import rank_stories
    from .story_data import build_story_data

# Imported on first use: a pipeline worker needs only `stories.embed` and `stories.features`, and
# `dedupe` brings in datasketch, which imports scipy.integrate (~0.8 s of CPU per worker start).
_EXPORTS = {"StoryEngine": ".engine", "Params": ".engine", "build_story_data": ".story_data",
            "rank_stories": ".ranking", "cluster_paths": ".cluster", "cluster_articles": ".cluster",
            "choose_canonical": ".dedupe"}

__all__ = ["StoryEngine", "Params", "build_story_data", "rank_stories", "cluster_paths", "cluster_articles",
           "choose_canonical"]

__getattr__ = lazy_exports(__name__, _EXPORTS)
