"""Online story clustering: each new article joins the best recent story or starts one.

Per-article cost is bounded by the time window, not by the store: only stories seen
in the last `window_days` (by article date) stay candidates. Candidate stories come
from a dense matrix of recent story centroids (top-k by cosine) and an inverted index
of canonical entities. The article is then compared with the recent articles of those
stories (links.py: lead embedding, whole-text TF-IDF, rare shared entities, time gap)
and joins the story of its nearest links; links that bridge two stories merge them,
and a story whose link graph falls apart into separate groups splits. The engine keeps
compact per-article state for the last `max_members` articles of each live story only.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from newsdesk.models import Article, Assignment

from .dedupe import DuplicateIndex, signature
from .embed import Embedder, get_embedder, model_files, profile_embedder
from .features import ArticleFeatures, features_of, lead_text
from .lexical import LexicalIndex
from .links import LinkWeights, Member, components, member_of, offer, separation, similarities
from .reasons import reason_join, reason_new, reason_split

DAY = 86400.0


@dataclass
class Params:
    """One global setting for every topic (tuned on ECB+ dev, never per topic)."""

    window_days: float = 10.0
    top_k: int = 24  # centroid neighbours looked at
    exemplars: int = 6  # recent article vectors kept per story
    w_text: float = 1.0  # lead embedding: what kind of event
    w_lex: float = 1.0  # whole-text TF-IDF: which event (names, numbers, dates)
    w_ent: float = 1.0  # shared canonical entities weighted by rarity: who and where
    threshold: float | None = None  # link bar; None: the calibrated default for the embedder in use
    conflict: float = 1.0  # pair similarity kept when both articles name entities and share none
    year_conflict: float | None = None  # ... when both name years outright and share none; None: per embedder
    place_conflict: float = 1.0  # ... when both name places and share none
    k_links: int = 2  # links kept per article (k of the nearest-neighbour graph)
    max_members: int = 48  # recent articles per story compared with a new one
    split: bool = True  # a story whose link graph falls apart splits...
    split_ratio: float = 0.9  # ...when no pair across the gap is closer than this share of the groups' own links
    time_tau_days: float = 3.0
    time_grace_days: float = 1.0
    max_postings: int = 64  # an entity in more recent stories than this is too common to be evidence
    entity_candidates: int = 8  # most recent stories taken per shared entity


# Lead cosines of MiniLM and of hashed words live on different scales: one calibrated link bar each
THRESHOLDS = {"minilm": 0.25, "hashing": 0.15}
# Naming only different years is a sign of two events: it helps hashed words on both halves of
# ECB+ dev (odd/even topics), and changes nothing measurable for MiniLM, which keeps it off
YEAR_CONFLICT = {"minilm": 1.0, "hashing": 0.9}


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
    members: list[int] = field(default_factory=list)  # recent article ids with a link-graph Member


@dataclass
class Split:
    """Articles a story gave up because its link graph fell apart; `into` is provisional
    (negative) until the caller gives the new story its id with confirm_split()."""

    story: int
    into: int
    articles: list[int]
    reason: str


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
        self.splits: list[Split] = []  # not yet applied by the caller
        self.members: dict[int, Member] = {}  # recent article id -> its place in the link graph
        self._pending: dict[int, tuple[ArticleFeatures, Member]] = {}
        self._next_split = -1
        self._sig_cache: tuple[int, Any] | None = None
        self._files_name: str | None = None  # embedder_name without a model: whether its files exist
        self._mat = np.zeros((0, 0), dtype=np.float32)
        self._slot_story: list[int | None] = []
        self._free: list[int] = []
        self._since_evict = 0

    # ------------------------------------------------------------------ embedder
    @property
    def embedder(self) -> Embedder:
        if self._embedder is None:
            kind = self._embedder_spec if isinstance(self._embedder_spec, str) else "auto"
            enrich = getattr(self.config, "enrich", None)
            if enrich is not None and getattr(enrich, "profile", "quality") != "quality" and kind != "hashing":
                # the fast profile's int8 MiniLM: the same kind of vectors as the workers make
                self._embedder = profile_embedder(enrich.profile, self.config.data_dir, kind)
            else:
                self._embedder = get_embedder(kind)
        return self._embedder

    @property
    def embedder_name(self) -> str:
        """Which vectors this engine compares, without loading the model to find out."""
        if self._embedder is not None:
            return self._embedder.name
        if self._embedder_spec == "hashing":
            return "hashing"
        if self._files_name is None:  # asked once per stored article: find_spec each time cost ~2 ms
            self._files_name = "hashing" if model_files() is None else "minilm"
        return self._files_name

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
        me = member_of(article_id, 0, feats.vector, self.lex.weigh(feats.terms), feats.entities, feats.when, self._idf,
                       feats.years, feats.places)
        self.lex.add(feats.terms)
        pool = [self.members[a] for sid in self._candidates(feats) for a in self.stories[sid].members]
        sims = similarities(me, pool, self._weights())
        order = np.argsort(-sims, kind="stable")
        bar = self._threshold()
        me.links = [(round(float(sims[i]), 4), pool[i].id) for i in order[: self.params.k_links] if sims[i] >= bar]
        if not me.links:
            self._pending[article_id] = (feats, me)
            best = (pool[order[0]], float(sims[order[0]])) if len(pool) else None
            return Assignment(story_id=None, score=round(best[1], 4) if best else 0.0, new_story=True,
                              similar_articles=[(best[0].id, round(best[1], 4))] if best else [],
                              reason=reason_new(best))
        story = self.stories[self.members[me.links[0][1]].story]
        self._add_to_story(story, article_id, feats, me)
        shared = self._shared(feats, story)
        loose: set[int] = set()
        for i in order:  # the article becomes a nearer neighbour of older ones: they relink
            if sims[i] < bar:
                break
            taken, dropped = offer(pool[i], article_id, round(float(sims[i]), 4), self.params.k_links)
            if dropped is not None:
                loose.add(pool[i].story)
            if (taken or i in order[: self.params.k_links]) and pool[i].story != story.id:
                story = self._merge(self.stories[pool[i].story], story)
        if self.params.split:
            for sid in loose | {story.id}:
                self._check_split(sid, keep=article_id)
        story_id = self.article_story[article_id]
        return Assignment(story_id=story_id, score=me.links[0][0], new_story=False,
                          similar_articles=list((a, s) for s, a in me.links), shared_entities=shared,
                          reason=reason_join(me, story_id, shared))

    def confirm(self, article_id: int, story_id: int) -> None:
        """The caller created story `story_id` for an article assign() said starts one."""
        pending = self._pending.pop(article_id, None)
        if pending is None:
            return
        feats, me = pending
        if story_id not in self.stories:
            self.stories[story_id] = StoryState(
                id=story_id, slot=self._alloc_slot(story_id, feats.vector.shape[0]),
                vec_sum=np.zeros_like(feats.vector), n=0, first=None, last=None, seen=self.clock, title=feats.title)
        self._add_to_story(self.stories[story_id], article_id, feats, me)

    def forget_stories(self, story_ids: set[int]) -> None:
        """Drop stories the store no longer has (merged away after this state was saved):
        their articles leave the link graph, later reports start or join other stories."""
        for story_id in story_ids:
            story = self.stories.get(story_id)
            if story is not None:
                self._drop_story(story)
        for aid in [aid for aid, sid in self.article_story.items() if sid in story_ids]:
            del self.article_story[aid]

    def take_merges(self) -> list[tuple[int, int]]:
        """(merged story, surviving story) pairs since the last call: the caller moves the articles."""
        out, self.merges = self.merges, []
        return out

    def take_splits(self) -> list[Split]:
        """Splits since the last call: the caller moves `articles` out of `story` into a new story
        and calls confirm_split(split.into, new_id)."""
        out, self.splits = self.splits, []
        return out

    def confirm_split(self, provisional: int, story_id: int) -> None:
        story = self.stories.pop(provisional, None)
        if story is None:
            return
        story.id = story_id
        self.stories[story_id] = story
        self._slot_story[story.slot] = story_id
        for key in story.entities:
            postings = self.entity_index.setdefault(key, {})
            postings.pop(provisional, None)
            postings[story_id] = None
        for aid in story.members:
            self.members[aid].story = story_id
        for aid, sid in self.article_story.items():
            if sid == provisional:
                self.article_story[aid] = story_id

    # ------------------------------------------------------------------ scoring
    def _candidates(self, feats: ArticleFeatures) -> list[int]:
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
        return [sid for sid in ids if sid in self.stories]

    def _idf(self, key: str) -> float:
        return math.log(1.0 + (len(self.stories) + 1) / (1.0 + self.df[key]))

    def _shared(self, feats: ArticleFeatures, story: StoryState) -> list[str]:
        shared = sorted((k for k in feats.entities if k in story.entities), key=lambda k: -self._idf(k))
        return [feats.names.get(k, k) for k in shared[:8]]

    def _weights(self) -> LinkWeights:
        p = self.params
        years = YEAR_CONFLICT.get(self.embedder_name, 1.0) if p.year_conflict is None else p.year_conflict
        return LinkWeights(p.w_text, p.w_lex, p.w_ent, p.time_tau_days, p.time_grace_days, p.conflict,
                           years, p.place_conflict)

    def _threshold(self) -> float:
        bar = self.params.threshold
        return THRESHOLDS.get(self.embedder_name, 0.3) if bar is None else bar

    # ------------------------------------------------------------------ state updates
    def _add_to_story(self, story: StoryState, article_id: int, feats: ArticleFeatures, me: Member) -> None:
        story.vec_sum = story.vec_sum + feats.vector
        story.n += 1
        if feats.when is not None:
            story.first = feats.when if story.first is None else min(story.first, feats.when)
            story.last = feats.when if story.last is None else max(story.last, feats.when)
        story.seen = max(story.seen, self.clock)
        self._add_entities(story, feats.entities)
        if feats.outlet:
            story.outlets[feats.outlet] += 1
        story.exemplars.append((article_id, feats.vector.astype(np.float16)))
        del story.exemplars[: -self.params.exemplars]
        me.story = story.id
        self.members[article_id] = me
        story.members.append(article_id)
        for old in story.members[: -self.params.max_members]:  # older articles keep their story, not a place in the graph
            self.members.pop(old, None)
        del story.members[: -self.params.max_members]
        self.article_story[article_id] = story.id
        self._mat[story.slot] = story.vec_sum / max(float(np.linalg.norm(story.vec_sum)), 1e-9)

    def _add_entities(self, story: StoryState, entities: dict[str, float]) -> None:
        for key, w in entities.items():
            if key not in story.entities:
                self.df[key] += 1
                self.entity_index.setdefault(key, {})[story.id] = None
            story.entities[key] += w

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
        dst.exemplars = (dst.exemplars + src.exemplars)[-self.params.exemplars :]
        for aid in src.members:
            self.members[aid].story = dst.id
        members = dst.members + src.members
        for old in members[: -self.params.max_members]:
            self.members.pop(old, None)
        dst.members = members[-self.params.max_members :]
        for aid, sid in list(self.article_story.items()):
            if sid == src.id:
                self.article_story[aid] = dst.id
        self._drop_story(src, keep_entities=True)
        self._mat[dst.slot] = dst.vec_sum / max(float(np.linalg.norm(dst.vec_sum)), 1e-9)
        self.merges.append((src.id, dst.id))
        return dst

    def _check_split(self, story_id: int, keep: int) -> None:
        """Split off every group of the story's link graph that no link joins to the group
        holding `keep` (the new article: its assignment stays true) or else the biggest."""
        story = self.stories.get(story_id)
        if story is None or len(story.members) < 4:
            return
        groups = components(self.members[a] for a in story.members)
        if len(groups) < 2:
            return
        main = next((g for g in groups if keep in g), groups[0])
        for group in groups:
            if group is main or len(group) < 2:  # a lone article whose links aged out stays put
                continue
            inside = set(group)
            cross, inner = separation([self.members[a] for a in group],
                                      [self.members[a] for a in story.members if a not in inside], self._weights())
            if cross < self.params.split_ratio * inner:
                self._split_off(story, group)

    def _split_off(self, story: StoryState, group: list[int]) -> None:
        moved = [self.members[a] for a in group]
        vec_sum = np.sum([m.vec.astype(np.float32) for m in moved], axis=0)
        new = StoryState(id=self._next_split, slot=self._alloc_slot(self._next_split, vec_sum.shape[0]),
                         vec_sum=vec_sum, n=len(group), first=None, last=None, seen=story.seen, title=story.title)
        self._next_split -= 1
        times = [m.when for m in moved if m.when is not None]
        new.first, new.last = (min(times), max(times)) if times else (None, None)
        self.stories[new.id] = new
        story.vec_sum = story.vec_sum - vec_sum
        story.n -= len(group)
        gone = set(group)
        story.members = [a for a in story.members if a not in gone]
        story.exemplars = [(a, v) for a, v in story.exemplars if a not in gone]
        new.exemplars = [(m.id, m.vec) for m in moved][-self.params.exemplars :]
        for m in moved:
            for key, w in m.ents.items():
                story.entities[key] -= w
            self._add_entities(new, m.ents)
            m.story = new.id
            new.members.append(m.id)
            self.article_story[m.id] = new.id
        for key in [k for k, w in story.entities.items() if w <= 0]:
            del story.entities[key]
            self.df[key] -= 1
            self.entity_index.get(key, {}).pop(story.id, None)
        for s in (story, new):
            self._mat[s.slot] = s.vec_sum / max(float(np.linalg.norm(s.vec_sum)), 1e-9)
        self.splits.append(Split(story.id, new.id, sorted(group), reason_split(story.id, group, moved)))

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
        if not keep_entities:  # aged out: its articles leave the link graph too
            for aid in story.members:
                self.members.pop(aid, None)
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
            engine.evict()  # the blob may carry stories past the window (a save never evicts)
        return engine
