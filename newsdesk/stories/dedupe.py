"""Syndication: the same wire text republished by several outlets is one article.

MinHash signatures of word 5-shingles go in a datasketch MinHashLSH; a candidate
counts as a copy when its estimated Jaccard or containment (a trimmed copy keeps
most of the original's shingles) clears the bar. Only articles inside the time
window are kept, so memory and lookup cost stay bounded.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from datasketch import MinHash, MinHashLSH

from newsdesk.models import Article

from .embed import text_words

NUM_PERM = 64
SHINGLE = 5
MIN_SHINGLES = 12  # shorter texts are too small to call copies on shingles alone
LSH_THRESHOLD = 0.35
SAME_JACCARD = 0.55
SAME_CONTAINMENT = 0.8
SCHEME = "affine32"  # datasketch 2: fixed so stored signatures stay comparable


def shingles(text: str, n: int = SHINGLE) -> set[bytes]:
    toks = text_words(text)
    return {" ".join(toks[i : i + n]).encode() for i in range(max(len(toks) - n + 1, 0))}


def signature(text: str) -> tuple[np.ndarray, int] | None:
    """(MinHash hash values, shingle count), or None when the text is too short to judge."""
    sh = shingles(text)
    if len(sh) < MIN_SHINGLES:
        return None
    mh = MinHash(num_perm=NUM_PERM, seed=7, scheme=SCHEME, permutations=_template().permutations)
    mh.update_batch(list(sh))
    return mh.hashvalues.astype(np.uint32), len(sh)


def is_copy(a: str, b: str) -> bool:
    """Exact shingle check of a MinHash hit: the engine's index can outlive what the store
    kept (a crash between the two), so a hit is confirmed against the stored text."""
    sa, sb = shingles(a), shingles(b)
    if not sa or not sb:
        return False
    inter = len(sa & sb)
    return inter / len(sa | sb) >= SAME_JACCARD or inter / min(len(sa), len(sb)) >= SAME_CONTAINMENT


@dataclass
class DupEntry:
    article_id: int
    when: float  # article time, epoch seconds
    size: int  # shingle count


class DuplicateIndex:
    def __init__(self) -> None:
        self.lsh = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM)
        self.entries: dict[int, DupEntry] = {}
        self.sigs: dict[int, np.ndarray] = {}

    def __len__(self) -> int:
        return len(self.entries)

    def find(self, sig: tuple[np.ndarray, int] | None) -> tuple[int, float] | None:
        """(article id, similarity) of the best near-duplicate, or None."""
        if sig is None or not self.entries:
            return None
        values, size = sig
        best: tuple[int, float] | None = None
        for key in self.lsh.query(_minhash(values)):
            other = self.entries.get(key)
            if other is None:
                continue
            jac = np.count_nonzero(self.sigs[key] == values) / NUM_PERM
            inter = jac / (1 + jac) * (size + other.size)
            contain = inter / max(min(size, other.size), 1)
            if jac >= SAME_JACCARD or contain >= SAME_CONTAINMENT:
                score = max(jac, contain)
                if best is None or score > best[1] or (score == best[1] and key < best[0]):
                    best = (key, score)
        return best

    def add(self, article_id: int, sig: tuple[np.ndarray, int] | None, when: float) -> None:
        if sig is None or article_id in self.entries:
            return
        values, size = sig
        self.lsh.insert(article_id, _minhash(values))
        self.entries[article_id] = DupEntry(article_id, when, size)
        self.sigs[article_id] = values

    def evict_before(self, cutoff: float) -> None:
        for key in [k for k, e in self.entries.items() if e.when < cutoff]:
            self.lsh.remove(key)
            del self.entries[key]
            del self.sigs[key]


_TEMPLATE: list[MinHash] = []


def _template() -> MinHash:
    """One MinHash whose permutations every signature reuses (building them is most of the cost)."""
    if not _TEMPLATE:
        _TEMPLATE.append(MinHash(num_perm=NUM_PERM, seed=7, scheme=SCHEME))
    return _TEMPLATE[0]


def _minhash(values: np.ndarray) -> MinHash:
    return MinHash(num_perm=NUM_PERM, seed=7, hashvalues=values, scheme=SCHEME, permutations=_template().permutations)


def completeness(article: Article) -> tuple[int, int]:
    """Higher is a better canonical copy: more body text, then a stated wire/author."""
    return (len(article.text or ""), int(bool(article.wire or article.authors)))


def choose_canonical(articles: list[Article]) -> int:
    """Index of the canonical copy among syndicated copies: the earliest, unless a later
    one is clearly more complete (the first copy was a trimmed version)."""
    def key(i: int) -> tuple:
        a = articles[i]
        ts = a.published.timestamp() if a.published else float("inf")
        return (ts, -len(a.text or ""), i)

    first = min(range(len(articles)), key=key)
    longest = max(range(len(articles)), key=lambda i: (completeness(articles[i]), -i))
    if len(articles[longest].text or "") > 1.3 * len(articles[first].text or ""):
        return longest
    return first
