"""A small real store for the reader's tests: two stories about one town, days apart,
three outlets, quotes with offsets, and one hostile article (script in title, text, quote)."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from newsdesk.config import Config
from newsdesk.models import Article, Assignment, EntityMention, Quote
from newsdesk.store import open_store
from newsdesk.store.storage import SQLStorage
from tests.web.conftest import NOW, config_for, sample_articles

XSS = '<script>window.__xss = 1</script><img src=x onerror="window.__xss = 2">'
STRIKE_TEXT = (
    "Harbourtown ferry crews ended their strike after the port authority offered new rosters.\n\n"
    "“We have a fair deal at last,” union leader Maria Costa said on Friday.\n\n"
    "Services return to normal next week."
)


def strike_articles() -> list[Article]:
    quote_at = STRIKE_TEXT.index("We have")
    gamma = Article(
        url="https://gamma.example/strike", outlet="Gamma Post", title="Harbourtown ferry strike ends",
        published=NOW - timedelta(days=10), language="en", text=STRIKE_TEXT,
        entities=[EntityMention("Harbourtown", "GPE", 0, 11), EntityMention("Maria Costa", "PERSON", 0, 4)],
        quotes=[Quote("We have a fair deal at last,", "Maria Costa", None, None, "said", False,
                      quote_at, quote_at + len("We have a fair deal at last,"))],
    )
    alpha = Article(
        url="https://alpha.example/strike-over", outlet="Alpha News", title="Ferry crews back at work in Harbourtown",
        published=NOW - timedelta(days=10, hours=-3), language="en",
        text="Crews in Harbourtown returned to the ferries on Saturday after a two-week strike.\n\nRosters change in May.",
        entities=[EntityMention("Harbourtown", "GPE", 9, 20)],
    )
    return [gamma, alpha]


def hostile_article() -> Article:
    return Article(
        url="https://evil.example/x", outlet=f"Evil {XSS}", title=f"Harbourtown {XSS} ferry rumours",
        published=NOW - timedelta(days=2), language="en",
        text=f"Ferry rumours in Harbourtown {XSS} spread fast.\n\nA reader wrote {XSS} to us.",
        quotes=[Quote(f"rumours {XSS}", XSS, None, None, "said", True, 0, 5)],
        entities=[EntityMention(f"Harbourtown{XSS}", "GPE", 0, 5)],
    )


def add_story(store: SQLStorage, articles: list[Article]) -> tuple[int, list[int]]:
    from newsdesk.stories import build_story_data

    ids: list[int] = []
    story_id = None
    for article in articles:
        article_id = store.save_article(article).article_id
        story_id = store.save_story_assignment(
            article_id, Assignment(story_id=story_id, score=0.9, new_story=story_id is None, reason="test"),
            article.title or "",
        )
        ids.append(article_id)
    assert story_id is not None
    store.save_story_data(story_id, build_story_data(store.get_story(story_id).articles))
    return story_id, ids


def build(folder: Path, db_url: str = "") -> tuple[Config, SQLStorage, dict[str, int]]:
    config = config_for(folder, db_url)
    store = open_store(config)
    first, second = sample_articles()
    ferry, (a, b) = add_story(store, [first, second])
    strike, (c, d) = add_story(store, strike_articles())
    evil, (e,) = add_story(store, [hostile_article()])
    return config, store, {"ferry": ferry, "a": a, "b": b, "strike": strike, "c": c, "d": d, "evil": evil, "e": e}
