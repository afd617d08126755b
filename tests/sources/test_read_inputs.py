"""read_inputs and fetch_feed over real HTTP: pages, feeds and sitemaps expand into article documents."""

from __future__ import annotations

import json

from newsdesk.models import Failure, RawDocument, Source
from newsdesk.sources import fetch_entries, fetch_feed, read_inputs
from tests.sources.test_feeds import BILLION_LAUGHS

PAGE = "<html><head><title>{0}</title></head><body><article><p>{0} body text.</p></article></body></html>"


def _rss(srv, paths: list[str]) -> str:
    items = "".join(
        f"<item><title>Title {p}</title><link>{srv.url(p)}</link><pubDate>Sun, 11 May 2025 08:00:00 GMT</pubDate>"
        f"<description>Summary {p}</description></item>" for p in paths
    )
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>Local Outlet</title>{items}</channel></rss>'


def test_page_url(local_server, fetcher):
    url = local_server.add("/a.html", PAGE.format("A"), content_type="text/html; charset=utf-8")
    (doc,) = list(read_inputs([url], fetcher))
    assert isinstance(doc, RawDocument)
    assert (doc.uri, doc.format, doc.encoding, doc.status, doc.content_type) == (url, "html", "utf-8", 200, "text/html")


def test_text_url(local_server, fetcher):
    url = local_server.add("/a.txt", "Headline\nBody line.\n", content_type="text/plain")
    (doc,) = list(read_inputs([url], fetcher))
    assert doc.format == "text"


def test_feed_url_expands_into_entry_pages_with_meta(local_server, fetcher):
    local_server.add("/one.html", PAGE.format("One"))
    local_server.add("/two.html", PAGE.format("Two"))
    feed_url = local_server.add("/feed", _rss(local_server, ["/one.html", "/two.html", "/gone.html"]),
                                content_type="text/html")  # mislabelled: recognised by its bytes
    items = list(read_inputs([feed_url], fetcher))
    one, two, gone = items
    assert isinstance(one, RawDocument) and one.uri == local_server.url("/one.html")
    assert b"One body text" in one.content
    assert one.meta == {"title": "Title /one.html", "published": "2025-05-11T08:00:00+00:00",
                        "outlet": "Local Outlet", "summary": "Summary /one.html", "feed_url": local_server.url("/feed")}
    assert two.meta["title"] == "Title /two.html"
    assert isinstance(gone, Failure) and gone.error == f"{local_server.url('/gone.html')}: HTTP 404 Not Found"


def test_json_feed_url(local_server, fetcher):
    local_server.add("/j1", PAGE.format("J1"))
    feed = {"version": "https://jsonfeed.org/version/1.1", "title": "JF",
            "items": [{"id": "1", "url": local_server.url("/j1"), "title": "J one"}]}
    url = local_server.add("/feed.json", json.dumps(feed), content_type="application/feed+json")
    (doc,) = list(read_inputs([url], fetcher))
    assert doc.meta["outlet"] == "JF" and doc.meta["title"] == "J one"


def test_sitemap_index_url_recurses(local_server, fetcher):
    local_server.add("/s/a.html", PAGE.format("SA"))
    child = (f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">'
             f'<url><loc>{local_server.url("/s/a.html")}</loc><news:news><news:publication><news:name>Site</news:name>'
             f'</news:publication><news:publication_date>2025-05-11</news:publication_date><news:title>SA</news:title>'
             f'</news:news></url></urlset>')
    local_server.add("/sitemap-news.xml", child, content_type="application/xml")
    index = ('<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
             '<sitemap><loc>/sitemap-news.xml</loc></sitemap><sitemap><loc>/missing.xml</loc></sitemap></sitemapindex>')
    url = local_server.add("/sitemap.xml", index, content_type="application/xml")
    doc, missing = list(read_inputs([url], fetcher))
    assert doc.uri == local_server.url("/s/a.html") and doc.meta["outlet"] == "Site" and doc.meta["title"] == "SA"
    assert isinstance(missing, Failure) and missing.error == f"{local_server.url('/missing.xml')}: HTTP 404 Not Found"


def test_local_feed_file_fetches_entries(local_server, fetcher, tmp_path):
    local_server.add("/one.html", PAGE.format("One"))
    path = tmp_path / "feed.xml"
    path.write_text(_rss(local_server, ["/one.html"]))
    (doc,) = list(read_inputs([str(path)], fetcher))
    assert doc.uri == local_server.url("/one.html") and doc.meta["outlet"] == "Local Outlet"


def test_feed_bomb_url_is_a_failure_naming_the_url(local_server, fetcher):
    url = local_server.add("/bomb.xml", BILLION_LAUGHS, content_type="application/rss+xml")
    (failure,) = list(read_inputs([url], fetcher))
    assert isinstance(failure, Failure)
    assert failure.error == f"{url}: XML entity declarations are not allowed (possible entity-expansion bomb)"


def test_image_url_is_not_an_article(local_server, fetcher):
    url = local_server.add("/pic.png", b"\x89PNG\r\n\x1a\n" + bytes(200), content_type="image/png")
    (failure,) = list(read_inputs([url], fetcher))
    assert failure.error == f"{url}: binary file, not an article (image/png)"


def test_fetch_errors_become_failures(local_server, fetcher):
    url = local_server.add_redirect_loop("/loop")
    (failure,) = list(read_inputs([url], fetcher))
    assert failure.input == url and failure.error == f"{url}: redirect loop at {url}"


def test_fetch_feed_conditional_get_and_errors(local_server, fetcher):
    local_server.add("/one.html", PAGE.format("One"))
    url = local_server.add("/rss.xml", _rss(local_server, ["/one.html"]), content_type="application/rss+xml", etag='"e1"')
    source = Source(id=7, url=url, kind="feed", interval_s=600)
    entries, source = fetch_feed(source, fetcher)
    assert [e.url for e in entries] == [local_server.url("/one.html")]
    assert (source.etag, source.title, source.error, source.error_count) == ('"e1"', "Local Outlet", None, 0)
    assert (source.next_fetch - source.last_fetched).total_seconds() == 600
    (doc,) = list(fetch_entries(entries, fetcher, source_id=source.id))
    assert doc.source_id == 7 and doc.meta["title"] == "Title /one.html"

    entries, source = fetch_feed(source, fetcher)  # 304 Not Modified
    assert entries == [] and source.etag == '"e1"' and source.error is None
    assert local_server.hits("/rss.xml")[-1].headers["if-none-match"] == '"e1"'

    broken = Source(id=8, url=local_server.url("/nothing.xml"), interval_s=60, error_count=1)
    entries, broken = fetch_feed(broken, fetcher)
    assert entries == [] and broken.error == f"{broken.url}: HTTP 404 Not Found" and broken.error_count == 2
    assert (broken.next_fetch - broken.last_fetched).total_seconds() == 60 * 4  # backs off


def test_fetch_feed_page_source(local_server, fetcher):
    url = local_server.add("/live.html", PAGE.format("Live"))
    (entry,), source = fetch_feed(Source(id=3, url=url, kind="page"), fetcher)
    (doc,) = list(fetch_entries([entry], fetcher, source_id=3))
    assert b"Live body text" in doc.content and doc.source_id == 3
    assert len(local_server.hits("/live.html")) == 1  # not fetched twice


def test_http_header_charset_used_when_page_declares_none(local_server, fetcher):
    body = "<html><body><p>Переговоры в Стамбуле</p></body></html>".encode("cp1251")
    url = local_server.add("/ru.html", body, content_type="text/html; charset=windows-1251")
    (doc,) = list(read_inputs([url], fetcher))
    assert doc.encoding == "cp1251" and "Стамбуле" in doc.content.decode(doc.encoding)


def test_offline_feed_file_uses_entry_content(tmp_path):
    from tests.sources.test_feeds import ATOM

    path = tmp_path / "atom.xml"
    path.write_text(ATOM)
    (doc,) = list(read_inputs([str(path)], None))
    assert isinstance(doc, RawDocument) and doc.uri == "https://atom.example/a/1"
    assert doc.content == b"<p>Full text here.</p>" and doc.meta["outlet"] == "Atom Outlet"
