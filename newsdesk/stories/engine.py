"""Online story clustering: each new article joins the best recent story or starts one.

Per-article cost is bounded by the time window, not by the store: only stories seen
in the last `window_days` (by article date) stay candidates. Candidates come from a
dense matrix of recent story centroids (top-k by cosine) and an inverted index of
canonical entities; each is scored on text similarity (centroid and the story's
most recent articles), shared entities weighted by rarity, and time proximity with
decay. The engine keeps compact per-story state only (centroid sum, entity counts,
a few exemplar vectors), never whole articles.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from newsdesk.models import Article, Assignment

from .dedupe import DuplicateIndex, signature
from .embed import Embedder, get_embedder, model_files
from .features import ArticleFeatures, features_of, lead_text
from .lexical import LexicalIndex, merge_profile

DAY = 86400.0


@dataclass
class Params:
    """One global setting for every topic (tuned on ECB+ dev, never per topic)."""

    window_days: float = 10.0
    top_k: int = 24  # centroid neighbours looked at
    exemplars: int = 6  # recent article vectors kept per story
    w_text: float = 0.5  # lead embedding (centroid cosine): what kind of event
    w_lex: float = 1.0  # whole-text TF-IDF: which event (names, numbers, dates)
    w_ent: float = 0.0  # shared canonical entities: candidates and reasons; extra score weight hurt on ECB+ dev
    threshold: float | None = None  # None: the calibrated default for the embedder in use
    time_tau_days: float = 3.0
    time_grace_days: float = 1.0
    merge_threshold: float | None = None  # two stories this close (after an article bridged them) merge
    max_postings: int = 64  # an entity in more recent stories than this is too common to be evidence
    entity_candidates: int = 8  # most recent stories taken per shared entity


# Cosines of MiniLM and of hashed words live on different scales: one calibrated bar each
THRESHOLDS = {"minilm": 0.55, "hashing": 0.35}
MERGE_THRESHOLDS = {"minilm": 0.85, "hashing": 0.6}


@dataclass
class StoryState:
    id: int
    slot: int
    vec_sum: np.ndarray
    n: int
    first: float | None
    last: float | None
    seen: float  # engine clock when last touched: what ages the story out
    entities: Counter = field(default_factory=Counter)
    outlets: Counter = field(default_factory=Counter)
    exemplars: list[tuple[int, np.ndarray]] = field(default_factory=list)
    title: str = ""
    profile: dict[str, float] = field(default_factory=dict)  # top TF-IDF terms
    profile_norm: float = 0.0  # with the IDF of when the story last changed


@dataclass
class Candidate:
    story: StoryState
    score: float
    text: float
    lex: float
    ent: float
    decay: float
    shared: list[str]
    similar: list[tuple[int, float]]


class StoryEngine:
    def __init__(self, config: Any = None, embedder: str | Embedder = "auto", params: Params | None = None) -> None:
        self.config = config
        self.params = params or Params()
        self._embedder_spec = embedder
        self._embedder: Embedder | None = embedder if not isinstance(embedder, str) else None
        self.stories: dict[int, StoryState] = {}
        self.entity_index: dict[str, dict[int, None]] = {}  # key -> story ids (insertion ordered)
        self.df: Counter = Counter()  # stories per entity key, for rarity weights
        self.dups = DuplicateIndex()
        self.lex = LexicalIndex()
        self.article_story: dict[int, int] = {}  # recent article -> story
        self.clock: float = 0.0  # latest article time seen
        self.merges: list[tuple[int, int]] = []  # (from, into) not yet applied by the caller
        self._pending: dict[int, ArticleFeatures] = {}
        self._sig_cache: tuple[int, Any] | None = None
        self._mat = np.zeros((0, 0), dtype=np.float32)
        self._slot_story: list[int | None] = []
        self._free: list[int] = []
        self._since_evict = 0

    # ------------------------------------------------------------------ embedder
    @property
    def embedder(self) -> Embedder:
        if self._embedder is None:
            self._embedder = get_embedder(self._embedder_spec if isinstance(self._embedder_spec, str) else "auto")
        return self._embedder

    @property
    def embedder_name(self) -> str:
        """Which vectors this engine compares, without loading the model to find out."""
        if self._embedder is not None:
            return self._embedder.name
        if self._embedder_spec == "hashing" or model_files() is None:
            return "hashing"
        return "minilm"

    def vectors(self, articles: list[Article]) -> np.ndarray:
        """Batch-embed title + lead (faster than one by one); pass rows to assign(vector=...)."""
        return self.embedder.embed([lead_text(a) for a in articles])

    # ------------------------------------------------------------------ syndication
    def _signature(self, article: Article) -> Any:
        if self._sig_cache is not None and self._sig_cache[0] == id(article):
            return self._sig_cache[1]
        sig = signature(article.text or "")
        self._sig_cache = (id(article), sig)
        return sig

    def find_duplicate(self, article: Article) -> int | None:
        """Article id of a recent near-copy (same wire text, small edits), or None."""
        hit = self.dups.find(self._signature(article))
        return hit[0] if hit else None

    def remember(self, article_id: int, article: Article) -> None:
        """Make the article findable by find_duplicate (assign does this too)."""
        when = features_of(article, np.zeros(1, dtype=np.float32)).when
        self.dups.add(article_id, self._signature(article), when if when is not None else self.clock)

    def add_duplicate(self, article_id: int, article: Article) -> bool:
        """Record a syndicated copy of `article_id`; True when the copy is the better
        canonical version (earlier, or clearly more complete) than the one kept."""
        feats = features_of(article, np.zeros(1, dtype=np.float32))
        story_id = self.article_story.get(article_id)
        if story_id in self.stories and feats.outlet:
            self.stories[story_id].outlets[feats.outlet] += 1
        entry = self.dups.entries.get(article_id)
        sig = self._signature(article)
        if entry is None or sig is None:
            return False
        earlier = feats.when is not None and feats.when < entry.when
        return earlier or sig[1] > 1.3 * entry.size

    # ------------------------------------------------------------------ assignment
    def assign(self, article_id: int, article: Article, vector: np.ndarray | None = None) -> Assignment:
        if vector is None:
            vector = self.vectors([article])[0]
        feats = features_of(article, vector)
        when = feats.when if feats.when is not None else self.clock or None
        self._tick(when)
        self.dups.add(article_id, self._signature(article), when if when is not None else 0.0)
        cands = self._candidates(feats)
        self.lex.add(feats.terms)
        best = cands[0] if cands else None
        threshold = self._threshold()
        if best is None or best.score < threshold:
            self._pending[article_id] = feats
            return Assignment(
                story_id=None, score=round(best.score, 4) if best else 0.0, new_story=True,
                similar_articles=best.similar if best else [], shared_entities=best.shared if best else [],
                reason=_reason_new(best),
            )
        story = best.story
        self._add_to_story(story, article_id, feats)
        for other in cands[1:]:
            if other.score >= threshold and self._should_merge(story, other.story):
                story = self._merge(other.story, story)
        return Assignment(
            story_id=story.id, score=round(best.score, 4), new_story=False,
            similar_articles=best.similar, shared_entities=best.shared, reason=_reason_join(best),
        )

    def confirm(self, article_id: int, story_id: int) -> None:
        """The caller created story `story_id` for an article assign() said starts one."""
        feats = self._pending.pop(article_id, None)
        if feats is None:
            return
        if story_id in self.stories:
            self._add_to_story(self.stories[story_id], article_id, feats)
            return
        story = StoryState(
            id=story_id, slot=self._alloc_slot(story_id, feats.vector.shape[0]), vec_sum=np.zeros_like(feats.vector),
            n=0, first=None, last=None, seen=self.clock, title=feats.title,
        )
        self.stories[story_id] = story
        self._add_to_story(story, article_id, feats)

    def take_merges(self) -> list[tuple[int, int]]:
        """(merged story, surviving story) pairs since the last call: the caller moves the articles."""
        out, self.merges = self.merges, []
        return out

    # ------------------------------------------------------------------ scoring
    def _candidates(self, feats: ArticleFeatures) -> list[Candidate]:
        ids: dict[int, None] = {}
        if self.stories:
            # einsum stays on one thread: BLAS threads cost more than they save on a mat-vec this size
            sims = np.einsum("ij,j->i", self._mat, feats.vector)
            k = min(self.params.top_k, len(sims))
            top = np.argpartition(-sims, k - 1)[:k]
            for slot in top[np.argsort(-sims[top])]:
                sid = self._slot_story[int(slot)]
                if sid is not None:
                    ids[sid] = None
        for key in feats.entities:
            postings = self.entity_index.get(key)
            if postings and self.df[key] <= self.params.max_postings:  # rare enough to be evidence
                for sid in list(postings)[-self.params.entity_candidates :]:  # the most recent stories
                    ids[sid] = None
        weighted = self.lex.weigh(feats.terms)
        cands = [self._score(self.stories[sid], feats, weighted) for sid in ids if sid in self.stories]
        cands.sort(key=lambda c: (-c.score, c.story.id))
        return cands

    def _idf(self, key: str) -> float:
        return math.log(1.0 + (len(self.stories) + 1) / (1.0 + self.df[key]))

    def _score(self, story: StoryState, feats: ArticleFeatures, weighted: tuple[dict[str, float], float]) -> Candidate:
        p = self.params
        centroid = story.vec_sum / max(float(np.linalg.norm(story.vec_sum)), 1e-9)
        c_sim = float(centroid @ feats.vector)
        similar = sorted(((aid, float(v.astype(np.float32) @ feats.vector)) for aid, v in story.exemplars),
                         key=lambda x: -x[1])
        text = c_sim
        lex = self.lex.cosine(weighted, story.profile, story.profile_norm)
        shared = [k for k in feats.entities if k in story.entities]
        total = sum(self._idf(k) * min(w, 3.0) for k, w in feats.entities.items())
        got = sum(self._idf(k) * min(feats.entities[k], 3.0) for k in shared)
        ent = got / total if total else 0.0
        decay = self._decay(story, feats.when)
        score = (p.w_text * text + p.w_lex * lex + p.w_ent * ent) * decay
        shared.sort(key=lambda k: -self._idf(k))
        return Candidate(story, score, text, lex, ent, decay, [feats.names.get(k, k) for k in shared[:8]],
                         [(a, round(s, 4)) for a, s in similar[:3]])

    def _decay(self, story: StoryState, when: float | None) -> float:
        if when is None or story.first is None or story.last is None:
            return 1.0
        gap = max(story.first - when, when - story.last, 0.0) / DAY
        over = max(gap - self.params.time_grace_days, 0.0)
        return 0.5 + 0.5 * math.exp(-over / self.params.time_tau_days)

    def _should_merge(self, a: StoryState, b: StoryState) -> bool:
        ca = a.vec_sum / max(float(np.linalg.norm(a.vec_sum)), 1e-9)
        cb = b.vec_sum / max(float(np.linalg.norm(b.vec_sum)), 1e-9)
        bar = self.params.merge_threshold
        return float(ca @ cb) >= (MERGE_THRESHOLDS.get(self.embedder_name, 0.85) if bar is None else bar)

    def _threshold(self) -> float:
        bar = self.params.threshold
        return THRESHOLDS.get(self.embedder_name, 0.6) if bar is None else bar

    # ------------------------------------------------------------------ state updates
    def _add_to_story(self, story: StoryState, article_id: int, feats: ArticleFeatures) -> None:
        story.vec_sum = story.vec_sum + feats.vector
        story.n += 1
        if feats.when is not None:
            story.first = feats.when if story.first is None else min(story.first, feats.when)
            story.last = feats.when if story.last is None else max(story.last, feats.when)
        story.seen = max(story.seen, self.clock)
        for key, w in feats.entities.items():
            if key not in story.entities:
                self.df[key] += 1
                self.entity_index.setdefault(key, {})[story.id] = None
            story.entities[key] += w
        if feats.outlet:
            story.outlets[feats.outlet] += 1
        story.profile = merge_profile(story.profile, feats.terms, self.lex)
        story.profile_norm = self.lex.norm(story.profile)
        story.exemplars.append((article_id, feats.vector.astype(np.float16)))
        del story.exemplars[: -self.params.exemplars]
        self.article_story[article_id] = story.id
        self._mat[story.slot] = story.vec_sum / max(float(np.linalg.norm(story.vec_sum)), 1e-9)

    def _merge(self, src: StoryState, dst: StoryState) -> StoryState:
        if src.n > dst.n:  # the bigger story survives
            src, dst = dst, src
        dst.vec_sum = dst.vec_sum + src.vec_sum
        dst.n += src.n
        firsts = [t for t in (src.first, dst.first) if t is not None]
        lasts = [t for t in (src.last, dst.last) if t is not None]
        dst.first, dst.last = (min(firsts) if firsts else None), (max(lasts) if lasts else None)
        for key, w in src.entities.items():
            if key in dst.entities:
                self.df[key] -= 1
            else:
                self.entity_index.setdefault(key, {})[dst.id] = None
            dst.entities[key] += w
            self.entity_index.get(key, {}).pop(src.id, None)
        dst.outlets.update(src.outlets)
        dst.profile = merge_profile(dst.profile, src.profile, self.lex)
        dst.profile_norm = self.lex.norm(dst.profile)
        dst.exemplars = (dst.exemplars + src.exemplars)[-self.params.exemplars :]
        for aid, sid in list(self.article_story.items()):
            if sid == src.id:
                self.article_story[aid] = dst.id
        self._drop_story(src, keep_entities=True)
        self._mat[dst.slot] = dst.vec_sum / max(float(np.linalg.norm(dst.vec_sum)), 1e-9)
        self.merges.append((src.id, dst.id))
        return dst

    def _alloc_slot(self, story_id: int, dim: int) -> int:
        if self._mat.shape[1] != dim:
            self._mat = np.zeros((max(self._mat.shape[0], 64), dim), dtype=np.float32)
            self._slot_story = [None] * self._mat.shape[0]
            self._free = list(range(self._mat.shape[0] - 1, -1, -1))
        if not self._free:
            old = self._mat.shape[0]
            self._mat = np.vstack([self._mat, np.zeros((old, dim), dtype=np.float32)])
            self._slot_story.extend([None] * old)
            self._free = list(range(2 * old - 1, old - 1, -1))
        slot = self._free.pop()
        self._slot_story[slot] = story_id
        return slot

    def _drop_story(self, story: StoryState, keep_entities: bool = False) -> None:
        self.stories.pop(story.id, None)
        self._mat[story.slot] = 0.0
        self._slot_story[story.slot] = None
        self._free.append(story.slot)
        if not keep_entities:
            for key in story.entities:
                self.df[key] -= 1
                postings = self.entity_index.get(key)
                if postings is not None:
                    postings.pop(story.id, None)
                    if not postings:
                        del self.entity_index[key]
                if self.df[key] <= 0:
                    del self.df[key]

    def _tick(self, when: float | None) -> None:
        """Advance the clock; now and then age out stories and copies older than the window."""
        if when is not None and when > self.clock:
            self.clock = when
        self._since_evict += 1
        if self._since_evict >= 256:
            self.evict()

    def evict(self) -> None:
        self._since_evict = 0
        cutoff = self.clock - self.params.window_days * DAY
        for story in [s for s in self.stories.values() if max(s.seen, s.last or 0.0) < cutoff]:
            self._drop_story(story)
        self.dups.evict_before(cutoff)
        gone = [aid for aid, sid in self.article_story.items() if sid not in self.stories and aid not in self.dups.entries]
        for aid in gone:
            del self.article_story[aid]

    # ------------------------------------------------------------------ persistence
    def dump(self) -> bytes:
        from .state import dump_engine

        return dump_engine(self)

    @classmethod
    def load(cls, blob: bytes | None, config: Any = None, embedder: str | Embedder = "auto",
             params: Params | None = None) -> "StoryEngine":
        engine = cls(config, embedder=embedder, params=params)
        if blob:
            from .state import load_engine

            load_engine(engine, blob)
        return engine


def _reason_new(best: Candidate | None) -> str:
    if best is None:
        return "new story: no recent story to compare with"
    return (f"new story: closest story {best.story.id} scored {best.score:.2f} "
            f"(lead {best.text:.2f}, words {best.lex:.2f}, entities {best.ent:.2f})")


def _reason_join(c: Candidate) -> str:
    parts = [f"lead {c.text:.2f}", f"words {c.lex:.2f}"]
    if c.shared:
        parts.append("shared entities " + ", ".join(c.shared[:5]))
    if c.decay < 1.0:
        parts.append(f"time factor {c.decay:.2f}")
    return f"joined story {c.story.id} with score {c.score:.2f}: " + "; ".join(parts)
