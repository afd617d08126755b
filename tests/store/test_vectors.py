"""Article vectors (0006): stored per model, nearest by cosine, filtered like full text."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from newsdesk.models import Article
from newsdesk.store import open_store
from newsdesk.store.base import SearchFilters
from newsdesk.store.storage import SQLStorage
from tests.pg import pg_schema
from tests.pgvector_server import fresh_database, private_server, shared_server_has_pgvector


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


def saved(store, n: int) -> int:
    art = Article(url=f"https://ex.com/{n}", outlet="Ex", title=f"A {n}", text=f"article number {n}")
    return store.save_article(art).article_id


def test_nearest_articles_match_a_brute_force_cosine(store) -> None:
    rng = np.random.default_rng(3)
    ids = [saved(store, n) for n in range(40)]
    vectors = rng.normal(size=(40, 16)).astype(np.float32)
    store.save_vectors("test-model", zip(ids, vectors))
    query = rng.normal(size=16)
    unit = vectors / np.linalg.norm(vectors, axis=1, keepdims=True)
    expected = [ids[i] for i in np.argsort(-(unit @ (query / np.linalg.norm(query))))[:5]]
    got = store.nearest_articles("test-model", query, limit=5)
    assert [i for i, _ in got] == expected
    assert all(-1.0 <= s <= 1.0 for _, s in got) and got[0][1] >= got[-1][1]
    assert store.nearest_articles("test-model", vectors[7], limit=1)[0] == (ids[7], pytest.approx(1.0, abs=1e-5))


def test_vectors_are_per_model_replaced_and_excluded(store) -> None:
    a, b = saved(store, 1), saved(store, 2)
    store.save_vectors("m1", [(a, [1.0, 0.0, 0.0]), (b, [0.0, 1.0, 0.0])])
    store.save_vectors("m2", [(b, [0.0, 0.0, 5.0])])
    assert store.articles_without_vectors("m2") == [a] and store.articles_without_vectors("m1") == []
    assert np.allclose(store.article_vector(b, "m2"), [0.0, 0.0, 1.0]) and store.article_vector(a, "m2") is None
    store.save_vectors("m1", [(b, [1.0, 1.0, 0.0])])  # replaced: the next search sees it
    assert [i for i, _ in store.nearest_articles("m1", [0.0, 1.0, 0.0], limit=5)] == [b, a]
    assert [i for i, _ in store.nearest_articles("m1", [0.0, 1.0, 0.0], limit=5, exclude={b})] == [a]
    assert store.nearest_articles("m2", [0.0, 0.0, 1.0], limit=5) == [(b, pytest.approx(1.0))]
    assert store.nearest_articles("m1", [1.0, 0.0, 0.0, 0.0], limit=5) == []  # another size: nothing comparable


def test_unusable_vectors_are_refused(store) -> None:
    a = saved(store, 1)
    with pytest.raises(ValueError, match="cannot compare"):
        store.save_vectors("m", [(a, [0.0, 0.0])])
    with pytest.raises(ValueError, match="cannot compare"):
        store.nearest_articles("m", [float("nan"), 1.0])


@pytest.fixture(scope="module")
def pgvector_admin_url() -> Iterator[str | None]:
    """None: the shared server has pgvector (a schema there per test); else a private server's URL."""
    if shared_server_has_pgvector():
        yield None
        return
    try:
        import pgserver  # noqa: F401
    except ImportError as exc:
        pytest.skip(f"no PostgreSQL with pgvector here: the shared server lacks the extension "
                    f"and the pgserver wheel is not installed ({exc}); vectors are ranked in numpy")
    # not under pytest's basetemp: another pytest run on the machine prunes old basetemps,
    # and PostgreSQL shuts down when its data folder disappears
    with tempfile.TemporaryDirectory(prefix="newsdesk-pgvector-") as folder, private_server(Path(folder)) as url:
        yield url


@pytest.fixture
def pgvector_store(pgvector_admin_url, tmp_path) -> Iterator[SQLStorage]:
    database = pg_schema() if pgvector_admin_url is None else fresh_database(pgvector_admin_url)
    with database as url, open_store(url, raw_dir=tmp_path) as store:
        assert store.uses_pgvector(), "migration 0006 did not add the pgvector column"
        yield store


def test_pgvector_ranks_in_the_database_with_an_hnsw_index(pgvector_store) -> None:
    check_pgvector(pgvector_store)


@pytest.mark.parametrize("check", [
    "test_nearest_by_cosine_per_model_with_exclusion_and_filters",
    "test_nearest_articles_match_a_brute_force_cosine",
    "test_vectors_are_per_model_replaced_and_excluded",
    "test_unusable_vectors_are_refused",
])
def test_pgvector_gives_the_same_answers_as_the_numpy_scan(pgvector_store, check) -> None:
    globals()[check](pgvector_store)


def check_pgvector(store) -> None:
    ids = [saved(store, n) for n in range(20)]
    vectors = np.eye(20, 8, dtype=np.float32) + 0.01
    store.save_vectors("m", zip(ids, vectors))
    indexes = {r[0] for r in store.db.conn().execute("SELECT indexname FROM pg_indexes WHERE tablename = 'article_vectors'")}
    assert "article_vectors_hnsw_8" in indexes
    assert store.nearest_articles("m", vectors[3], limit=1)[0][0] == ids[3]
    # the planner can answer the store's own query from the index (on 20 rows it would
    # rather scan and sort, so those are priced out for this one check)
    conn = store.db.conn()
    conn.execute("SET enable_seqscan = off")
    conn.execute("SET enable_sort = off")
    query = "[" + ",".join("0.5" for _ in range(8)) + "]"
    distance = "embedding::public.vector(8) OPERATOR(public.<=>) ?::public.vector(8)"
    plan = " ".join(r[0] for r in conn.execute(
        f"EXPLAIN SELECT article_id FROM article_vectors WHERE model = ? AND dim = 8 ORDER BY {distance} LIMIT 3",
        ("m", query)).fetchall())
    conn.execute("RESET enable_seqscan")
    conn.execute("RESET enable_sort")
    assert "article_vectors_hnsw_8" in plan, plan
