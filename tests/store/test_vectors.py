"""Article vectors (0006): stored per model, nearest by cosine, filtered like full text."""

from __future__ import annotations

import numpy as np

from newsdesk.models import Article
from newsdesk.store.base import SearchFilters


def unit(*values: float) -> np.ndarray:
    v = np.array(values, dtype=np.float32)
    return v / np.linalg.norm(v)


def test_nearest_by_cosine_per_model_with_exclusion_and_filters(store) -> None:
    ids = [store.save_article(Article(url=f"https://x.example/{i}", outlet=o, title=f"t{i}", text=f"text {i}")).article_id
           for i, o in enumerate(["A", "B", "A"])]
    store.save_vectors("m1", [(ids[0], unit(1, 0, 0)), (ids[1], unit(1, 1, 0)), (ids[2], unit(0, 0, 1))])
    store.save_vectors("m2", [(ids[2], unit(1, 0))])
    near = store.nearest_articles("m1", unit(1, 0.1, 0), limit=2)
    assert [i for i, _ in near] == [ids[0], ids[1]] and near[0][1] > near[1][1]
    assert [i for i, _ in store.nearest_articles("m1", unit(1, 0, 0), 5, exclude={ids[0]})] == [ids[1], ids[2]]
    assert store.articles_without_vectors("m2") == [ids[1], ids[0]]
    # a vector replaced by a new save is what the next search sees
    store.save_vectors("m1", [(ids[2], unit(1, 0.05, 0))])
    assert store.nearest_articles("m1", unit(1, 0, 0), 1)[0][0] in {ids[0], ids[2]}
    assert store.filter_article_ids([ids[2], ids[1], ids[0]], SearchFilters(outlet="A")) == [ids[2], ids[0]]


def test_pipeline_keeps_the_engine_vector_of_each_new_article(tmp_path, store) -> None:
    from newsdesk.config import Config
    from newsdesk.pipeline import ingest
    from newsdesk.stories.embed import get_embedder
    from tests.pipeline.pages import write_pages

    write_pages(tmp_path / "in", 2)
    report = ingest([str(tmp_path / "in")], store, Config(data_dir=str(tmp_path)))
    assert report.new == 2
    assert store.articles_without_vectors(get_embedder("auto").name) == []


def test_unfiltered_search_ranks_only_the_newest_window_of_matches(store, monkeypatch) -> None:
    from newsdesk.store import sql_reader

    ids = [store.save_article(Article(url=f"https://w.example/{i}", outlet="A" if i % 2 else "B", title=f"Harbour {i}",
                                      text="harbour " * (30 - i) + f"words {i}")).article_id for i in range(30)]
    everything = {h.article_id for h in store.search_filtered("harbour", SearchFilters(), 50)}
    assert everything == set(ids)
    monkeypatch.setattr(sql_reader, "RANK_WINDOW", 10)
    windowed = store.search_filtered("harbour", SearchFilters(), 50)
    assert {h.article_id for h in windowed} == set(ids[-10:])  # the newest ten matches
    assert [h.article_id for h in windowed] == sorted(ids[-10:])  # by bm25: more "harbour" first
    assert snippets_marked(windowed)
    # with a filter the matches are narrowed first, and all of them are ranked
    assert {h.article_id for h in store.search_filtered("harbour", SearchFilters(outlet="B"), 50)} == set(ids[::2])


def snippets_marked(hits) -> bool:
    return all("<mark>harbour</mark>" in h.snippet for h in hits)
