"""StoryEngine <-> bytes: a compact, pickle-free blob (numpy .npz with a JSON header).

Only what the window needs: recent stories' centroid sums, entity counts and a few
exemplar vectors (float16), their recent articles' places in the link graph (lead
vector, top TF-IDF terms, entities, links), and MinHash signatures of recent
articles. The LSH and the inverted index are rebuilt on load. A blob of an older
format is read for its copies and IDF only: stories are derived data and restart.
"""

from __future__ import annotations

import io
import json
from collections import Counter
from typing import TYPE_CHECKING

import numpy as np

from .dedupe import DupEntry

if TYPE_CHECKING:
    from .engine import StoryEngine

FORMAT = 2


def dump_engine(engine: "StoryEngine") -> bytes:
    # no eviction here: saving is timed by the wall clock, and an engine that aged out its old
    # stories whenever a save fell would assign the same input differently run to run (the
    # engine ages out every 256 articles; load() ages out what the blob carries past the window)
    stories = list(engine.stories.values())
    dim = engine._mat.shape[1] if engine._mat.size else 0
    members = [engine.members[a] for s in stories for a in s.members]
    header = {
        "format": FORMAT,
        "embedder": engine.embedder_name,
        "dim": dim,
        "clock": engine.clock,
        "stories": [
            {"id": s.id, "n": s.n, "first": s.first, "last": s.last, "seen": s.seen, "title": s.title,
             "entities": dict(s.entities), "outlets": dict(s.outlets), "exemplars": [a for a, _ in s.exemplars], "members": s.members}
            for s in stories
        ],
        "members": [[m.id, m.story, m.when, m.ents, m.links, len(m.tids), sorted(m.years), sorted(m.places)]
                    for m in members],
        "lex": {"docs": engine.lex.docs, "df": dict(engine.lex.df)},
        "dups": [[e.article_id, e.when, e.size] for e in engine.dups.entries.values()],
        "article_story": [[a, s] for a, s in engine.article_story.items()],
    }
    ex = [v for s in stories for _, v in s.exemplars]
    arrays = {
        "header": np.frombuffer(json.dumps(header).encode(), dtype=np.uint8),
        "vec_sum": np.array([s.vec_sum for s in stories], dtype=np.float32).reshape(len(stories), dim),
        "exemplars": np.array(ex, dtype=np.float16).reshape(len(ex), dim),
        "member_vecs": np.array([m.vec for m in members], dtype=np.float16).reshape(len(members), dim),
        "member_tids": np.concatenate([m.tids for m in members] or [np.zeros(0, np.int64)]),
        "member_tw": np.concatenate([m.tw for m in members] or [np.zeros(0, np.float32)]),
        "sigs": np.array([engine.dups.sigs[e.article_id] for e in engine.dups.entries.values()], dtype=np.uint32),
    }
    buf = io.BytesIO()
    np.savez_compressed(buf, **arrays)
    return buf.getvalue()


def load_engine(engine: "StoryEngine", blob: bytes) -> None:
    from .engine import StoryState

    try:
        data = np.load(io.BytesIO(blob), allow_pickle=False)
        header = json.loads(bytes(data["header"]).decode())
    except Exception as exc:  # noqa: BLE001 - a damaged blob is reported, not half-loaded
        raise ValueError(f"story engine state: unreadable blob ({exc})") from exc
    if header.get("format") not in (1, FORMAT):
        raise ValueError(f"story engine state: unknown format {header.get('format')!r}")
    engine.clock = float(header["clock"])
    for (aid, when, size), sig in zip(header["dups"], data["sigs"]):
        engine.dups.add(int(aid), (sig.astype(np.uint32), int(size)), float(when))
    engine.lex.docs = float(header["lex"]["docs"])
    engine.lex.df = Counter(header["lex"]["df"])
    engine.article_story = {int(a): int(s) for a, s in header["article_story"]}
    # vectors from another embedder (model installed or removed since) cannot be compared: stories restart
    if header["format"] != FORMAT or (header["stories"] and header["embedder"] != engine.embedder_name):
        engine.article_story = {}
        return
    vec_sum, exemplars, pos = data["vec_sum"], data["exemplars"], 0
    for row, s in enumerate(header["stories"]):
        story = StoryState(
            id=int(s["id"]), slot=engine._alloc_slot(int(s["id"]), int(header["dim"])), vec_sum=vec_sum[row].copy(),
            n=int(s["n"]), first=s["first"], last=s["last"], seen=float(s["seen"]), title=s["title"],
            entities=Counter(s["entities"]), outlets=Counter(s["outlets"]), members=[int(a) for a in s["members"]],
        )
        for aid in s["exemplars"]:
            story.exemplars.append((int(aid), exemplars[pos].copy()))
            pos += 1
        engine.stories[story.id] = story
        for key in story.entities:
            engine.df[key] += 1
            engine.entity_index.setdefault(key, {})[story.id] = None
        engine._mat[story.slot] = story.vec_sum / max(float(np.linalg.norm(story.vec_sum)), 1e-9)
    _load_members(engine, header, data)  # after the stories: entity rarity needs their counts


def _load_members(engine: "StoryEngine", header: dict, data: "np.lib.npyio.NpzFile") -> None:
    from .links import Member, entity_ids

    vecs, tids, tw, pos = data["member_vecs"], data["member_tids"], data["member_tw"], 0
    for row, (aid, story, when, ents, links, n, *sig) in enumerate(header["members"]):
        years, places = sig if sig else ([], [])  # blobs written before the event signature have none
        engine.members[int(aid)] = Member(
            id=int(aid), story=int(story), vec=vecs[row].copy(), tids=tids[pos : pos + n].copy(),
            tw=tw[pos : pos + n].copy(), ents=dict(ents), when=when, links=[(float(s), int(a)) for s, a in links],
            years=frozenset(int(y) for y in years), places=frozenset(places))
        engine.members[int(aid)].eids, engine.members[int(aid)].ew = entity_ids(ents, engine._idf)
        pos += n
