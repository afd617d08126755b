"""Outgoing feeds: Atom (`.atom`) and JSON Feed (`.json`) for the front page, a story,
an entity, an outlet, a search, and (with the user's feed token) a saved search or the
user's alert inbox. The token is a secret in the URL, so feed readers need no log-in."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import Response

from newsdesk.accounts.tokens import token_hash
from newsdesk.alerts.match import refresh_inbox
from newsdesk.store.account_models import InboxItem
from newsdesk.store.base import StoredArticle
from newsdesk.web import queries
from newsdesk.web.deps import get_store
from newsdesk.web.feed_writer import ATOM_TYPE, JSON_FEED_TYPE, Feed, FeedItem, atom, json_feed

router = APIRouter(prefix="/feeds", tags=["feeds"])
FEED_SIZE = 50


def _base(request: Request) -> str:
    return str(request.base_url).rstrip("/")


def article_item(base: str, stored: StoredArticle, tags: list[str] | None = None) -> FeedItem:
    article = stored.article
    names = queries.outlet_names(stored)
    return FeedItem(
        id=f"{base}/articles/{stored.id}", title=article.title or "(untitled)", link=f"{base}/articles/{stored.id}",
        updated=stored.updated_at, published=article.published or stored.first_seen,
        summary=(article.text or "")[:400], author=names[0] if names else None,
        external_url=article.url, tags=tags or [],
    )


def inbox_item(base: str, item: InboxItem) -> FeedItem:
    return FeedItem(
        id=f"{base}/articles/{item.article_id}", title=item.title or "(untitled)",
        link=f"{base}/articles/{item.article_id}", updated=item.created_at, published=item.published,
        summary=item.reason, author=item.outlet, external_url=item.url, tags=[item.reason],
    )


def respond(feed: Feed, fmt: str) -> Response:
    if fmt == "atom":
        return Response(atom(feed), media_type=ATOM_TYPE)
    if fmt == "json":
        return Response(json_feed(feed), media_type=JSON_FEED_TYPE)
    raise HTTPException(404, f"feed format {fmt!r}: use .atom or .json")


def articles_feed(request: Request, fmt: str, title: str, home: str, articles: list[StoredArticle]) -> Response:
    base = _base(request)
    return respond(Feed(title, str(request.url), base + home, [article_item(base, a) for a in articles]), fmt)


def token_user(store: Any, token: str) -> int:
    user_id = store.feed_token_user(token_hash(token)) if token else None
    if user_id is None:
        raise HTTPException(404, "unknown feed token")
    return user_id


@router.get("/front.{fmt}", summary="Latest articles (the front page)")
def front(request: Request, fmt: str, store: Any = Depends(get_store)) -> Response:
    return articles_feed(request, fmt, "newsdesk: latest", "/", queries.latest_articles(store, FEED_SIZE))


@router.get("/stories/{story_id}.{fmt}", summary="Articles of one story")
def story(request: Request, story_id: int, fmt: str, store: Any = Depends(get_store)) -> Response:
    detail = store.get_story(story_id)
    if detail is None:
        raise HTTPException(404, f"No story {story_id}")
    articles = sorted(detail.articles, key=lambda a: a.article.published or a.first_seen, reverse=True)
    return articles_feed(request, fmt, f"newsdesk story: {detail.summary.title}", f"/stories/{story_id}",
                         articles[:FEED_SIZE])


@router.get("/entities/{name}.{fmt}", summary="Articles mentioning an entity")
def entity(request: Request, name: str, fmt: str, store: Any = Depends(get_store)) -> Response:
    articles = store.articles_by_ids(store.recent_articles_mentioning(name, FEED_SIZE))
    return articles_feed(request, fmt, f"newsdesk: {name}", f"/search?q={quote(name)}", articles)


@router.get("/outlets/{name}.{fmt}", summary="Articles from an outlet")
def outlet(request: Request, name: str, fmt: str, store: Any = Depends(get_store)) -> Response:
    articles = store.articles_by_ids(store.recent_articles_from_outlet(name, FEED_SIZE))
    return articles_feed(request, fmt, f"newsdesk: {name}", f"/search?q={quote(name)}", articles)


@router.get("/search.{fmt}", summary="Full-text search results as a feed")
def search(request: Request, fmt: str, q: str = Query(..., min_length=1, max_length=queries.MAX_QUERY_CHARS),
           store: Any = Depends(get_store)) -> Response:
    hits = queries.search(store, q, FEED_SIZE)
    articles = store.articles_by_ids([h.article_id for h in hits])
    return articles_feed(request, fmt, f"newsdesk search: {q}", f"/search?q={quote(q)}", articles)


@router.get("/saved/{search_id}.{fmt}", summary="A saved search (needs the owner's feed token)")
def saved(request: Request, search_id: int, fmt: str, token: str = Query(""), store: Any = Depends(get_store)) -> Response:
    user_id = token_user(store, token)
    saved_search = store.get_saved_search(search_id)
    if saved_search is None or saved_search.user_id != user_id:
        raise HTTPException(404, f"No saved search {search_id}")
    hits = queries.search(store, saved_search.query, FEED_SIZE)
    articles = store.articles_by_ids([h.article_id for h in hits])
    return articles_feed(request, fmt, f"newsdesk saved search: {saved_search.name}",
                         f"/search?q={quote(saved_search.query)}", articles)


@router.get("/inbox.{fmt}", summary="The alert inbox (needs the owner's feed token)")
def inbox(request: Request, fmt: str, token: str = Query(""), store: Any = Depends(get_store)) -> Response:
    user_id = token_user(store, token)
    refresh_inbox(store, user_id)
    base = _base(request)
    items = [inbox_item(base, item) for item in store.inbox(user_id, limit=FEED_SIZE)]
    return respond(Feed("newsdesk alerts", str(request.url), base + "/inbox", items), fmt)
