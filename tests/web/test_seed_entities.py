"""Acceptance: the seed page ingested with the real pipeline gives Vladimir Putin an entity
page and API entry with his five full quotes and a drawn timeline."""

from __future__ import annotations

from fastapi.testclient import TestClient

PUTIN_QUOTES = (
    "We are proposing that Kyiv resume direct negotiations",
    "We offer the Kyiv authorities to resume negotiations",
    "Our proposal, as they say, is on the table",
    "It was not Russia that broke off negotiations in 2022",
    "Russia is ready to negotiate without any preconditions",
)


def test_putin_has_his_five_quotes_and_a_timeline(seeded: TestClient) -> None:
    (putin,) = seeded.get("/api/entities", params={"q": "Putin", "type": "PERSON"}).json()["items"]
    assert putin["name"] == "Vladimir Putin" and "Putin" in putin["aliases"]
    data = seeded.get(f"/api/entities/{putin['id']}").json()
    full = [q["text"] for q in data["quotes"] if not q["partial"]]
    assert len(full) == 5
    for start in PUTIN_QUOTES:
        assert sum(text.startswith(start) for text in full) == 1, start
    assert all(q["entity_id"] == putin["id"] and q["speaker"] == "Vladimir Putin" for q in data["quotes"])
    dates = [e["date"] for e in data["timeline"]]
    assert {"2022-02", "2025-05-11", "2025-05-15"} <= set(dates)  # Thursday: his quote, not his name
    first_days = [e["first_day"] for e in data["timeline"]]
    assert first_days == sorted(first_days)
    co = [e["name"] for e in data["co_occurring"]]
    assert "Donald Trump" in co and "Vladimir Putin" not in co

    page = seeded.get(f"/entities/{putin['id']}")
    assert page.status_code == 200 and '<svg class="timeline-svg"' in page.text
    assert f'data-marks="{len(dates)}"' in page.text
    trump = next(e for e in data["co_occurring"] if e["name"] == "Donald Trump")
    trump_quotes = seeded.get("/api/quotes", params={"speaker": "Donald Trump"}).json()["items"]
    assert {q["entity_id"] for q in trump_quotes} == {trump["id"]} and len([q for q in trump_quotes if not q["partial"]]) == 4


def test_seed_article_page_links_its_people(seeded: TestClient) -> None:
    (putin,) = seeded.get("/api/entities", params={"q": "Vladimir"}).json()["items"]
    article_id = seeded.get(f"/api/entities/{putin['id']}").json()["articles"][0]["id"]
    page = seeded.get(f"/articles/{article_id}").text
    assert f'<a href="/entities/{putin["id"]}">Vladimir Putin</a>' in page
    assert '<svg class="timeline-svg"' in page


def test_each_name_is_listed_once_under_its_most_common_type(seeded: TestClient) -> None:
    from lxml import html as lxml_html

    (putin,) = seeded.get("/api/entities", params={"q": "Vladimir"}).json()["items"]
    article_id = seeded.get(f"/api/entities/{putin['id']}").json()["articles"][0]["id"]
    article = seeded.get(f"/api/articles/{article_id}").json()
    typed: dict[str, set[str]] = {}
    for mention in article["entities"]:
        typed.setdefault(mention.get("canonical") or mention["name"], set()).add(mention["type"])
    tree = lxml_html.fromstring(seeded.get(f"/articles/{article_id}").text)
    listed = [" ".join(a.text_content().split()) for a in tree.xpath('//section[@class="entities"]//ul[@class="tags"]/li/a')]
    assert listed and len(listed) == len(set(listed))
    assert set(listed) == set(typed)


def test_a_name_typed_two_ways_goes_under_the_type_most_mentions_got() -> None:
    from newsdesk.models import EntityMention
    from newsdesk.web.queries import group_entities

    def mention(name: str, etype: str) -> EntityMention:
        return EntityMention(name=name, type=etype, start=0, end=len(name))

    groups = group_entities([mention("Truth Social", "ORG"), mention("Truth Social", "GPE"), mention("Kyiv", "GPE"),
                             mention("Truth Social", "ORG"), mention("Easter", "FAC"), mention("Easter", "EVENT")])
    assert groups["ORG"] == [("Truth Social", 3)] and groups["GPE"] == [("Kyiv", 1)]
    assert groups["FAC"] == [("Easter", 2)] and "EVENT" not in groups  # a tie: the first type seen
