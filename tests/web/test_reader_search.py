"""Search: full text with filters, by meaning, "more like this", grouped by story, in HTML and the API."""

from __future__ import annotations

import re
from typing import Iterator

import pytest
from fastapi.testclient import TestClient

from newsdesk.web.app import create_app
from tests.web.reader_data import NOW, build


@pytest.fixture(scope="module")
def reader(tmp_path_factory: pytest.TempPathFactory, module_db_url: str) -> Iterator[tuple[TestClient, dict[str, int], object]]:
    config, store, ids = build(tmp_path_factory.mktemp("search"), module_db_url)
    with TestClient(create_app(config, store)) as client:
        yield client, ids, store
    store.close()


def found(client: TestClient, **params: object) -> list[int]:
    response = client.get("/api/search", params=params)
    assert response.status_code == 200, response.text
    return [item["article_id"] for item in response.json()["items"]]


def test_filters_narrow_full_text_hits(reader) -> None:
    client, ids, _ = reader
    assert set(found(client, q="Harbourtown")) == {ids[k] for k in "abcde"}
    assert set(found(client, q="Harbourtown", outlet="Alpha News")) == {ids["a"], ids["d"]}
    assert set(found(client, q="Harbourtown", entity="maria costa")) == {ids["c"]}
    assert set(found(client, q="Harbourtown", story=ids["strike"])) == {ids["c"], ids["d"]}
    week_ago = (NOW.date().toordinal() - 7)
    from datetime import date

    since = date.fromordinal(week_ago).isoformat()
    assert set(found(client, q="Harbourtown", since=since)) == {ids["a"], ids["b"], ids["e"]}
    assert set(found(client, q="Harbourtown", until=since)) == {ids["c"], ids["d"]}
    # filters alone list the newest matching articles
    assert found(client, outlet="Gamma Post") == [ids["c"]]


def test_bad_filters_are_clear_errors(reader) -> None:
    client, _, _ = reader
    response = client.get("/api/search", params={"q": "ferry", "since": "last tuesday"})
    assert response.status_code == 422 and "since" in response.json()["detail"]
    assert client.get("/api/search", params={"q": "ferry", "mode": "vibes"}).status_code == 422
    assert client.get("/api/search").status_code == 422


def test_semantic_search_and_more_like_this(reader) -> None:
    client, ids, store = reader
    body = client.get("/api/search", params={"q": "did the sailors stop their walkout", "mode": "semantic"}).json()
    top = [item["article_id"] for item in body["items"][:2]]
    assert body["mode"] == "semantic" and set(top) == {ids["c"], ids["d"]}  # no word of the query is "strike"
    assert store.articles_without_vectors(store_model(), 10) == []  # every article got its vector
    like = found(client, like=ids["c"])
    assert like[0] == ids["d"] and ids["c"] not in like
    assert found(client, like=ids["c"], outlet="Beta Times") == [ids["b"]]


def store_model() -> str:
    from newsdesk.stories.embed import get_embedder

    return get_embedder("auto").name


def test_search_page_groups_hits_by_story_and_answers_htmx(reader) -> None:
    client, ids, _ = reader
    html = client.get("/search", params={"q": "ferry"}).text
    groups = re.findall(r'<h2 class="group-title"><a href="/stories/(\d+)">', html)
    assert sorted(map(int, groups)) == sorted({ids["ferry"], ids["strike"], ids["evil"]})
    assert "<mark>" in html and 'hx-get="/search"' in html
    fragment = client.get("/search", params={"q": "ferry", "outlet": "Gamma Post"}, headers={"HX-Request": "true"}).text
    assert "<html" not in fragment and "1 result for" in fragment
    api = client.get("/api/search", params={"q": "Harbourtown"}).json()
    assert {g["story_id"] for g in api["groups"]} == {ids["ferry"], ids["strike"], ids["evil"]}
