"""Front-page filters, story coverage, quotes highlighted from offsets, outlet pages, the ask panel."""

from __future__ import annotations

import re
from typing import Iterator

import pytest
from fastapi.testclient import TestClient

from newsdesk.web.app import create_app
from tests.web.reader_data import build
from tests.web.test_pages import text_of


@pytest.fixture(scope="module")
def reader(tmp_path_factory: pytest.TempPathFactory, module_db_url: str) -> Iterator[tuple[TestClient, dict[str, int]]]:
    config, store, ids = build(tmp_path_factory.mktemp("reader"), module_db_url)
    with TestClient(create_app(config, store)) as client:
        yield client, ids
    store.close()


def story_links(html: str) -> set[int]:
    return {int(i) for i in re.findall(r'<a href="/stories/(\d+)">', html)}


def test_front_page_filters_by_outlet_entity_and_topic(reader) -> None:
    client, ids = reader
    assert {ids["ferry"], ids["strike"]} <= story_links(client.get("/").text)
    assert story_links(client.get("/", params={"outlet": "Gamma Post"}).text) == {ids["strike"]}
    assert story_links(client.get("/", params={"entity": "maria costa"}).text) == {ids["strike"]}
    assert story_links(client.get("/", params={"topic": "timetable"}).text) == {ids["ferry"]}
    assert "No story matches" in client.get("/", params={"outlet": "Nobody"}).text


def test_front_page_developing_section_and_load_more_fragment(reader) -> None:
    client, ids = reader
    html = client.get("/").text
    developing = html.split('id="developing-h"')[1].split("</section>")[0]
    assert f'/stories/{ids["ferry"]}"' in developing  # two articles in the last hours
    assert f'/stories/{ids["strike"]}"' not in developing  # ten days old
    fragment = client.get("/", params={"offset": 1}, headers={"HX-Request": "true"})
    assert "<html" not in fragment.text and 'class="item"' in fragment.text


def test_story_page_coverage_by_outlet_and_ask_panel(reader) -> None:
    client, ids = reader
    html = client.get(f"/stories/{ids['strike']}").text
    assert re.search(r'href="/outlets/Gamma%20Post">Gamma Post</a> <span class="count">1</span>', html)
    assert 'action="/stories/%d/ask"' % ids["strike"] in html
    text = text_of(html)
    assert "Who said what" in text and "Maria Costa" in text


def test_article_quotes_highlighted_from_offsets_and_also_covered(reader) -> None:
    client, ids = reader
    html = client.get(f"/articles/{ids['c']}").text
    assert re.search(r'“<mark class="quote" title="Quote: Maria Costa">We have a fair deal at last,</mark>” union leader', html)
    assert "Also covered by" in text_of(html) and 'href="/outlets/Alpha%20News"' in html
    assert f'href="/search?like={ids["c"]}"' in html


def test_outlet_page_profile_and_api(reader) -> None:
    client, ids = reader
    text = text_of(client.get("/outlets/Alpha News").text)
    assert "Alpha News" in text and "1 of 2 shared stories (50%)" in text
    assert "180 min (median)" in text and "Harbourtown" in text
    data = client.get("/api/outlets/Gamma Post").json()
    assert data["article_count"] == 1 and data["first_on"] == 1 and data["shared_stories"] == 1
    assert client.get("/outlets/Nobody").status_code == 404


def test_ask_answers_with_cited_sentences_quotes_and_background(reader) -> None:
    client, ids = reader
    data = client.get(f"/api/stories/{ids['strike']}/ask", params={"q": "Why did the strike end?"}).json()
    best = data["sentences"][0]
    assert "ended their strike" in best["text"] and best["cites"] == [ids["c"]] and best["outlets"] == ["Gamma Post"]
    fragment = client.get(f"/stories/{ids['strike']}/ask", params={"q": "what did the union leader say"},
                          headers={"HX-Request": "true"}).text
    assert "<html" not in fragment and "We have a fair deal at last" in fragment and "Maria Costa" in fragment
    background = client.get(f"/api/stories/{ids['ferry']}/background").json()
    assert [s["id"] for s in background["stories"]] == [ids["strike"]]  # earlier, shares Harbourtown
    assert client.get(f"/api/stories/{ids['strike']}/background").json()["stories"] == []  # nothing earlier
    assert client.get("/api/stories/999/ask", params={"q": "x"}).status_code == 404


def test_front_page_cache_sees_every_commit(tmp_path) -> None:
    from newsdesk.models import Article, Assignment

    config, store, ids = build(tmp_path)
    with TestClient(create_app(config, store)) as client:
        assert "Brand new ferry" not in client.get("/").text
        article_id = store.save_article(Article(url="https://n.example/1", outlet="New Outlet",
                                                title="Brand new ferry", text="A ferry.")).article_id
        page = client.get("/").text
        assert "Brand new ferry" in page and 'href="/outlets/New%20Outlet"' not in page  # latest articles, no story yet
        store.save_story_assignment(article_id, Assignment(ids["ferry"], 0.9, False, reason="t"), "x")
        assert 'href="/outlets/New%20Outlet"' in client.get("/").text  # the story's outlets changed: rebuilt
    store.close()
