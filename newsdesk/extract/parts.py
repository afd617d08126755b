"""What a page is made of, before it becomes an Article."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from newsdesk.models import Image, RelatedItem


@dataclass
class Block:
    """One unit of the body: a paragraph, subheading, list item or block quote."""

    text: str
    kind: str = "p"  # p | h | li | quote


@dataclass
class PageParts:
    title: str | None = None
    blocks: list[Block] = field(default_factory=list)
    images: list[Image] = field(default_factory=list)
    related: list[RelatedItem] = field(default_factory=list)
    authors: list[str] = field(default_factory=list)
    published: datetime | None = None  # stated by the page
    page_dates: list[datetime] = field(default_factory=list)  # dates mentioned in body and captions
    site_name: str | None = None
    canonical_url: str | None = None
    description: str | None = None
    language: str | None = None
    hashtags: list[str] = field(default_factory=list)
    wire_hints: list[str] = field(default_factory=list)  # dateline/credit lines that may name an agency

    @property
    def text(self) -> str:
        return "\n\n".join(b.text for b in self.blocks if b.text.strip())

    @property
    def subheadings(self) -> list[str]:
        return [b.text for b in self.blocks if b.kind == "h"]
