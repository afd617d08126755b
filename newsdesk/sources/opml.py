"""OPML 2.0 subscription lists: read (defusedxml: no entities, no external DTDs) and write.

Import keeps every <outline> with an xmlUrl, at any depth (folders are flattened),
and reports each bad outline as one line instead of stopping.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timezone
from email.utils import format_datetime
from xml.etree import ElementTree as ET

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException

MAX_OPML_BYTES = 5 * 1024 * 1024


@dataclass
class OpmlFeed:
    url: str
    title: str | None = None
    kind: str = "feed"


@dataclass
class OpmlReading:
    feeds: list[OpmlFeed] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # one line per skipped outline


def parse_opml(content: bytes, name: str) -> OpmlReading:
    """Raises ValueError (one line naming `name`) when the file is not OPML at all."""
    if len(content) > MAX_OPML_BYTES:
        raise ValueError(f"{name}: OPML file larger than {MAX_OPML_BYTES // (1024 * 1024)} MB")
    try:
        root = SafeET.fromstring(content)
    except (ET.ParseError, DefusedXmlException) as exc:
        raise ValueError(f"{name}: not a readable OPML file: {type(exc).__name__}: {exc}") from None
    if root.tag.lower() != "opml" or root.find("body") is None:
        raise ValueError(f"{name}: not an OPML file (root <{root.tag}>, expected <opml> with a <body>)")
    from newsdesk.web.sanitize import safe_url  # http(s) only: the same rule as add-feed

    reading, seen = OpmlReading(), set()
    for number, outline in enumerate(root.find("body").iter("outline"), 1):  # type: ignore[union-attr]
        url = (outline.get("xmlUrl") or outline.get("xmlurl") or "").strip()
        if not url:
            continue  # a folder
        if not safe_url(url):
            reading.problems.append(f"{name}: outline {number}: {url[:200]!r} is not an http(s) URL, skipped")
            continue
        if url in seen:
            continue
        seen.add(url)
        title = (outline.get("title") or outline.get("text") or "").strip() or None
        reading.feeds.append(OpmlFeed(url=url, title=title))
    return reading


def write_opml(feeds: list[OpmlFeed], title: str = "newsdesk sources") -> bytes:
    root = ET.Element("opml", version="2.0")
    head = ET.SubElement(root, "head")
    ET.SubElement(head, "title").text = title
    ET.SubElement(head, "dateCreated").text = format_datetime(datetime.now(timezone.utc))
    body = ET.SubElement(root, "body")
    for feed in feeds:
        attrs = {"type": "rss", "text": feed.title or feed.url, "xmlUrl": feed.url}
        if feed.title:
            attrs["title"] = feed.title
        ET.SubElement(body, "outline", attrs)
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)
