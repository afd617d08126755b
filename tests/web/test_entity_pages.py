"""Entity pages, quote pages and the entity API over a real store (each backend)."""

from __future__ import annotations

from datetime import timedelta
from typing import Iterator

import html_text
import pytest
from fastapi.testclient import TestClient

from newsdesk.models import Article, Assignment, EntityMention, Event, Quote
from newsdesk.store import open_store
from newsdesk.web.app import create_app

from .conftest import NOW, config_for

HOSTILE = "<script>alert(1)</script>"


def _article(slug: str, hours: int, people: list[str], quotes: list[Quote], events: list[Event]) -> Article:
    text = " ".join(f"{p} spoke." for p in people)
    mentions, pos = [], 0
    for p in people:
        mentions.append(EntityMention(p, "PERSON", pos, pos + len(p), p))
        pos += len(p) + 8
    return Article(url=f"https://desk.example/{slug}", outlet=f"Outlet {slug}", title=f"Title {slug}",
                   published=NOW - timedelta(hours=hours), text=text, entities=mentions, quotes=quotes, events=events)


@pytest.fixture(scope="module")
def desk(tmp_path_factory: pytest.TempPathFactory, module_db_url: str) -> Iterator[tuple[TestClient, dict[str, int]]]:
    config = config_for(tmp_path_factory.mktemp("entities"), module_db_url)
    store = open_store(config)
    older = _article("old", 48, ["Volodymyr Zelensky", "Keir Starmer"], [
        Quote("We are ready for talks.", "Volodymyr Zelensky", 0, 18, "said", False, 0, 23),
    ], [Event("2025-05-10", "Leaders met in Kyiv on Saturday.", 0, 32, ["Volodymyr Zelensky", "Keir Starmer"])])
    newer = _article("new", 2, ["Volodymyr Zelenskyy", "Keir Starmer", HOSTILE], [
        Quote(f"Words with {HOSTILE} inside.", "Volodymyr Zelenskyy", 0, 18, "told", False, 0, 30),
        Quote("a just peace", "Volodymyr Zelenskyy", 0, 18, "said", True, 40, 52),
    ], [Event("2025-05-08/2025-05-10", "The May 8-10 ceasefire failed.", 0, 30, ["Volodymyr Zelenskyy"]),
        Event("2024-06", f"In June 2024 {HOSTILE} happened.", 31, 60, ["Volodymyr Zelenskyy"])])
    ids = {"old": store.save_article(older).article_id, "new": store.save_article(newer).article_id}
    ids["story"] = store.save_story_assignment(
        ids["old"], Assignment(story_id=None, score=1.0, new_story=True, reason="first"), "Peace talks")
    store.save_story_assignment(ids["new"], Assignment(story_id=ids["story"], score=0.9, new_story=False), "Peace talks")
    from newsdesk.stories import build_story_data

    store.save_story_data(ids["story"], build_story_data(store.get_story(ids["story"]).articles))
    (zelensky,) = store.entities_named("Volodymyr Zelensky")
    (starmer,) = store.entities_named("Keir Starmer")
    ids |= {"zelensky": zelensky.id, "starmer": starmer.id}
    with TestClient(create_app(config, store)) as client:
        yield client, ids
    store.close()


def test_entity_list_and_prefix_search(desk) -> None:
    client, ids = desk
    body = client.get("/api/entities").json()
    assert [e["name"] for e in body["items"]][:2] == ["Keir Starmer", "Volodymyr Zelensky"]
    found = client.get("/api/entities", params={"q": "zel"}).json()["items"]
    assert [(e["id"], e["aliases"]) for e in found] == [(ids["zelensky"], ["Volodymyr Zelenskyy"])]
    assert client.get("/api/entities", params={"q": "nobody"}).json()["items"] == []
    assert client.get("/api/entities", params={"type": "ORG"}).json()["items"] == []
    assert client.get("/api/entities", params={"limit": 500}).status_code == 422


def test_entity_detail_api(desk) -> None:
    client, ids = desk
    data = client.get(f"/api/entities/{ids['zelensky']}").json()
    assert data["name"] == "Volodymyr Zelensky" and data["article_count"] == 2
    assert [a["id"] for a in data["articles"]] == [ids["new"], ids["old"]]  # newest first
    assert [s["id"] for s in data["stories"]] == [ids["story"]]
    assert [q["text"] for q in data["quotes"]] == [f"Words with {HOSTILE} inside.", "a just peace", "We are ready for talks."]
    assert data["quotes"][0]["cue"] == "told" and data["quotes"][1]["partial"] is True
    co = {e["name"]: e["shared_articles"] for e in data["co_occurring"]}
    assert co == {"Keir Starmer": 2, HOSTILE: 1}
    assert [e["date"] for e in data["timeline"]] == ["2024-06", "2025-05-08/2025-05-10", "2025-05-10"]


def test_quotes_api_by_entity_and_by_speaker_name(desk) -> None:
    client, ids = desk
    page = client.get(f"/api/entities/{ids['zelensky']}/quotes", params={"limit": 1, "offset": 1}).json()
    assert [q["text"] for q in page["items"]] == ["a just peace"]
    by_name = client.get("/api/quotes", params={"speaker": "volodymyr zelenskyy"}).json()
    assert [e["id"] for e in by_name["entities"]] == [ids["zelensky"]] and len(by_name["items"]) == 3
    assert client.get("/api/quotes", params={"speaker": "Keir Starmer"}).json()["items"] == []
    assert len(client.get("/api/quotes").json()["items"]) == 3
    for path in ("/api/entities/999999", "/api/entities/999999/quotes"):
        response = client.get(path)
        assert response.status_code == 404 and "999999" in response.json()["detail"]


def test_openapi_documents_the_entity_api(client) -> None:
    spec = client.get("/openapi.json").json()
    for path in ("/api/entities", "/api/entities/{entity_id}", "/api/entities/{entity_id}/quotes", "/api/quotes"):
        assert path in spec["paths"]
    schema = spec["paths"]["/api/entities/{entity_id}"]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
    assert schema["$ref"].endswith("/EntityDetailOut")
    assert {"quotes", "co_occurring", "timeline", "stories"} <= set(spec["components"]["schemas"]["EntityDetailOut"]["properties"])
    assert "/entities/{entity_id}" not in spec["paths"]


def test_entity_page_draws_the_timeline_and_escapes_everything(desk) -> None:
    client, ids = desk
    page = client.get(f"/entities/{ids['zelensky']}")
    assert page.status_code == 200
    assert "<script>" not in page.text and "&lt;script&gt;" in page.text
    assert '<svg class="timeline-svg"' in page.text and 'data-marks="3"' in page.text
    drawn = page.text.split('<svg class="timeline-svg"', 1)[1].split("</svg>", 1)[0]
    assert drawn.count("<circle") == 1 and drawn.count("<rect") == 2  # a day; a range and a month
    text = " ".join(html_text.extract_text(page.text).split())
    assert "Also written: Volodymyr Zelenskyy" in text
    assert text.index("Words with") < text.index("a just peace") < text.index("We are ready for talks")
    assert "June 2024" in text and "8 May 2025 – 10 May 2025" in text
    assert f'href="/entities/{ids["starmer"]}"' in page.text and f'href="/stories/{ids["story"]}"' in page.text
    quotes = client.get(f"/entities/{ids['zelensky']}/quotes")
    assert quotes.status_code == 200 and quotes.text.count('class="quote-item"') == 3
    assert client.get("/entities/999999").status_code == 404
    listing = client.get("/entities", params={"q": "keir"})
    assert f'href="/entities/{ids["starmer"]}"' in listing.text and "Zelensky" not in listing.text


def test_article_and_story_pages_link_names_and_draw_timelines(desk) -> None:
    client, ids = desk
    article = client.get(f"/articles/{ids['new']}").text
    assert f'<a href="/entities/{ids["zelensky"]}">Volodymyr Zelenskyy</a>' in article
    assert '<svg class="timeline-svg"' in article and 'data-marks="2"' in article
    story = client.get(f"/stories/{ids['story']}").text
    assert '<svg class="timeline-svg"' in story and f'href="/entities/{ids["starmer"]}"' in story
    assert "<script>alert" not in story and "<script>alert" not in article


def test_entity_page_draws_co_occurring_entities_as_a_linked_graph(desk) -> None:
    client, ids = desk
    page = client.get(f"/entities/{ids['zelensky']}").text
    drawn = page.split('<svg class="entity-graph"', 1)[1].split("</svg>", 1)[0]
    assert 'role="img"' in drawn and 'data-nodes="2"' in drawn
    assert "<title id=\"entity-graph-title\">Entities often mentioned with Volodymyr Zelensky</title>" in drawn
    assert "Keir Starmer (2)" in drawn.split("<desc", 1)[1].split("</desc>", 1)[0]
    assert f'<a href="/entities/{ids["starmer"]}"' in drawn  # each node opens its entity page
    assert "<script>" not in drawn and "&lt;script&gt;alert(1)&lt;/script&gt;" in drawn  # a hostile name is text
    (hostile,) = client.get("/api/entities", params={"q": "<script"}).json()["items"]
    assert f'<a href="/entities/{hostile["id"]}"' in drawn
    # the strongest tie is drawn first, at the top, with the thicker edge
    widths = [float(part.split('"')[0]) for part in drawn.split('stroke-width="')[1:]]
    assert len(widths) == 2 and widths[0] > widths[1]
