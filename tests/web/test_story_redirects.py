"""A story merged into another keeps its links: its page and API answer 301 to the story that
took its articles; an id that never was a story is still a 404."""

from __future__ import annotations


from fastapi.testclient import TestClient

from newsdesk.models import Assignment
from newsdesk.store import open_store
from newsdesk.web.app import create_app

from .conftest import config_for, sample_articles


def test_merged_story_redirects_page_and_api(tmp_path, db_url) -> None:
    config = config_for(tmp_path, db_url)
    store = open_store(config)
    try:
        first, second = sample_articles()
        ids = [store.save_article(a).article_id for a in (first, second)]
        kept = store.save_story_assignment(ids[0], Assignment(None, 1.0, True, reason="first"), first.title)
        gone = store.save_story_assignment(ids[1], Assignment(None, 1.0, True, reason="first"), second.title)
        store.merge_stories(gone, kept)
        with TestClient(create_app(config, store)) as client:
            page = client.get(f"/stories/{gone}", follow_redirects=False)
            assert page.status_code == 301 and page.headers["location"] == f"/stories/{kept}"
            api = client.get(f"/api/stories/{gone}", follow_redirects=False)
            assert api.status_code == 301 and api.headers["location"] == f"/api/stories/{kept}"
            followed = client.get(f"/api/stories/{gone}")
            assert followed.status_code == 200 and {a["id"] for a in followed.json()["articles"]} == set(ids)
            assert client.get(f"/stories/{kept + gone + 100}").status_code == 404
    finally:
        store.close()
