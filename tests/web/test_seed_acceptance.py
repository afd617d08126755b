"""Acceptance: ingest the seed page with the real pipeline, find it through the API, read its page."""

from __future__ import annotations

import html_text
from fastapi.testclient import TestClient


def test_search_finds_the_seed_and_its_page_renders(seeded: TestClient) -> None:
    items = seeded.get("/api/search", params={"q": "Istanbul"}).json()["items"]
    assert len(items) == 1
    hit = items[0]
    assert hit["title"].startswith("Putin proposes direct peace talks")
    assert "<mark>Istanbul</mark>" in hit["snippet"]

    page = seeded.get(f"/articles/{hit['article_id']}")
    assert page.status_code == 200
    text = " ".join(html_text.extract_text(page.text).split())
    assert "Putin proposes direct peace talks with Ukraine after three years of war" in text
    assert "talks in the Turkish city of Istanbul" in text
    assert "Advertisement" not in text  # publisher furniture stays out of the body
    assert "Who and what" in text  # entities from enrich are shown

    api = seeded.get(f"/api/articles/{hit['article_id']}").json()
    assert api["id"] == hit["article_id"] and api["text"].count("\n\n") >= 3


def test_seed_story_page_and_front_page(seeded: TestClient) -> None:
    stories = seeded.get("/api/stories").json()["items"]
    assert len(stories) == 1 and stories[0]["article_count"] == 1
    page = seeded.get(f"/stories/{stories[0]['id']}")
    assert page.status_code == 200 and "Putin proposes direct peace talks" in page.text
    front = seeded.get("/")
    assert f'href="/stories/{stories[0]["id"]}"' in front.text and "1 outlet" in front.text


def test_seed_article_groups_quotes_by_speaker_and_sets_quoted_words_apart(seeded: TestClient) -> None:
    from lxml import html as lxml_html

    [hit] = seeded.get("/api/search", params={"q": "Istanbul"}).json()["items"]
    tree = lxml_html.fromstring(seeded.get(f"/articles/{hit['article_id']}").text)
    [section] = tree.xpath('//section[@aria-labelledby="article-quotes-h"]')
    speakers = [" ".join(h.text_content().split()) for h in section.xpath("./h3")]
    assert speakers[:2] == ["Vladimir Putin", "Donald Trump"]
    said_by_putin = " ".join(section.xpath("./blockquote[count(preceding-sibling::h3) = 1]//text()"))
    assert "We are proposing that Kyiv resume direct negotiations" in said_by_putin
    words = [q.text_content() for q in section.xpath('.//p[@class="quoted-words"]/q')]
    assert "massive" in words and "bloodbath" in words  # scare quotes are not statements
    statements = " ".join(section.xpath(".//blockquote//text()"))
    assert "massive" not in statements.split()
