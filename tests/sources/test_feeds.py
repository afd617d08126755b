"""Feed and sitemap parsing: RSS 2.0, Atom, JSON Feed, Google News sitemaps, XML bombs."""

from __future__ import annotations

import gzip
import json
from datetime import datetime, timezone

import pytest

from newsdesk.sources.feeds import FeedError, parse_feed, parse_sitemap

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Daily Eight</title><link>https://daily8.example/</link>
<item><title>Putin proposes talks</title><link>https://daily8.example/news/putin.html</link>
<pubDate>Sun, 11 May 2025 07:30:00 +0100</pubDate><description>Talks in &lt;b&gt;Istanbul&lt;/b&gt;</description></item>
<item><title>Relative link</title><link>/news/second.html</link></item>
<item><title>Wire copy</title><link>https://daily8.example/news/wire.html</link>
<source url="https://wire.example/rss">Wire Agency</source></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Outlet</title>
<entry><title>Ceasefire call</title><link rel="alternate" href="https://atom.example/a/1"/>
<id>tag:atom.example,2025:1</id><updated>2025-05-11T09:00:00Z</updated><published>2025-05-11T08:00:00Z</published>
<summary>Leaders call for a ceasefire.</summary>
<content type="html">&lt;p&gt;Full text here.&lt;/p&gt;</content></entry>
</feed>"""

JSON_FEED = {
    "version": "https://jsonfeed.org/version/1.1",
    "title": "JSON Outlet",
    "home_page_url": "https://json.example/",
    "items": [
        {"id": "1", "url": "https://json.example/story-1", "title": "Story one",
         "date_published": "2025-05-11T10:00:00+02:00", "summary": "First."},
        {"id": "2", "external_url": "/story-2", "content_html": "<p>Two</p>"},
        {"id": "3", "title": "no url: skipped"},
    ],
}

NEWS_SITEMAP = """<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
        xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
 <url><loc>https://news.example/2025/05/11/talks</loc>
  <news:news><news:publication><news:name>News Example</news:name><news:language>en</news:language></news:publication>
   <news:publication_date>2025-05-11T06:00:00Z</news:publication_date><news:title>Talks in Istanbul</news:title></news:news>
 </url>
 <url><loc>https://news.example/about</loc><lastmod>2025-05-01</lastmod></url>
</urlset>"""

BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
<!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">]>
<rss version="2.0"><channel><title>&lol9;</title><item><title>&lol9;</title><link>https://x.example/</link></item></channel></rss>"""


def test_rss_entries():
    feed = parse_feed(RSS.encode(), "daily8.xml", "https://daily8.example/rss")
    assert feed.kind == "feed" and feed.title == "Daily Eight"
    first, second, third = feed.entries
    assert first.url == "https://daily8.example/news/putin.html"
    assert first.title == "Putin proposes talks" and first.outlet == "Daily Eight"
    assert first.published == datetime(2025, 5, 11, 6, 30, tzinfo=timezone.utc)
    assert "Istanbul" in first.summary
    assert second.url == "https://daily8.example/news/second.html"  # resolved against the feed URL
    assert third.outlet == "Wire Agency"  # Google-News-style <source>
    assert first.meta()["published"] == "2025-05-11T06:30:00+00:00"


def test_atom_entries_with_content():
    feed = parse_feed(ATOM.encode(), "atom.xml")
    (entry,) = feed.entries
    assert entry.url == "https://atom.example/a/1" and entry.outlet == "Atom Outlet"
    assert entry.published == datetime(2025, 5, 11, 8, 0, tzinfo=timezone.utc)
    assert entry.summary == "Leaders call for a ceasefire."
    assert entry.content_html == "<p>Full text here.</p>"


def test_json_feed_entries():
    feed = parse_feed(json.dumps(JSON_FEED).encode(), "feed.json", "https://json.example/feed.json")
    assert feed.title == "JSON Outlet"
    one, two = feed.entries
    assert one.url == "https://json.example/story-1" and one.title == "Story one"
    assert one.published == datetime(2025, 5, 11, 8, 0, tzinfo=timezone.utc)
    assert two.url == "https://json.example/story-2" and two.content_html == "<p>Two</p>"


def test_google_news_sitemap():
    feed = parse_feed(NEWS_SITEMAP.encode(), "sitemap.xml")
    assert feed.kind == "sitemap"
    news, plain = feed.entries
    assert (news.url, news.title, news.outlet) == ("https://news.example/2025/05/11/talks", "Talks in Istanbul", "News Example")
    assert news.published == datetime(2025, 5, 11, 6, 0, tzinfo=timezone.utc)
    assert plain.title is None and plain.published == datetime(2025, 5, 1, tzinfo=timezone.utc)


def test_gzipped_sitemap_and_index():
    feed = parse_sitemap(gzip.compress(NEWS_SITEMAP.encode()), "sitemap.xml.gz")
    assert len(feed.entries) == 2
    index = parse_feed(b"""<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
      <sitemap><loc>/s1.xml</loc></sitemap><sitemap><loc>https://n.example/s2.xml</loc></sitemap></sitemapindex>""",
                       "index.xml", "https://n.example/index.xml")
    assert index.kind == "sitemapindex" and index.sitemaps == ["https://n.example/s1.xml", "https://n.example/s2.xml"]


def test_billion_laughs_refused_before_parsing():
    with pytest.raises(FeedError) as err:
        parse_feed(BILLION_LAUGHS.encode(), "bomb.xml")
    assert str(err.value) == "bomb.xml: XML entity declarations are not allowed (possible entity-expansion bomb)"


def test_external_entity_refused():
    xxe = b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><rss><channel><title>&x;</title></channel></rss>'
    with pytest.raises(FeedError, match="^xxe.xml: XML entity declarations are not allowed"):
        parse_feed(xxe, "xxe.xml")


def test_utf16_entity_bomb_refused():
    with pytest.raises(FeedError, match="^bomb16.xml: XML entity declarations are not allowed"):
        parse_feed(BILLION_LAUGHS.replace('<?xml version="1.0"?>', "").encode("utf-16"), "bomb16.xml")


def test_sitemap_with_dtd_refused():
    with pytest.raises(FeedError, match="^s.xml: unsafe XML refused"):
        parse_sitemap(b'<!DOCTYPE urlset [<!ENTITY a "b">]><urlset><url><loc>&a;</loc></url></urlset>', "s.xml")


def test_not_a_feed():
    with pytest.raises(FeedError, match="^page.xml: not a feed"):
        parse_feed(b"<html><body><p>hello</p></body></html>", "page.xml")
    with pytest.raises(FeedError, match="^bad.json: not a JSON Feed"):
        parse_feed(b'{"version": "https://jsonfeed.org/version/1", "title": "x"}', "bad.json")
