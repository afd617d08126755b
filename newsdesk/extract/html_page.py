"""HTML pages: trafilatura finds the body, newsdesk's block judgement cleans it.

trafilatura proposes the body as structured blocks (paragraphs, headings, lists,
quotes); each block then goes through the same features the flattened-text
classifier uses, so captions, credits, share bars and newsletter boxes it keeps
are dropped. Images (with caption and credit) come from the page's own figures.
"""

from __future__ import annotations

import re

import trafilatura
from lxml import etree
from trafilatura.utils import load_html

from newsdesk.extract.html_meta import read_meta
from newsdesk.extract import patterns as P
from newsdesk.extract.features import LineFeatures, line_features, word_count
from newsdesk.extract.parts import Block, PageParts
from newsdesk.models import Image

def _raw_text(el: etree._Element) -> str:
    out = [el.text or ""]
    for child in el:
        if isinstance(child.tag, str):
            if child.tag in ("lb", "br"):
                out.append(" ")
            elif child.tag in _BREAKING:
                out.append(f" {_raw_text(child)} ")
            else:
                out.append(_raw_text(child))
        out.append(child.tail or "")
    return "".join(out)


_BREAKING = {"p", "item", "cell", "row", "head", "quote", "list", "div"}


def _text_of(el: etree._Element) -> str:
    """An element's text with line breaks and nested blocks as spaces."""
    return " ".join(_raw_text(el).split())


_BLOCK_TAGS = {"p": "p", "head": "h", "quote": "quote", "list": "li", "table": "p", "div": "p", "code": "p"}


def _block_texts(el: etree._Element) -> list[Block]:
    kind = _BLOCK_TAGS[el.tag]
    if el.tag == "list":
        out: list[Block] = []
        for item in el.iterchildren("item"):
            if any(c.tag in _BLOCK_TAGS for c in item):  # an item holding paragraphs and headings
                out.extend(Block(b.text, "li" if b.kind == "p" else b.kind) for b in body_blocks(item))
            elif text := _text_of(item):
                out.append(Block(text, "li"))
        return out
    if el.tag == "table":
        rows = (" | ".join(t for t in (_text_of(c) for c in r.iter("cell")) if t) for r in el.iter("row"))
        return [Block(t, "p") for t in rows if t]
    if el.tag in ("quote", "div") and any(c.tag in _BLOCK_TAGS for c in el):
        inner = body_blocks(el)
        return [Block(b.text, "quote" if el.tag == "quote" else b.kind) for b in inner]
    text = _text_of(el)
    return [Block(text, kind)] if text else []


def body_blocks(body: etree._Element | None) -> list[Block]:
    """trafilatura's body element as blocks; loose text between blocks is a paragraph of its own."""
    if body is None:
        return []
    blocks: list[Block] = []
    loose: list[str] = [body.text or ""]

    def flush() -> None:
        text = " ".join("".join(loose).split())
        if text:
            blocks.append(Block(text, "p"))
        loose.clear()

    for child in body:
        if not isinstance(child.tag, str):
            loose.append(child.tail or "")
            continue
        if child.tag in _BLOCK_TAGS:
            flush()
            blocks.extend(_block_texts(child))
        elif child.tag == "graphic":
            flush()
        elif child.tag == "lb":
            loose.append(" ")
        else:  # inline: hi, ref, del...
            loose.append("".join(child.itertext()))
        loose.append(child.tail or "")
    flush()
    return blocks


def keep_block(block: Block, f: LineFeatures | None = None) -> tuple[bool, str]:
    """newsdesk's judgement on one block trafilatura kept."""
    if len(block.text) > 250:  # longer than any credit, age stamp or furniture line
        return True, "body"
    if f is None and _past_furniture(block.text):
        return True, "body"
    f = f or line_features(block.text)
    if f.credit and not f.prose:
        return False, f"credit: {f.credit}"
    if f.boilerplate:
        return False, f.boilerplate
    if f.age:
        return False, "relative age stamp"
    return True, "body"


def _past_furniture(text: str) -> bool:
    """More words than any drop below allows (a credit has at most 14, a boilerplate line 20,
    an age stamp 12), so a typical paragraph skips line_features' letter counts and a dozen
    regexes. The length test only spares the word count of short lines."""
    return len(text) > 120 and word_count(text) > 20


def trim_tail(blocks: list[Block]) -> tuple[list[Block], str]:
    """Cut what follows the article: an end-of-article marker late in the text, or a
    trailing run of headline-shaped lines (related links, teasers)."""
    total = sum(len(b.text) for b in blocks) or 1
    seen = 0
    for i, block in enumerate(blocks):
        if i and len(block.text) < 60 and P.END_MARKER.match(block.text) and seen >= 0.5 * total:
            return blocks[:i], f"end marker {block.text!r}"
        seen += len(block.text)
    run, headlines = 0, 0
    for block in reversed(blocks):
        if block.kind == "li":  # lists at the end are usually the article's own
            break
        f = line_features(block.text)
        if not f.sentence_end and f.words <= 14:  # headline-shaped
            headlines += 1
        elif not (f.words <= 25):
            break
        run += 1
    if headlines >= 3 and headlines >= 0.4 * run and run < len(blocks):
        return blocks[: len(blocks) - run], f"trailing run of {headlines} headline-like lines"
    return blocks, ""


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


def parse_html_page(html: str, url: str | None = None, fast: bool = False) -> PageParts:
    tree = load_html(html)
    if tree is None:
        return PageParts()
    meta = read_meta(tree)
    parts = PageParts(
        title=meta.title,
        images=figures(tree),
        authors=meta.authors,
        published=meta.published,
        site_name=meta.site_name,
        canonical_url=meta.canonical_url,
        description=meta.description,
        language=meta.language,
    )
    doc = trafilatura.bare_extraction(tree, url=url, include_comments=False, include_tables=True, fast=fast)
    if doc is None:
        return parts
    captions = {i.caption for i in parts.images if i.caption}
    for block in body_blocks(doc.body):
        keep, _ = keep_block(block)
        if keep and block.text not in captions:
            parts.blocks.append(block)
    parts.blocks, _ = trim_tail(parts.blocks)
    while parts.blocks and parts.blocks[0].kind == "h" and line_features(parts.blocks[0].text).words > 10:
        parts.blocks.pop(0)  # a standfirst set as a heading above the first paragraph
    if parts.title and parts.blocks and parts.blocks[0].text == parts.title:
        parts.blocks.pop(0)
    return parts
