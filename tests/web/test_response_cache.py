"""The anonymous response cache over a real SQLite store and the real app: hits, 304s,
invalidation by a write, and never a cached page for a signed-in reader."""

from __future__ import annotations

import asyncio
import time
from datetime import datetime, timedelta, timezone
from typing import Iterator

import httpx
import pytest
from fastapi.testclient import TestClient

from newsdesk.accounts.tokens import new_token, token_hash
from newsdesk.models import Assignment
from newsdesk.store import open_store
from newsdesk.web.app import create_app
from newsdesk.web.response_cache import LRU, Entry

from .conftest import config_for, sample_articles

STATE = "x-newsdesk-cache"


@pytest.fixture
def site(tmp_path) -> Iterator[tuple[TestClient, object, dict[str, int]]]:
    config = config_for(tmp_path)
    store = open_store(config.db_url)
    first, second = sample_articles()
    ids = {"a": store.save_article(first).article_id}
    ids["story"] = store.save_story_assignment(
        ids["a"], Assignment(story_id=None, score=1.0, new_story=True, reason="first"), first.title)
    with TestClient(create_app(config, store)) as client:
        yield client, store, ids
    store.close()


def test_second_anonymous_read_is_a_hit_with_the_same_page_and_an_etag(site) -> None:
    client, _, ids = site
    for path in (f"/stories/{ids['story']}", f"/articles/{ids['a']}", "/", "/api/search?q=ferry"):
        first, second = client.get(path), client.get(path)
        assert first.status_code == second.status_code == 200, path
        assert (first.headers[STATE], second.headers[STATE]) == ("miss", "hit"), path
        assert first.content == second.content and first.headers["etag"] == second.headers["etag"]
        assert "set-cookie" not in first.headers and second.headers["cache-control"] == "no-cache"
        assert second.headers["content-security-policy"].startswith("default-src 'self'")
        assert 'name="csrf-token"' not in first.text  # no token minted, so no cookie set


def test_if_none_match_gets_304_and_head_gets_no_body(site) -> None:
    client, _, ids = site
    path = f"/stories/{ids['story']}"
    etag = client.get(path).headers["etag"]
    again = client.get(path, headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.content == b"" and again.headers["etag"] == etag
    assert client.get(path, headers={"If-None-Match": '"other"'}).status_code == 200
    head = client.head(path)
    assert head.status_code == 200 and head.content == b"" and head.headers[STATE] == "hit"


def test_a_write_invalidates_every_cached_page(site) -> None:
    client, store, ids = site
    path = f"/stories/{ids['story']}"
    before = client.get(path)
    assert client.get(path).headers[STATE] == "hit"
    _, second = sample_articles()
    new_id = store.save_article(second).article_id
    store.save_story_assignment(new_id, Assignment(story_id=ids["story"], score=0.9, new_story=False), second.title)
    after = client.get(path)
    assert after.headers[STATE] == "miss" and after.headers["etag"] != before.headers["etag"]
    assert second.title in after.text and second.title not in before.text
    assert client.get(f"/api/search?q={second.title.split()[0]}").headers[STATE] == "miss"


def test_a_signed_in_reader_never_gets_the_cached_anonymous_page(site) -> None:
    client, store, ids = site
    path = f"/stories/{ids['story']}"
    client.get(path)
    assert client.get(path).headers[STATE] == "hit"  # the anonymous page is cached
    user = store.create_user("casey", "unused-hash")
    token = new_token()
    store.create_session(token_hash(token), user.id, datetime.now(timezone.utc) + timedelta(days=1))
    client.cookies.set("nd_session", token)
    try:
        mine = client.get(path)
        assert STATE not in mine.headers and "Log out casey" in mine.text
        assert 'name="csrf-token"' in mine.text
        # nor is the signed-in page kept for the next anonymous reader
        client.cookies.clear()
        anonymous = client.get(path)
        assert anonymous.headers[STATE] in ("hit", "miss") and "casey" not in anonymous.text
        client.cookies.set("nd_csrf", "a-pre-session-seed")  # a browser holding a CSRF seed: bypass too
        assert STATE not in client.get(path).headers
    finally:
        client.cookies.clear()


def test_host_and_htmx_requests_are_cached_apart_and_private_paths_never(site) -> None:
    client, _, ids = site
    assert client.get("/", headers={"Host": "one.example"}).headers[STATE] == "miss"
    assert client.get("/", headers={"Host": "two.example"}).headers[STATE] == "miss"
    assert client.get("/", headers={"Host": "one.example", "HX-Request": "true"}).headers[STATE] == "miss"
    assert client.get("/", headers={"Host": "one.example"}).headers[STATE] == "hit"
    login = client.get("/login")
    assert STATE not in login.headers and "nd_csrf" in login.headers.get("set-cookie", "")
    assert STATE not in client.get("/healthz").headers
    assert client.get("/stories/999999").status_code == 404
    assert client.get("/stories/999999").headers.get(STATE) is None  # errors are never kept


def test_lru_drops_the_least_recently_used_and_keeps_within_bytes() -> None:
    def entry(size: int) -> Entry:
        return Entry(1, 0.0, [], b"x" * size, b'"e"', "/r")

    cache = LRU(max_entries=2, max_bytes=100)
    cache.put(("a",), entry(10))
    cache.put(("b",), entry(10))
    assert cache.get(("a",)) is not None  # a is now the most recent
    cache.put(("c",), entry(10))
    assert cache.get(("b",)) is None and cache.get(("a",)) is not None and len(cache) == 2
    cache.put(("d",), entry(95))  # over the byte budget: older entries go
    assert len(cache) == 1 and cache.bytes == 95


def _site_with_ttl(tmp_path, ttl_s: float):
    config = config_for(tmp_path)
    config.web.cache_ttl_s = ttl_s
    store = open_store(config.db_url)
    first, second = sample_articles()
    ids = {"a": store.save_article(first).article_id}
    ids["story"] = store.save_story_assignment(
        ids["a"], Assignment(story_id=None, score=1.0, new_story=True, reason="first"), first.title)
    return create_app(config, store), store, ids, second


def test_a_page_past_its_ttl_is_answered_stale_at_once_and_rebuilt_in_the_background(tmp_path) -> None:
    app, store, ids, _ = _site_with_ttl(tmp_path, 0.5)
    path = "/"  # the front page ranks by the clock too: it is held for the TTL only
    try:
        with TestClient(app) as client:
            first = client.get(path)
            assert first.headers[STATE] == "miss"
            time.sleep(0.6)  # older than the TTL, same data version: only its ages moved on
            stale = client.get(path)
            assert stale.headers[STATE] == "stale" and stale.content == first.content
            assert stale.headers["etag"] == first.headers["etag"]
            states = []
            for _ in range(100):  # the rebuild runs in the background, then the page is fresh again
                states.append(client.get(path).headers[STATE])
                if states[-1] == "hit":
                    break
                time.sleep(0.02)
            assert states[-1] == "hit" and set(states) <= {"stale", "hit"}, states
            assert client.get(path).headers[STATE] == "hit"
    finally:
        store.close()


def test_pages_whose_ages_would_not_change_stay_fresh_past_the_ttl(tmp_path) -> None:
    app, store, ids, _ = _site_with_ttl(tmp_path, 0.3)
    try:
        with TestClient(app) as client:
            paths = ["/api/search?q=ferry", f"/stories/{ids['story']}", f"/articles/{ids['a']}"]
            assert [client.get(p).headers[STATE] for p in paths] == ["miss"] * 3
            time.sleep(0.4)  # past the TTL; the pages say "just now" / "3 hours ago" for a while yet
            assert [client.get(p).headers[STATE] for p in paths] == ["hit"] * 3
    finally:
        store.close()


def test_while_new_data_is_being_built_other_readers_get_the_old_page_once(tmp_path) -> None:
    app, store, ids, second = _site_with_ttl(tmp_path, 30.0)
    path = f"/stories/{ids['story']}"

    async def scenario() -> list[httpx.Response]:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
            assert (await client.get(path)).headers[STATE] == "miss"
            new_id = store.save_article(second).article_id  # a new data version
            store.save_story_assignment(new_id, Assignment(story_id=ids["story"], score=0.9, new_story=False),
                                        second.title)
            racing = await asyncio.gather(client.get(path), client.get(path), client.get(path))
            return [*racing, await client.get(path)]

    try:
        *racing, after = asyncio.run(scenario())
    finally:
        store.close()
    built = [r for r in racing if r.headers[STATE] == "miss"]
    old = [r for r in racing if r.headers[STATE] == "stale"]
    assert len(built) == 1 and len(old) == 2  # one request builds, the others do not wait for it
    assert second.title in built[0].text and all(second.title not in r.text for r in old)
    assert after.headers[STATE] == "hit" and after.content == built[0].content


def test_search_answers_are_cached_and_a_new_article_invalidates_them(site) -> None:
    client, store, _ = site
    _, second = sample_articles()
    path = "/api/search?q=passengers&limit=20"  # a word only the second article has
    before = client.get(path)
    again = client.get(path)
    assert (before.headers[STATE], again.headers[STATE]) == ("miss", "hit") and before.content == again.content
    new_id = store.save_article(second).article_id
    after = client.get(path)
    assert after.headers[STATE] == "miss"
    assert before.json()["items"] == [] and [h["article_id"] for h in after.json()["items"]] == [new_id]
    assert client.get(path).headers[STATE] == "hit"
