"""HTML pages: trafilatura finds the body, newsdesk's block judgement cleans it.

trafilatura proposes the body as structured blocks (paragraphs, headings, lists,
quotes); each block then goes through the same features the flattened-text
classifier uses, so captions, credits, share bars and newsletter boxes it keeps
are dropped. Images (with caption and credit) come from the page's own figures.
"""

from __future__ import annotations

import re

import lxml.html
import trafilatura
from lxml import etree

from newsdesk.extract.dates import parse_date
from newsdesk.extract.features import line_features
from newsdesk.extract.parts import Block, PageParts
from newsdesk.models import Image

_BLOCK_KIND = {"p": "p", "head": "h", "item": "li", "quote": "quote", "list": None, "row": "p", "cell": None}


def _text_of(el: etree._Element) -> str:
    return " ".join("".join(el.itertext()).split())


def body_blocks(body: etree._Element | None) -> list[Block]:
    """trafilatura's body element as blocks, list items and quotes kept apart."""
    if body is None:
        return []
    blocks: list[Block] = []
    for el in body.iter("p", "head", "item", "quote", "row"):
        if el.tag in ("p", "head") and el.getparent() is not None and el.getparent().tag in ("item", "quote", "cell"):
            continue  # counted with their container
        text = _text_of(el)
        if not text:
            continue
        kind = _BLOCK_KIND[el.tag] or "p"
        blocks.append(Block(text, kind))
    return blocks


def keep_block(block: Block) -> tuple[bool, str]:
    """newsdesk's judgement on one block trafilatura kept."""
    f = line_features(block.text)
    if f.credit and not f.prose:
        return False, f"credit: {f.credit}"
    if f.boilerplate:
        return False, f.boilerplate
    if f.age:
        return False, "relative age stamp"
    return True, "body"


def figures(tree: etree._Element) -> list[Image]:
    """Images with a caption, split into caption and credit where the markup says so."""
    out: list[Image] = []
    seen: set[str] = set()
    for fig in tree.iter("figure"):
        img = next(fig.iter("img"), None)
        src = None
        if img is not None:
            src = img.get("src") or img.get("data-src") or img.get("data-original")
        cap_el = next(fig.iter("figcaption"), None)
        caption = credit = None
        if cap_el is not None:
            credit_el = next(
                (e for e in cap_el.iter() if re.search(r"credit|byline|source|copyright|attribution", " ".join([e.get("class") or "", e.get("itemprop") or ""]), re.I)),
                None,
            )
            if credit_el is not None and credit_el is not cap_el:
                credit = _text_of(credit_el) or None
            caption = _text_of(cap_el)
            if credit and caption.endswith(credit):
                caption = caption[: -len(credit)].strip()
        if caption is None and img is not None:
            caption = (img.get("alt") or "").strip() or None
        key = src or caption or ""
        if key and key not in seen and (caption or src):
            seen.add(key)
            out.append(Image(url=src, caption=caption or None, credit=credit))
    return out


def parse_html_page(html: str, url: str | None = None) -> PageParts:
    try:
        tree = lxml.html.document_fromstring(html)
    except (etree.ParserError, ValueError):
        return PageParts()
    doc = trafilatura.bare_extraction(
        html, url=url, include_comments=False, include_tables=True, with_metadata=True
    )
    parts = PageParts(images=figures(tree))
    _page_metadata(tree, parts)
    if doc is None:
        return parts
    parts.title = parts.title or doc.title
    parts.site_name = parts.site_name or doc.sitename
    parts.description = parts.description or doc.description
    parts.language = parts.language or doc.language
    if doc.author and not parts.authors:
        parts.authors = [a.strip() for a in re.split(r";|,| and ", doc.author) if a.strip()]
    parts.published = parts.published or parse_date(doc.date)
    captions = {i.caption for i in parts.images if i.caption}
    for block in body_blocks(doc.body):
        keep, _ = keep_block(block)
        if keep and block.text not in captions:
            parts.blocks.append(block)
    if parts.title and parts.blocks and parts.blocks[0].text == parts.title:
        parts.blocks.pop(0)
    return parts


def _meta(tree: etree._Element, *names: str) -> str | None:
    for name in names:
        for el in tree.xpath(f'//meta[@property="{name}" or @name="{name}" or @itemprop="{name}"]'):
            value = (el.get("content") or "").strip()
            if value:
                return value
    return None


def _page_metadata(tree: etree._Element, parts: PageParts) -> None:
    parts.title = _meta(tree, "og:title", "twitter:title")
    parts.site_name = _meta(tree, "og:site_name", "application-name")
    parts.description = _meta(tree, "og:description", "description")
    parts.published = parse_date(
        _meta(tree, "article:published_time", "datePublished", "pubdate", "publishdate", "date", "DC.date.issued", "sailthru.date")
    )
    link = tree.xpath('//link[@rel="canonical"]/@href')
    parts.canonical_url = link[0].strip() if link else _meta(tree, "og:url")
    lang = tree.get("lang")
    parts.language = lang.split("-")[0].lower() if lang else None
    if parts.published is None:
        times = tree.xpath("//time[@datetime]/@datetime")
        if times:
            parts.published = parse_date(times[0])
