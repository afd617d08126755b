"""Sentences and word sets for the extractive story pages."""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict

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


def similar_sets(sets: list[set[str]], threshold: float) -> list[list[int]]:
    """For each set, the indices of the sets (itself included) whose jaccard with it is at least
    `threshold`: what comparing every pair gives, without comparing every pair. A story's
    candidate sentences are compared with each other (story_data.py); at 200 articles that was
    ~20 s of pairwise jaccard per rebuild. Prefix filtering: with the words of every set ordered
    rarest first, two sets with jaccard >= t share a word among the first |A| - ceil(t|A|) + 1
    of each, so only sets meeting in those prefixes are compared (with `jaccard` itself)."""
    if threshold <= 0:
        return [list(range(len(sets))) if s else [] for s in sets]  # pragma: no cover - not used so
    df = Counter(w for s in sets for w in s)
    index: dict[str, list[int]] = defaultdict(list)
    prefixes: list[list[str]] = []
    for i, s in enumerate(sets):
        ordered = sorted(s, key=lambda w: (df[w], w))
        # ceil(t|A|) rounded down a hair: a longer prefix only adds candidates, never loses one
        prefix = ordered[: len(ordered) - math.ceil(threshold * len(ordered) - 1e-9) + 1]
        prefixes.append(prefix)
        for w in prefix:
            index[w].append(i)
    out = []
    for i, s in enumerate(sets):
        candidates = {j for w in prefixes[i] for j in index[w]}
        out.append(sorted(j for j in candidates if jaccard(s, sets[j]) >= threshold))
    return out
