"""Turn an Article's plain text into blocks a template renders (escaped, never as HTML).

Quotes are highlighted from their character offsets in `Article.text`: each paragraph
becomes a list of (text, quote number or None) spans, and the template wraps the quoted
spans in <mark> while autoescape escapes every piece. Publisher HTML is never used.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from newsdesk.models import Article, Quote

Span = tuple[str, int | None]  # (text, index into Article.quotes or None)


@dataclass
class Body:
    blocks: list[tuple[str, str]]  # ("h2" | "p", text)
    outline: list[str]  # subheadings whose position in the text is unknown
    spans: list[list[Span]] = field(default_factory=list)  # per block: the text cut at quotes


def _norm(text: str) -> str:
    return " ".join(text.split()).casefold()


def article_body(article: Article) -> Body:
    """Paragraphs, with a subheading shown as a heading where the text keeps it.

    Extraction may keep subheadings as their own paragraphs; those become headings
    in place. Subheadings that are not found in the text are listed as an outline.
    """
    wanted = {_norm(s): s for s in article.subheadings if s.strip()}
    blocks: list[tuple[str, str]] = []
    spans: list[list[Span]] = []
    placed: set[str] = set()
    ranges = quote_ranges(article)
    for start, paragraph in paragraph_offsets(article.text):
        key = _norm(paragraph)
        if key in wanted:
            blocks.append(("h2", paragraph.strip()))
            spans.append([(paragraph.strip(), None)])
            placed.add(key)
        else:
            blocks.append(("p", paragraph.strip()))
            spans.append(cut(paragraph, start, ranges))
    outline = [text for key, text in wanted.items() if key not in placed]
    return Body(blocks=blocks, outline=outline, spans=spans)


def paragraph_offsets(text: str) -> list[tuple[int, str]]:
    """(offset of the stripped paragraph in `text`, stripped paragraph) for each non-blank paragraph."""
    out, pos = [], 0
    for piece in text.split("\n\n"):
        if piece.strip():
            lead = len(piece) - len(piece.lstrip())
            out.append((pos + lead, piece.strip()))
        pos += len(piece) + 2
    return out


def quote_ranges(article: Article) -> list[tuple[int, int, int]]:
    """(start, end, quote index) in the text, sorted, without overlaps. Offsets that do not
    point at the quote's words (an older enrich run, an edited text) fall back to finding
    the quote's text; a quote found nowhere is not highlighted."""
    text = article.text
    found: list[tuple[int, int, int]] = []
    for i, quote in enumerate(article.quotes):
        span = _locate(text, quote)
        if span is not None:
            found.append((span[0], span[1], i))
    found.sort()
    kept: list[tuple[int, int, int]] = []
    for start, end, i in found:
        if not kept or start >= kept[-1][1]:
            kept.append((start, end, i))
    return kept


def _locate(text: str, quote: Quote) -> tuple[int, int] | None:
    wanted = quote.text.strip()
    if not wanted:
        return None
    if 0 <= quote.start < quote.end <= len(text) and _norm(text[quote.start:quote.end]).strip("\"“”'‘’ ") == _norm(wanted).strip("\"“”'‘’ "):
        return quote.start, quote.end
    at = text.find(wanted)
    return (at, at + len(wanted)) if at >= 0 else None


def cut(paragraph: str, offset: int, ranges: list[tuple[int, int, int]]) -> list[Span]:
    """The paragraph (starting at `offset` in the text) as plain and quoted spans."""
    spans: list[Span] = []
    pos, end_par = offset, offset + len(paragraph)
    for start, end, i in ranges:
        start, end = max(start, offset), min(end, end_par)
        if start >= end:
            continue
        if start > pos:
            spans.append((paragraph[pos - offset:start - offset], None))
        spans.append((paragraph[start - offset:end - offset], i))
        pos = end
    if pos < end_par:
        spans.append((paragraph[pos - offset:], None))
    return spans
