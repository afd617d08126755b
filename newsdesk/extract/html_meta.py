"""Article metadata from a parsed HTML page: meta tags, JSON-LD, <time>, <title>.

Cheap look-ups only (no date guessing over the whole page): extraction speed
matters and the page's own structured data is what publishers maintain.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from lxml import etree

from newsdesk.extract.dates import parse_date

_ARTICLE_TYPES = re.compile(r"article|posting|report|blog", re.I)


@dataclass
class HtmlMeta:
    title: str | None = None
    site_name: str | None = None
    description: str | None = None
    published: datetime | None = None
    authors: list[str] = field(default_factory=list)
    canonical_url: str | None = None
    language: str | None = None
    keywords: list[str] = field(default_factory=list)


def _meta_index(tree: etree._Element) -> dict[str, str]:
    """Every <meta> name/property/itemprop with its first non-empty value (one pass)."""
    index: dict[str, str] = {}
    for el in tree.iter("meta"):
        value = " ".join((el.get("content") or el.get("datetime") or "").split())
        if not value:
            continue
        for attr in ("property", "name", "itemprop"):
            key = el.get(attr)
            if key:
                index.setdefault(key.strip().lower(), value)
    return index


def _meta(index: dict[str, str], *names: str) -> str | None:
    return next((index[n.lower()] for n in names if n.lower() in index), None)


def _jsonld_objects(tree: etree._Element) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for script in tree.iter("script"):
        if (script.get("type") or "").lower() != "application/ld+json":
            continue
        try:
            data = json.loads(script.text or "")
        except (json.JSONDecodeError, TypeError):
            continue
        stack = [data]
        while stack:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                out.append(item)
                if "@graph" in item:
                    stack.append(item["@graph"])
    return out


def _names(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return _names(value.get("name"))
    if isinstance(value, list):
        return [n for v in value for n in _names(v)]
    return []


def _article_ld(objects: list[dict[str, Any]]) -> dict[str, Any]:
    for obj in objects:
        kinds = obj.get("@type")
        kinds = kinds if isinstance(kinds, list) else [kinds]
        if any(isinstance(k, str) and _ARTICLE_TYPES.search(k) for k in kinds):
            return obj
    return {}


def _clean_author(name: str) -> str | None:
    name = " ".join(name.split())
    name = re.sub(r"^(?i:by)\s+", "", name)
    if not name or len(name) > 80 or "http" in name or "@" in name:
        return None
    return name


def read_meta(tree: etree._Element) -> HtmlMeta:
    ld = _article_ld(_jsonld_objects(tree))
    index = _meta_index(tree)
    meta = HtmlMeta()
    meta.title = _meta(index, "og:title", "twitter:title") or (ld.get("headline") if isinstance(ld.get("headline"), str) else None)
    if not meta.title:
        h1 = tree.xpath("//h1")
        meta.title = " ".join("".join(h1[0].itertext()).split()) if h1 else None
    if not meta.title:
        title = tree.xpath("//title/text()")
        meta.title = " ".join(title[0].split()) if title else None
    publisher = _names(ld.get("publisher"))
    meta.site_name = _meta(index, "og:site_name", "application-name") or (publisher[0] if publisher else None)
    meta.description = _meta(index, "og:description", "description", "twitter:description")
    meta.published = parse_date(
        _meta(index, "article:published_time", "datePublished", "og:article:published_time", "pubdate",
              "publishdate", "publish-date", "date", "DC.date.issued", "dc.date", "sailthru.date", "parsely-pub-date")
        or (ld.get("datePublished") if isinstance(ld.get("datePublished"), str) else None)
        or (ld.get("dateCreated") if isinstance(ld.get("dateCreated"), str) else None)
    )
    if meta.published is None:
        times = tree.xpath("//article//time[@datetime]/@datetime | //time[@pubdate]/@datetime") or tree.xpath("//time[@datetime]/@datetime")
        meta.published = parse_date(times[0]) if times else None
    authors = _names(ld.get("author")) or ([a] if (a := _meta(index, "author", "article:author", "parsely-author", "sailthru.author", "byl")) else [])
    meta.authors = [a for a in (_clean_author(x) for x in authors) if a]
    link = tree.xpath('//link[@rel="canonical"]/@href')
    meta.canonical_url = link[0].strip() if link else _meta(index, "og:url")
    lang = tree.get("lang") or _meta(index, "og:locale", "language")
    meta.language = re.split(r"[-_]", lang)[0].lower() if lang else None
    keywords = _meta(index, "news_keywords", "keywords")
    meta.keywords = [k.strip() for k in keywords.split(",") if k.strip()] if keywords else []
    return meta
