"""Article-to-article links: the evidence stories are made of.

A story is a connected group in a k-nearest-neighbour graph of its recent articles:
each article keeps links to its `k` most similar articles (above a bar), and gives
up its weakest link when a closer article arrives. Reports of one event are each
other's nearest neighbours far more often than a report of a similar event is
(on ECB+ dev, 97% of documents have a nearest neighbour from their own event,
while a single global bar on story similarity cannot tell two earthquakes apart).
So an article joins the story of its nearest linked articles, links across two
stories merge them, and a story whose graph falls apart into groups splits.

The pair similarity mixes the lead embedding (what kind of event), whole-text
TF-IDF (names, numbers, dates: which event) and shared canonical entities
weighted by rarity; a large time gap between the two articles discounts it.
"""

from __future__ import annotations

import math
import zlib
from dataclasses import dataclass, field
from typing import Callable, Iterable

import numpy as np

MEMBER_TERMS = 80  # heaviest TF-IDF terms kept per linked article: enough for the cosine, bounded memory
DAY = 86400.0


@dataclass
class Member:
    """One recent article of a story, as the link graph sees it."""

    id: int
    story: int
    vec: np.ndarray  # unit lead vector (float16)
    tids: np.ndarray  # sorted term ids (int64)
    tw: np.ndarray  # their TF-IDF weights, scaled by the article's full norm (float32)
    ents: dict[str, float]  # canonical entity key -> mentions
    when: float | None
    links: list[tuple[float, int]] = field(default_factory=list)  # (similarity, member id), best first
    eids: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))  # sorted entity key ids
    ew: np.ndarray = field(default_factory=lambda: np.zeros(0, np.float32))  # their rarity when the article came
    years: frozenset[int] = frozenset()  # event signature: the years named...
    places: frozenset[str] = frozenset()  # ...and where


@dataclass
class LinkWeights:
    text: float = 1.0
    lex: float = 1.0
    ent: float = 1.0
    tau_days: float = 3.0
    grace_days: float = 1.0
    conflict: float = 1.0  # similarity kept when both articles name entities and share none
    year_conflict: float = 1.0  # similarity kept when both name years and share none
    place_conflict: float = 1.0  # similarity kept when both name places and share none


def term_id(term: str) -> int:
    return zlib.crc32(term.encode("utf-8", "surrogatepass"))


def _ids(weights: dict[str, float]) -> tuple[np.ndarray, np.ndarray]:
    pairs = sorted((term_id(t), w) for t, w in weights.items())
    return np.array([p[0] for p in pairs], dtype=np.int64), np.array([p[1] for p in pairs], dtype=np.float32)


def entity_ids(entities: dict[str, float], idf: Callable[[str], float]) -> tuple[np.ndarray, np.ndarray]:
    return _ids({k: idf(k) for k in entities})


def member_of(article_id: int, story: int, vector: np.ndarray, weighted: tuple[dict[str, float], float],
              entities: dict[str, float], when: float | None, idf: Callable[[str], float],
              years: frozenset[int] = frozenset(), places: frozenset[str] = frozenset()) -> Member:
    weights, norm = weighted
    top = sorted(weights.items(), key=lambda kv: -kv[1])[:MEMBER_TERMS]
    tids, tw = _ids({t: w / norm for t, w in top} if norm else {})
    eids, ew = entity_ids(entities, idf)
    return Member(article_id, story, np.asarray(vector, dtype=np.float16), tids, tw, dict(entities), when,
                  eids=eids, ew=ew, years=years, places=places)


def _overlap(x_ids: np.ndarray, x_w: np.ndarray, members: list[Member], ids: str, ws: str) -> tuple[np.ndarray, np.ndarray]:
    """Per member: sum over shared ids of x_w * member weight, and the member's own weight sum."""
    m_ids = [getattr(m, ids) for m in members]
    all_ids, all_w = np.concatenate(m_ids), np.concatenate([getattr(m, ws) for m in members])
    owner = np.repeat(np.arange(len(members)), [len(a) for a in m_ids])
    own = np.bincount(owner, weights=all_w, minlength=len(members))
    if not len(x_ids):
        return np.zeros(len(members)), own
    pos = np.minimum(np.searchsorted(x_ids, all_ids), len(x_ids) - 1)
    hit = x_ids[pos] == all_ids
    return np.bincount(owner[hit], weights=all_w[hit] * x_w[pos[hit]], minlength=len(members)), own


def lexical(x: Member, members: list[Member]) -> np.ndarray:
    """TF-IDF cosine of `x` with each member, in one pass over all their terms."""
    return _overlap(x.tids, x.tw, members, "tids", "tw")[0].astype(np.float32)


def entity_overlap(x: Member, members: list[Member]) -> np.ndarray:
    """Rarity-weighted Jaccard of canonical entities with each member (0.5 when neither has any: no evidence)."""
    shared, own = _overlap(x.eids, np.ones(len(x.eids)), members, "eids", "ew")
    union = float(x.ew.sum()) + own - shared
    out = np.where(union > 0, shared / np.maximum(union, 1e-9), 0.0)
    none = (own == 0) & (len(x.eids) == 0)
    return np.where(none, 0.5, out).astype(np.float32)


def time_factor(a: float | None, b: float | None, w: LinkWeights) -> float:
    if a is None or b is None:
        return 1.0
    over = max(abs(a - b) / DAY - w.grace_days, 0.0)
    return 0.5 + 0.5 * math.exp(-over / w.tau_days)


def signature_factor(x: Member, members: list[Member], w: LinkWeights) -> np.ndarray:
    """Two reports of one event tell the same year and place; two events of one kind
    (two earthquakes, two shootings) often differ in one of them."""
    out = np.ones(len(members), dtype=np.float32)
    if w.year_conflict != 1.0 and x.years:
        out *= np.array([w.year_conflict if m.years and not (m.years & x.years) else 1.0 for m in members],
                        dtype=np.float32)
    if w.place_conflict != 1.0 and x.places:
        out *= np.array([w.place_conflict if m.places and not (m.places & x.places) else 1.0 for m in members],
                        dtype=np.float32)
    return out


def similarities(x: Member, members: list[Member], w: LinkWeights) -> np.ndarray:
    """Pair similarity of `x` with each member, in [0, 1]."""
    if not members:
        return np.zeros(0, dtype=np.float32)
    lead = np.maximum(np.stack([m.vec for m in members]).astype(np.float32) @ x.vec.astype(np.float32), 0.0)
    out = w.text * lead + w.lex * lexical(x, members)
    if w.ent:
        ents = entity_overlap(x, members)
        out += w.ent * ents
        # both name who and where, and no name is shared: a different event of the same kind
        conflict = (ents == 0.0) & (len(x.eids) > 0) & np.array([len(m.eids) > 0 for m in members])
        out *= np.where(conflict, w.conflict, 1.0).astype(np.float32)
    out *= signature_factor(x, members, w)
    if x.when is not None:
        out *= np.array([time_factor(x.when, m.when, w) for m in members], dtype=np.float32)
    return out / (w.text + w.lex + w.ent)


def offer(m: Member, other: int, sim: float, k: int) -> tuple[bool, int | None]:
    """Offer `m` a link; (taken, id of the link it gave up for it)."""
    if len(m.links) >= k and sim <= m.links[-1][0]:
        return False, None
    m.links.append((sim, other))
    m.links.sort(key=lambda x: -x[0])
    dropped = m.links.pop()[1] if len(m.links) > k else None
    return True, dropped


def components(members: Iterable[Member]) -> list[list[int]]:
    """Connected groups of the (undirected) link graph among these members, biggest first."""
    ids = {m.id: m for m in members}
    parent = {i: i for i in ids}

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for m in ids.values():
        for _, other in m.links:
            if other in ids:
                parent[find(m.id)] = find(other)
    groups: dict[int, list[int]] = {}
    for i in ids:
        groups.setdefault(find(i), []).append(i)
    return sorted(groups.values(), key=lambda g: (-len(g), min(g)))


def separation(group: list[Member], rest: list[Member], w: LinkWeights) -> tuple[float, float]:
    """(closest pair across the two groups, the weaker group's median link inside itself).
    A chance gap in a cloud of one event's reports has the first near the second; two
    events have it clearly below."""
    cross = max((float(similarities(m, rest, w).max()) for m in group), default=0.0) if rest else 0.0

    def inner(ms: list[Member]) -> float:
        ids = {m.id for m in ms}
        sims = [s for m in ms for s, other in m.links if other in ids]
        return float(np.median(sims)) if sims else 0.0

    return cross, min(inner(group), inner(rest))
