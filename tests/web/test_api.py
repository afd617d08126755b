"""The JSON API under /api, over a real SQLite store."""

from __future__ import annotations


def test_articles_list_paginates(client, populated) -> None:
    ids = populated[2]
    body = client.get("/api/articles", params={"limit": 1}).json()
    assert body["total"] == 2 and body["limit"] == 1 and len(body["items"]) == 1
    rest = client.get("/api/articles", params={"limit": 1, "offset": 1}).json()["items"]
    assert {body["items"][0]["id"], rest[0]["id"]} == {ids["a"], ids["b"]}
    assert client.get("/api/articles", params={"limit": 10_000}).status_code == 422
    assert client.get("/api/articles", params={"offset": -1}).status_code == 422


def test_article_detail_is_the_article_json(client, populated) -> None:
    ids = populated[2]
    data = client.get(f"/api/articles/{ids['a']}").json()
    assert data["id"] == ids["a"]
    assert data["title"] == "Harbourtown agrees new ferry timetable"
    assert data["outlet"] == "Alpha News"
    assert data["images"][0]["credit"] == "ALPHA/PHOTOS"
    assert data["story_id"] == ids["story"]
    assert data["story"]["outlet_count"] == 2
    assert [a["id"] for a in data["story_articles"]] == [ids["b"]]


def test_stories_and_story_detail(client, populated) -> None:
    ids = populated[2]
    stories = client.get("/api/stories").json()["items"]
    assert [s["id"] for s in stories] == [ids["story"]]
    story = client.get(f"/api/stories/{ids['story']}").json()
    assert story["article_count"] == 2
    assert {a["id"] for a in story["articles"]} == {ids["a"], ids["b"]}
    reasons = {a["article_id"]: a["reason"] for a in story["assignments"]}
    assert reasons[ids["b"]].startswith("shares Harbourtown")


def test_search(client, populated) -> None:
    items = client.get("/api/search", params={"q": "timetable"}).json()["items"]
    assert {i["article_id"] for i in items} == {populated[2]["a"], populated[2]["b"]}
    assert client.get("/api/search", params={"q": "zzzznotaword"}).json()["items"] == []
    assert client.get("/api/search").status_code == 422
    assert client.get("/api/search", params={"q": "a" * 501}).status_code == 422
    assert client.get("/api/stories", params={"limit": 201}).status_code == 422


def test_unknown_ids_are_json_404(client) -> None:
    for path in ("/api/articles/999999", "/api/stories/999999"):
        response = client.get(path)
        assert response.status_code == 404
        assert response.headers["content-type"] == "application/json"
        assert "999999" in response.json()["detail"]


def test_openapi_lists_the_api(client) -> None:
    spec = client.get("/openapi.json").json()
    for path in ("/api/articles", "/api/articles/{article_id}", "/api/stories", "/api/stories/{story_id}", "/api/search"):
        assert path in spec["paths"]
    assert "/articles/{article_id}" not in spec["paths"]  # HTML pages stay out of the API docs
    assert client.get("/docs").status_code == 200
