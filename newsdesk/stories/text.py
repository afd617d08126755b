"""Sentences and word sets for the extractive story pages."""

from __future__ import annotations

import re

from newsdesk.models import Article

from .embed import _STOP, words

_SPLIT = re.compile(r"(?<=[.!?…])[\"”’)]?\s+(?=[\"“‘(]?[A-Z0-9])")
_ABBREV = re.compile(r"\b(?:Mr|Mrs|Ms|Dr|St|Gen|Sen|Rep|Gov|Lt|Col|Sgt|Jr|Sr|U\.S|U\.K|No|vs|Jan|Feb|Mar|Apr|Jun|Jul|"
                     r"Aug|Sep|Sept|Oct|Nov|Dec|Inc|Corp|Ltd|Co)\.$")


def sentences(article: Article) -> list[str]:
    """Body sentences: the enrich stage's offsets when present, else a light splitter."""
    text = article.text or ""
    if article.sentences:
        out = [text[s:e].strip() for s, e in article.sentences]
        return [s for s in out if s]
    result: list[str] = []
    for para in article.paragraphs:
        buf = ""
        for piece in _SPLIT.split(para.strip()):
            buf = f"{buf} {piece}".strip() if buf else piece.strip()
            if not _ABBREV.search(buf):
                result.append(buf)
                buf = ""
        if buf:
            result.append(buf)
    return [s for s in result if s]


def content_words(text: str) -> set[str]:
    return {w for w in words(text) if w not in _STOP and len(w) > 2}


def jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0
