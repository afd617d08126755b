"""Atom 1.0 and JSON Feed 1.1 documents from a list of items.

Atom is built with ElementTree (it escapes text and attributes); characters XML
1.0 forbids (control characters a publisher page may carry) are removed first,
or the document would not parse.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any
from xml.etree import ElementTree as ET

ATOM_NS = "http://www.w3.org/2005/Atom"
ATOM_TYPE = "application/atom+xml; charset=utf-8"
JSON_FEED_TYPE = "application/feed+json; charset=utf-8"
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


@dataclass
class FeedItem:
    id: str  # a stable URL on this site
    title: str
    link: str
    updated: datetime
    published: datetime | None = None
    summary: str = ""
    author: str | None = None  # the outlet
    external_url: str | None = None  # the publisher's page
    tags: list[str] = field(default_factory=list)


@dataclass
class Feed:
    title: str
    self_url: str  # this feed
    home_url: str  # the page it follows
    items: list[FeedItem]

    @property
    def updated(self) -> datetime:
        return max((i.updated for i in self.items), default=datetime(1970, 1, 1, tzinfo=timezone.utc))


def _text(value: str | None) -> str:
    return _NOT_XML.sub("", value or "")


def _iso(moment: datetime) -> str:
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(timezone.utc).isoformat(timespec="seconds")


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    child = ET.SubElement(parent, f"{{{ATOM_NS}}}{tag}", {k: _text(v) for k, v in attrs.items()})
    if text is not None:
        child.text = _text(text)
    return child


def atom(feed: Feed) -> bytes:
    ET.register_namespace("", ATOM_NS)
    root = ET.Element(f"{{{ATOM_NS}}}feed")
    _sub(root, "id", feed.self_url)
    _sub(root, "title", feed.title)
    _sub(root, "updated", _iso(feed.updated))
    _sub(root, "link", rel="self", href=feed.self_url, type="application/atom+xml")
    _sub(root, "link", rel="alternate", href=feed.home_url, type="text/html")
    _sub(root, "generator", "newsdesk")
    for item in feed.items:
        entry = _sub(root, "entry")
        _sub(entry, "id", item.id)
        _sub(entry, "title", item.title or "(untitled)")
        _sub(entry, "link", rel="alternate", href=item.link, type="text/html")
        if item.external_url:
            _sub(entry, "link", rel="related", href=item.external_url, type="text/html")
        _sub(entry, "updated", _iso(item.updated))
        if item.published:
            _sub(entry, "published", _iso(item.published))
        author = _sub(entry, "author")
        _sub(author, "name", item.author or "newsdesk")
        for tag in item.tags:
            _sub(entry, "category", term=tag)
        if item.summary:
            _sub(entry, "summary", item.summary, type="text")
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def json_feed(feed: Feed) -> bytes:
    document: dict[str, Any] = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": feed.title,
        "home_page_url": feed.home_url,
        "feed_url": feed.self_url,
        "items": [
            {
                "id": item.id,
                "url": item.link,
                "external_url": item.external_url,
                "title": item.title or "(untitled)",
                "summary": item.summary or None,
                "content_text": item.summary or item.title or "(untitled)",
                "date_published": _iso(item.published) if item.published else None,
                "date_modified": _iso(item.updated),
                "authors": [{"name": item.author}] if item.author else None,
                "tags": item.tags or None,
            }
            for item in feed.items
        ],
    }
    for item in document["items"]:
        for key in [k for k, v in item.items() if v is None]:
            del item[key]
    return json.dumps(document, ensure_ascii=False).encode("utf-8")
