"""Feeds (RSS 2.0, RSS 1.0, Atom, JSON Feed) and Google-News-style sitemaps into entries.

XML is pre-parsed with defusedxml before feedparser sees it: a document that
declares entities (billion laughs, external entities) is refused outright.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any, Literal
from urllib.parse import urljoin, urlsplit
from xml.etree.ElementTree import Element, ParseError

import defusedxml
import defusedxml.ElementTree as SafeET
import feedparser

from newsdesk.models import RawDocument
from newsdesk.sources.body import BodyTooLarge, read_capped
from newsdesk.sources.sniff import sniff

_ENTITY_DECL = re.compile(rb"<!ENTITY", re.I)
MAX_SITEMAP_BYTES = 50 * 1024 * 1024  # the sitemaps.org limit (uncompressed)


class FeedError(ValueError):
    """A feed or sitemap that cannot be read; str is one line naming the input."""


@dataclass
class FeedEntry:
    url: str
    title: str | None = None
    published: datetime | None = None
    outlet: str | None = None
    summary: str | None = None
    content_html: str | None = None  # the full article when the feed carries it
    feed_url: str | None = None
    document: RawDocument | None = None  # already fetched (a polled single page)

    def meta(self) -> dict[str, Any]:
        """JSON-safe hints for `RawDocument.meta`."""
        data = {
            "title": self.title,
            "published": self.published.isoformat() if self.published else None,
            "outlet": self.outlet,
            "summary": self.summary,
            "feed_url": self.feed_url,
        }
        return {k: v for k, v in data.items() if v}


@dataclass
class Feed:
    kind: Literal["feed", "sitemap", "sitemapindex"]
    title: str | None = None
    entries: list[FeedEntry] = field(default_factory=list)
    sitemaps: list[str] = field(default_factory=list)  # children of a sitemap index


def refuse_entities(content: bytes, name: str) -> None:
    """Raise FeedError when the XML declares entities (entity-expansion bombs, external entities)."""
    # the whole document, NULs dropped: a declaration behind a long comment, or in UTF-16/32
    # (which expat below may not read at all), is found too
    if _ENTITY_DECL.search(content) or _ENTITY_DECL.search(content.replace(b"\x00", b"")):
        raise FeedError(f"{name}: XML entity declarations are not allowed (possible entity-expansion bomb)")
    try:
        SafeET.fromstring(content, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except defusedxml.DefusedXmlException as exc:
        raise FeedError(f"{name}: unsafe XML refused ({type(exc).__name__})") from None
    except (ParseError, ValueError, LookupError):
        pass  # malformed (or an unknown encoding) but harmless: feedparser copes with many broken feeds


def _datetime(value: Any) -> datetime | None:
    if not value:
        return None
    if hasattr(value, "tm_year"):  # feedparser's struct_time, always UTC
        return datetime(*value[:6], tzinfo=timezone.utc)
    text = str(value).strip()
    try:
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=timezone.utc)


def _clean(value: Any) -> str | None:
    text = " ".join(str(value).split()) if value else ""
    return text or None


def _absolute(link: str | None, base: str | None) -> str | None:
    if not link:
        return None
    try:
        url = urljoin(base, link.strip()) if base else link.strip()
        scheme = urlsplit(url).scheme
    except ValueError:  # "https://[a.example/": a broken link skips its entry (found by fuzzing)
        return None
    return url if scheme in ("http", "https") else None  # never file:, javascript:...


# ------------------------------------------------------------------- feeds


def _json_feed(content: bytes, name: str, base: str | None) -> Feed:
    try:
        data = json.loads(content)
    except (ValueError, UnicodeDecodeError) as exc:
        raise FeedError(f"{name}: invalid JSON Feed: {exc}") from None
    if not isinstance(data, dict) or not isinstance(data.get("items"), list):
        raise FeedError(f"{name}: not a JSON Feed (no items list)")
    title = _clean(data.get("title"))
    feed = Feed("feed", title)
    for item in data["items"]:
        if not isinstance(item, dict):
            continue
        url = _absolute(item.get("url") or item.get("external_url"), base or data.get("home_page_url"))
        if not url:
            continue
        feed.entries.append(FeedEntry(
            url=url,
            title=_clean(item.get("title")),
            published=_datetime(item.get("date_published") or item.get("date_modified")),
            outlet=title,
            summary=_clean(item.get("summary") or item.get("content_text")),
            content_html=item.get("content_html") or None,
            feed_url=base,
        ))
    return feed


def _xml_feed(content: bytes, name: str, base: str | None) -> Feed:
    refuse_entities(content, name)
    try:
        parsed = feedparser.parse(content, response_headers={"content-location": base} if base else None)
    except (ValueError, LookupError) as exc:  # garbled declarations, NULs, &#x110000; (found by fuzzing)
        detail = " ".join(str(exc).split())[:120]
        raise FeedError(f"{name}: not a feed: unreadable XML ({type(exc).__name__}: {detail})") from None
    if not parsed.get("version") and not parsed.entries:
        cause = parsed.get("bozo_exception") or "no RSS, Atom or RDF root"
        raise FeedError(f"{name}: not a feed: {cause}")
    title = _clean(parsed.feed.get("title"))
    feed = Feed("feed", title)
    for entry in parsed.entries:
        link = entry.get("link") or (entry.get("id") if str(entry.get("id", "")).startswith("http") else None)
        url = _absolute(link, base)
        if not url:
            continue
        source = entry.get("source") or {}
        content_html = None
        for part in entry.get("content") or []:
            if "html" in (part.get("type") or ""):
                content_html = part.get("value")
                break
        feed.entries.append(FeedEntry(
            url=url,
            title=_clean(entry.get("title")),
            published=_datetime(entry.get("published_parsed") or entry.get("updated_parsed")),
            outlet=_clean(source.get("title")) or title,
            summary=_clean(entry.get("summary")),
            content_html=content_html,
            feed_url=base,
        ))
    return feed


# ---------------------------------------------------------------- sitemaps


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1].lower()


def _child(element: Element, name: str) -> Element | None:
    for child in element:
        if _local(child.tag) == name:
            return child
    return None


def _text(element: Element | None, *path: str) -> str | None:
    for name in path:
        if element is None:
            return None
        element = _child(element, name)
    return _clean(element.text) if element is not None else None


def parse_sitemap(content: bytes, name: str, base: str | None = None) -> Feed:
    """A `urlset` (with Google News `news:news` details when present) or a `sitemapindex`."""
    if content.startswith(b"\x1f\x8b"):
        try:
            content = read_capped([content], "gzip", MAX_SITEMAP_BYTES)
        except BodyTooLarge:
            raise FeedError(f"{name}: sitemap larger than {MAX_SITEMAP_BYTES} bytes uncompressed") from None
    try:
        root = SafeET.fromstring(content, forbid_dtd=True)
    except defusedxml.DefusedXmlException as exc:
        raise FeedError(f"{name}: unsafe XML refused ({type(exc).__name__})") from None
    except ParseError as exc:
        raise FeedError(f"{name}: invalid sitemap XML: {exc}") from None
    kind = _local(root.tag)
    if kind == "sitemapindex":
        locs = [_absolute(_text(s, "loc"), base) for s in root if _local(s.tag) == "sitemap"]
        return Feed("sitemapindex", sitemaps=[u for u in locs if u])
    if kind != "urlset":
        raise FeedError(f"{name}: not a sitemap (root element <{kind}>)")
    feed = Feed("sitemap")
    for node in root:
        if _local(node.tag) != "url":
            continue
        url = _absolute(_text(node, "loc"), base)
        if not url:
            continue
        news = _child(node, "news")
        feed.entries.append(FeedEntry(
            url=url,
            title=_text(news, "title"),
            published=_datetime(_text(news, "publication_date") or _text(node, "lastmod")),
            outlet=_text(news, "publication", "name"),
            feed_url=base,
        ))
    return feed


def parse_feed(content: bytes, name: str, base: str | None = None, content_type: str | None = None) -> Feed:
    """Any feed or sitemap: decided from the bytes (then the content type)."""
    kind = sniff(content, content_type)
    if kind == "sitemap":
        return parse_sitemap(content, name, base)
    if content.lstrip()[:1] == b"{" or "json" in (content_type or ""):
        return _json_feed(content, name, base)
    return _xml_feed(content, name, base)
