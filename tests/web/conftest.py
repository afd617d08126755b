"""Fixtures for the web tests: a real store (SQLite file or PostgreSQL database, `module_db_url`) and the
real ASGI app."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Iterator

import pytest
from fastapi.testclient import TestClient

from newsdesk.config import Config
from newsdesk.models import Article, Assignment, EntityMention, Image, Quote, RelatedItem
from newsdesk.store import open_store
from newsdesk.web.app import create_app

NOW = datetime.now(timezone.utc).replace(microsecond=0)


def config_for(folder: Path, db_url: str = "") -> Config:
    """Raw files under `folder`; the database at db_url (default: SQLite under `folder`)."""
    return Config(data_dir=str(folder), database_url=db_url)


def sample_articles() -> list[Article]:
    """Two outlets covering one event, written the way extract/enrich produce articles."""
    text_a = (
        "Ministers met in Harbourtown on Monday to agree a new ferry timetable.\n\n"
        "Fares\n\n"
        "The harbour master said fares would stay the same until the autumn.\n\n"
        "Unions welcomed the plan."
    )
    first = Article(
        url="https://alpha.example/ferries",
        outlet="Alpha News",
        title="Harbourtown agrees new ferry timetable",
        authors=["Jane Reporter"],
        published=NOW - timedelta(hours=3),
        language="en",
        text=text_a,
        subheadings=["Fares", "What happens next"],
        images=[Image(url="https://alpha.example/ferry.jpg", caption="A ferry leaves the harbour", credit="ALPHA/PHOTOS")],
        related=[RelatedItem(outlet="Beta Times", title="Ferry strike ends", age_text="2 days ago",
                             url="https://beta.example/strike")],
        entities=[
            EntityMention("Harbourtown", "GPE", 15, 26),
            EntityMention("Harbourtown", "GPE", 15, 26),
            EntityMention("Jane Reporter", "PERSON", 0, 4),
        ],
        hashtags=["ferries"],
        quotes=[Quote("fares would stay the same", "the harbour master", None, None, "said", True, 0, 10)],
    )
    second = Article(
        url="https://beta.example/ferry-timetable",
        outlet="Beta Times",
        title="Ferry timetable changes agreed",
        published=NOW - timedelta(minutes=25),
        published_estimated=True,
        language="en",
        text="Harbourtown ferries will run every hour from June, ministers agreed.\n\nPassengers were told to check times.",
    )
    return [first, second]


@pytest.fixture(scope="module")
def populated(tmp_path_factory: pytest.TempPathFactory, module_db_url: str) -> Iterator[tuple[Config, object, dict[str, int]]]:
    config = config_for(tmp_path_factory.mktemp("web"), module_db_url)
    store = open_store(config)
    store.migrate()
    first, second = sample_articles()
    id_a = store.save_article(first).article_id
    story_id = store.save_story_assignment(
        id_a, Assignment(story_id=None, score=1.0, new_story=True, reason="first article of the story"), first.title
    )
    id_b = store.save_article(second).article_id
    store.save_story_assignment(
        id_b,
        Assignment(story_id=story_id, score=0.81, new_story=False, similar_articles=[(id_a, 0.81)],
                   shared_entities=["Harbourtown"], reason="shares Harbourtown; similar to article %d" % id_a),
        first.title,
    )
    from newsdesk.stories import build_story_data

    detail = store.get_story(story_id)
    store.save_story_data(story_id, build_story_data(detail.articles))
    yield config, store, {"a": id_a, "b": id_b, "story": story_id}
    store.close()


@pytest.fixture(scope="module")
def client(populated) -> Iterator[TestClient]:
    config, store, _ = populated
    with TestClient(create_app(config, store)) as test_client:
        yield test_client


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory, module_db_url: str) -> Iterator[TestClient]:
    """The seed page ingested with the real pipeline, served by the real app (skips without shared/)."""
    from newsdesk.pipeline import ingest
    from tests.conftest import SEED, need_shared

    seed = need_shared(SEED)
    config = config_for(tmp_path_factory.mktemp("seed"), module_db_url)
    store = open_store(config)
    report = ingest([str(seed)], store, config)
    assert report.new == 1 and report.failed == 0, report.failures
    with TestClient(create_app(config, store)) as client:
        yield client
    store.close()
