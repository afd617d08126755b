"""Publisher data is never rendered as markup: titles, text, captions, links, search."""

from __future__ import annotations

import re

from typing import Iterator

import lxml.html
import pytest
from fastapi.testclient import TestClient

from newsdesk.models import Article, Image, RelatedItem
from newsdesk.store import open_store
from newsdesk.web.app import create_app

from .conftest import config_for

SCRIPT = "<script>alert(1)</script>"
IMG = '<img src=x onerror="alert(2)">'


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory, module_db_url: str) -> Iterator[tuple[TestClient, int]]:
    config = config_for(tmp_path_factory.mktemp("xss"), module_db_url)
    store = open_store(config)
    store.migrate()
    article = Article(
        url="javascript:alert(3)",
        outlet=f"Evil {IMG} Outlet",
        title=f"Zanzibar harbour {SCRIPT} reopens",
        authors=[SCRIPT],
        text=f"Zanzibar harbour reopened on Monday {IMG} after repairs.\n\nSecond {SCRIPT} paragraph.",
        subheadings=[IMG],
        images=[Image(url="javascript:alert(4)", caption=SCRIPT, credit=IMG)],
        related=[RelatedItem(outlet=IMG, title=SCRIPT, url="javascript:alert(5)", age_text=SCRIPT)],
        hashtags=[SCRIPT],
    )
    article_id = store.save_article(article).article_id
    with TestClient(create_app(config, store)) as client:
        yield client, article_id
    store.close()


def assert_inert(html: str) -> None:
    """Parse the page as a browser would: no script element but our /static/ files, no on* handler, no javascript: URL,
    and the only <img> elements are ones we render from http(s) image URLs."""
    tree = lxml.html.fromstring(html)
    for script in tree.xpath("//script"):  # only our own files, never inline code
        assert script.get("src", "").startswith("/static/") and not (script.text or "").strip(), lxml.html.tostring(script)
    for element in tree.iter():
        if not isinstance(element.tag, str):
            continue
        for name, value in element.attrib.items():
            assert not name.lower().startswith("on"), (element.tag, name, value)
            assert "javascript:" not in value.lower(), (element.tag, name, value)
    for img in tree.xpath("//img"):
        assert img.get("src", "").startswith(("https://", "http://")), lxml.html.tostring(img)


def test_article_page_escapes_everything(hostile) -> None:
    client, article_id = hostile
    page = client.get(f"/articles/{article_id}")
    assert page.status_code == 200
    assert_inert(page.text)
    assert "Zanzibar harbour &lt;script&gt;alert(1)&lt;/script&gt; reopens" in page.text


def test_front_page_and_search_escape(hostile) -> None:
    client, _ = hostile
    assert_inert(client.get("/").text)
    results = client.get("/search", params={"q": "Zanzibar"})
    assert "<mark>" in results.text  # our highlight survives, the publisher's markup does not
    assert_inert(results.text)


def test_search_query_with_html_is_escaped(hostile) -> None:
    client, _ = hostile
    page = client.get("/search", params={"q": f'"><b>bold</b>{SCRIPT}'})
    assert page.status_code == 200
    assert "<b>bold</b>" not in page.text
    assert_inert(page.text)
    api = client.get("/api/search", params={"q": SCRIPT})
    assert api.status_code == 200  # an odd query is a query, not a server error


def test_security_headers(hostile) -> None:
    client, article_id = hostile
    for path in ("/", f"/articles/{article_id}", "/api/articles", "/articles/999999"):
        headers = client.get(path).headers
        assert "default-src 'self'" in headers["content-security-policy"]
        assert "frame-ancestors 'none'" in headers["content-security-policy"]
        assert "script-src" not in headers["content-security-policy"]  # no inline script allowed anywhere
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["referrer-policy"] == "no-referrer"


def test_api_docs_work_offline_from_vendored_files(hostile) -> None:
    client, _ = hostile
    docs = client.get("/docs")
    policy = docs.headers["content-security-policy"]
    assert "https:" not in policy and "unsafe-inline" not in policy.split("script-src")[1].split(";")[0]
    assert "frame-ancestors 'none'" in policy
    scripts = re.findall(r'<script src="([^"]+)"', docs.text)
    assert scripts and all(src.startswith("/static/") for src in scripts)
    assert "<script>" not in docs.text  # no inline script
    for src in [*scripts, *re.findall(r'href="(/static/[^"]+)"', docs.text)]:
        assert client.get(src).status_code == 200, src
