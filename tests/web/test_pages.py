"""HTML pages over a real SQLite store: front page, story, article, search, 404."""

from __future__ import annotations

import re

import html_text


def text_of(html: str) -> str:
    return " ".join(html_text.extract_text(html).split())


def test_front_page_lists_story_with_outlet_count_and_age(client, populated) -> None:
    ids = populated[2]
    page = client.get("/")
    assert page.status_code == 200
    assert client.head("/").status_code == 200
    assert f'href="/stories/{ids["story"]}"' in page.text
    text = text_of(page.text)
    assert "Harbourtown agrees new ferry timetable" in text
    assert "2 outlets" in text
    assert re.search(r"updated (\d+ minutes? ago|just now)", text), text
    for landmark in ("<header", "<nav", "<main", "<footer", '<label for="q"'):
        assert landmark in page.text


def test_story_page_shows_articles_outlets_and_reasons(client, populated) -> None:
    ids = populated[2]
    text = text_of(client.get(f"/stories/{ids['story']}").text)
    assert "2 outlets" in text and "2 articles" in text
    assert "Alpha News" in text and "Beta Times" in text
    assert f"shares Harbourtown; similar to article {ids['a']}" in text
    assert "first article of the story" in text


def test_story_page_shows_timeline_and_brief_from_story_data(client, populated) -> None:
    ids = populated[2]
    html = client.get(f"/stories/{ids['story']}").text
    text = text_of(html)
    assert "Timeline" in text and "In brief" in text
    # every brief line cites the articles it came from, as links
    assert re.search(r'class="cites"><a href="/articles/(%d|%d)"' % (ids["a"], ids["b"]), html)


def test_article_page_has_everything_a_reader_needs(client, populated) -> None:
    ids = populated[2]
    page = client.get(f"/articles/{ids['a']}")
    assert page.status_code == 200
    html = page.text
    text = text_of(html)
    assert "<h1>Harbourtown agrees new ferry timetable</h1>" in html
    assert "Alpha News" in text and "By Jane Reporter" in text
    assert "3 hours ago" in text
    # a kept subheading is a heading in its place; a lost one is only in the outline
    assert re.search(r"<p>Ministers met.*?</p>\s*<h2>Fares</h2>\s*<p>The harbour master", html, re.S)
    assert re.search(r'class="outline".*What happens next', html, re.S)
    assert "<h2>What happens next</h2>" not in html
    # image with caption and credit
    assert 'src="https://alpha.example/ferry.jpg"' in html
    assert "A ferry leaves the harbour" in text and "ALPHA/PHOTOS" in text
    assert "#ferries" in text
    # entities grouped by type, counted
    assert html.index("<h3>People</h3>") < html.index("<h3>Places</h3>")
    assert re.search(r"<h3>Places</h3>\s*<ul[^>]*><li><a[^>]*>Harbourtown</a> <small>×2</small>", html)
    assert "fares would stay the same" in text and "the harbour master" in text
    # related item the page carried, and the other outlet's article in the same story with its age
    assert "Ferry strike ends" in text and "2 days ago" in text
    assert f'href="/articles/{ids["b"]}"' in html
    assert re.search(r"Ferry timetable changes agreed Beta Times · 2\d minutes ago", text), text


def test_estimated_date_is_flagged(client, populated) -> None:
    text = text_of(client.get(f"/articles/{populated[2]['b']}").text)
    assert "estimated date" in text
    assert "Harbourtown agrees new ferry timetable" in text  # the other outlet's article


def test_search_page_highlights_matches(client) -> None:
    page = client.get("/search", params={"q": "ferry"})
    assert page.status_code == 200
    assert "<mark>" in page.text
    assert "Harbourtown agrees new ferry timetable" in text_of(page.text)


def test_unknown_ids_are_html_404(client) -> None:
    for path in ("/articles/999999", "/stories/999999"):
        page = client.get(path)
        assert page.status_code == 404
        assert page.headers["content-type"].startswith("text/html")
        assert "Not found" in page.text
    assert client.get("/articles/not-a-number").status_code in (404, 422)
