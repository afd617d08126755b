"""`newsdesk cluster`: group documents into stories in memory, without a database."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Iterable

from newsdesk.models import Article, Failure

from .dedupe import choose_canonical
from .engine import Params, StoryEngine


def cluster_articles(articles: list[tuple[str, Article]], embedder: str = "auto",
                     params: Params | None = None) -> list[dict[str, Any]]:
    """(name, Article) pairs -> [{"story", "title", "members", "outlets", "reasons"}], in input order.
    Syndicated copies become one article (all their names are members)."""
    engine = StoryEngine(embedder=embedder, params=params)
    order = sorted(range(len(articles)), key=lambda i: (_ts(articles[i][1]), i))
    copies: dict[int, list[int]] = {}  # canonical index -> copies (itself included)
    for i in order:
        dup = engine.find_duplicate(articles[i][1])
        if dup is not None:
            engine.add_duplicate(dup, articles[i][1])
            copies[dup].append(i)
            continue
        engine.remember(i, articles[i][1])
        copies[i] = [i]
    keys = list(copies)
    vectors = engine.vectors([articles[k][1] for k in keys]) if keys else []
    reasons: dict[int, dict[str, Any]] = {}  # per article
    next_id = 1
    for k, vec in zip(keys, vectors):
        a = engine.assign(k, articles[k][1], vector=vec)
        sid = a.story_id
        if sid is None:
            sid, next_id = next_id, next_id + 1
            engine.confirm(k, sid)
        reasons[k] = {"member": articles[k][0], "score": a.score, "reason": a.reason,
                      "similar": [articles[x][0] for x, _ in a.similar_articles], "shared_entities": a.shared_entities}
        for split in engine.take_splits():  # another event after all: a new story, the reason kept
            engine.confirm_split(split.into, next_id)
            for x in split.articles:
                reasons[x]["reason"] += f"; then {split.reason}"
            next_id += 1
    engine.take_merges()
    story_of = {k: engine.article_story[k] for k in keys}  # after every merge and split
    out: dict[int, dict[str, Any]] = {}
    for k in keys:
        sid = story_of[k]
        group = copies[k]
        canon = group[choose_canonical([articles[i][1] for i in group])]
        entry = out.setdefault(sid, {"story": sid, "title": articles[canon][1].title or articles[canon][0],
                                     "members": [], "outlets": [], "duplicates": [], "reasons": []})
        entry["members"].extend(articles[i][0] for i in group)
        entry["reasons"].append(reasons[k])
        entry["outlets"].extend(o for i in group if (o := articles[i][1].outlet) and o not in entry["outlets"])
        if len(group) > 1:
            entry["duplicates"].append([articles[i][0] for i in group])
    return sorted(out.values(), key=lambda e: e["story"])


def cluster_paths(paths: Iterable[str | Path], embedder: str = "auto") -> list[dict[str, Any]]:
    """Read, extract and enrich the files (any format the sources accept), then cluster them.
    Documents that fail come back as {"input", "error"} entries after the stories."""
    from newsdesk.extract import extract
    from newsdesk.sources import read_inputs

    named: list[tuple[str, Article]] = []
    failures: list[Failure] = []
    for doc in read_inputs([str(p) for p in paths], None):
        if isinstance(doc, Failure):
            failures.append(doc)
            continue
        try:
            named.append((doc.uri, extract(doc)))
        except Exception as exc:  # noqa: BLE001 - one bad document never stops the batch
            failures.append(Failure(doc.uri, str(exc).splitlines()[0] if str(exc) else type(exc).__name__))
    try:
        from newsdesk.enrich import enrich_many

        enriched = list(enrich_many([a for _, a in named]))
        named = [(n, a) for (n, _), a in zip(named, enriched)]
    except ImportError:  # clustering still works on text alone
        pass
    return cluster_articles(named, embedder=embedder) + [f.to_json() for f in failures]


def _ts(a: Article) -> float:
    return a.published.timestamp() if a.published else float("inf")
