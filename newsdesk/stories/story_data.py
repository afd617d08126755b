"""Story pages: title, timeline, quotes by speaker, entities and a cited four-part brief.

Offline and extractive: every sentence in the brief is a sentence of an article
(or a quote with its speaker), and cites the article ids it came from. Articles may
lack entities, quotes or events; each part degrades to what the text alone gives.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any, Iterable

from newsdesk.models import Article

from .features import ENTITY_TYPES
from .text import content_words, jaccard, sentences, similar_sets

SAME_EVENT = 0.3  # word overlap at which two same-day event sentences are one event
SAME_SENTENCE = 0.5  # overlap at which two outlets' sentences say the same thing
FUTURE = re.compile(
    r"\b(will|is expected to|are expected to|plans? to|is set to|are set to|is due to|are due to|"
    r"scheduled|next (?:week|month|year|monday|tuesday|wednesday|thursday|friday|saturday|sunday)|"
    r"later this (?:week|month|year)|upcoming|deadline)\b", re.I)
WHY = re.compile(r"\b(first|largest|biggest|major|significant|could|would|threat|crisis|since|record|"
                 r"historic|key|because|amid|after)\b", re.I)


@dataclass
class Item:
    id: int
    article: Article
    # every outlet that carried this text: the wire copies folded into it count as coverage
    outlets: list[str] = field(default_factory=list)


def as_items(articles: Iterable[Any]) -> list[Item]:
    """Accepts StoredArticle-likes (.id, .article), (id, Article) pairs or bare Articles (ids = positions)."""
    items = []
    for pos, a in enumerate(articles):
        if isinstance(a, Article):
            items.append(Item(pos, a))
        elif isinstance(a, tuple):
            items.append(Item(int(a[0]), a[1]))
        else:
            items.append(Item(int(a.id), a.article, [ref.name for ref in getattr(a, "outlets", None) or [] if ref.name]))
    return items


def build_story_data(articles: Iterable[Any]) -> dict[str, Any]:
    items = sorted(as_items(articles), key=lambda it: (_ts(it.article), it.id))
    if not items:
        return {"title": "", "articles": [], "timeline": [], "quotes_by_speaker": [], "entities": [], "brief": {}}
    entities = story_entities(items)
    latest = max((_ts(it.article) for it in items if it.article.published), default=None)
    timeline = merged_timeline(items)
    quotes = quotes_by_speaker(items)
    outlets = list(dict.fromkeys(o for it in items for o in _outlets(it)))
    dates = [it.article.published for it in items if it.article.published]
    return {
        "title": choose_title(items, entities),
        "first_seen": _iso(min(dates)) if dates else None,
        "last_seen": _iso(max(dates)) if dates else None,
        "outlets": outlets,
        "outlet_count": len(outlets),
        "article_count": len(items),
        "articles": [
            {"id": it.id, "title": it.article.title, "outlet": _outlet(it.article), "outlets": _outlets(it),
             "url": it.article.url,
             "published": _iso(it.article.published)}
            for it in items
        ],
        "entities": entities,
        "timeline": timeline,
        "quotes_by_speaker": quotes,
        "brief": brief(items, entities, timeline, quotes, latest),
    }


# ---------------------------------------------------------------------- parts


def story_entities(items: list[Item]) -> list[dict[str, Any]]:
    counts: Counter[str] = Counter()
    in_articles: dict[str, set[int]] = defaultdict(set)
    types: dict[str, str] = {}
    names: dict[str, str] = {}
    for it in items:
        for ent in it.article.entities:
            if ent.type not in ENTITY_TYPES:
                continue
            name = (ent.canonical or ent.name).strip()
            key = name.lower()
            counts[key] += 1
            in_articles[key].add(it.id)
            types.setdefault(key, ent.type)
            names.setdefault(key, name)
    ranked = sorted(counts, key=lambda k: (-len(in_articles[k]), -counts[k], k))
    return [{"name": names[k], "type": types[k], "mentions": counts[k], "articles": sorted(in_articles[k])}
            for k in ranked[:25]]


def choose_title(items: list[Item], entities: list[dict[str, Any]]) -> str:
    """The headline (one of the articles', never invented) that best covers the story:
    most shared words with the other headlines and leads, then the most covered entities."""
    titled = [it for it in items if (it.article.title or "").strip()]
    if not titled:
        return (sentences(items[0].article) or [""])[0][:160]
    top_names = [e["name"].lower() for e in entities[:8]]
    pool = Counter(w for it in items for w in content_words(f"{it.article.title or ''} {it.article.text[:400]}"))

    def score(it: Item) -> tuple:
        title = it.article.title or ""
        ws = content_words(title)
        cover = sum(pool[w] for w in ws) / (len(ws) ** 0.5 or 1)
        ents = sum(1 for n in top_names if n in title.lower())
        return (cover + 2.0 * ents, -_ts(it.article), -it.id)

    return max(titled, key=score).article.title.strip()


def merged_timeline(items: list[Item]) -> list[dict[str, Any]]:
    """Dated events across outlets, one entry per real-world event with all its sources.

    Events on the same date are linked when their sentences share words or two entities;
    linked events (single link, so order does not matter) are one event."""
    evs: list[tuple[Item, Any, set[str], set[str]]] = []
    for it in items:
        for ev in it.article.events or _publication_events(it):
            evs.append((it, ev, content_words(ev.sentence), {e.lower() for e in ev.entities}))
    parent = list(range(len(evs)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    links = [0] * len(evs)
    same_date: dict[str, list[int]] = defaultdict(list)  # only events of one date are compared
    for i, (_, ev, _, _) in enumerate(evs):
        same_date[ev.date].append(i)
    for group in same_date.values():
        for n, i in enumerate(group):
            for j in group[n + 1:]:
                (_, _, wa, ea), (_, _, wb, eb) = evs[i], evs[j]
                if jaccard(wa, wb) >= SAME_EVENT or len(ea & eb) >= 2:
                    parent[root(i)] = root(j)
                    links[i] += 1
                    links[j] += 1
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(evs)):
        groups[root(i)].append(i)
    out = []
    for members in groups.values():
        best = max(members, key=lambda i: (links[i], -i))  # the most-echoed sentence speaks for the event
        sources: list[dict[str, Any]] = []
        for i in members:
            it = evs[i][0]
            if all(src["article"] != it.id for src in sources):
                sources.append({"article": it.id, "outlet": _outlet(it.article)})
        ents = list(dict.fromkeys(e for i in members for e in evs[i][1].entities))
        out.append({"date": evs[best][1].date, "text": evs[best][1].sentence, "sources": sources, "entities": ents})
    out.sort(key=lambda g: (g["date"], -len(g["sources"]), g["text"]))
    return out


def _publication_events(it: Item) -> list:
    """Without extracted events, the article's own report (date + lead sentence) is one."""
    from newsdesk.models import Event

    a = it.article
    sents = sentences(a)
    if not a.published or not sents:
        return []
    return [Event(date=a.published.date().isoformat(), sentence=sents[0], start=0, end=len(sents[0]))]


def quotes_by_speaker(items: list[Item]) -> list[dict[str, Any]]:
    by: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for it in items:
        quotes = list(it.article.quotes)
        for i, q in enumerate(quotes):
            if not q.speaker or len(q.text.split()) < 4:
                continue
            text = q.text.strip()
            same = next((x for x in by[q.speaker] if jaccard(content_words(x["text"]), content_words(text)) >= SAME_SENTENCE), None)
            if same is not None:  # the same quote carried by several outlets
                if it.id not in same["articles"]:
                    same["articles"].append(it.id)
                continue
            by[q.speaker].append({"text": text, "articles": [it.id], "outlet": _outlet(it.article), "cue": q.cue})
    ranked = sorted(by, key=lambda s: (-sum(len(q["articles"]) for q in by[s]), s))
    return [{"speaker": s, "quotes": by[s]} for s in ranked]


# ---------------------------------------------------------------------- brief


def brief(items: list[Item], entities: list[dict[str, Any]], timeline: list[dict[str, Any]],
          quotes: list[dict[str, Any]], latest: float | None) -> dict[str, list[dict[str, Any]]]:
    """Why it matters / What to know / What people are saying / What happens next.
    Each entry: {"text": sentence, "cites": [article ids]}."""
    cands = _candidate_sentences(items)
    used: list[set[str]] = []
    why = _pick(cands, used, 1, prefer=lambda c: c["lead"] * 2 + bool(WHY.search(c["text"])))
    know = _pick(cands, used, 4, prefer=lambda c: 0.0)
    saying = [
        {"text": f"{q['speaker']}: “{quote['text'].rstrip(',;: ')}”", "speaker": q["speaker"], "cites": quote["articles"]}
        for q in quotes[:4] for quote in q["quotes"][:1]
    ]
    nxt = _next(items, timeline, cands, used, latest)
    return {"why_it_matters": why, "what_to_know": know, "what_people_are_saying": saying, "what_happens_next": nxt}


def _candidate_sentences(items: list[Item]) -> list[dict[str, Any]]:
    """Body sentences scored by how central they are (shared words across outlets),
    each carrying every article that has the same sentence."""
    df: Counter[str] = Counter()
    per: list[tuple[Item, int, str, set[str]]] = []
    for it in items:
        seen: set[str] = set()
        for pos, s in enumerate(sentences(it.article)[:30]):
            if len(s) < 40 or len(s) > 400 or s[0] in "'\"“‘" or s.count("“") + s.count('"') >= 2:
                continue  # quotes go in their own part
            ws = content_words(s)
            per.append((it, pos, s, ws))
            seen |= ws
        df.update(seen)
    out: list[dict[str, Any]] = []
    same = similar_sets([ws for _, _, _, ws in per], SAME_SENTENCE)  # every pair, without comparing every pair
    for (it, pos, s, ws), others in zip(per, same):
        cites = {it.id} | {per[j][0].id for j in others}
        central = sum(df[w] for w in ws) / (len(ws) or 1)
        out.append({"text": s, "cites": sorted(cites), "score": central + len(cites) - 0.05 * pos,
                    "lead": pos == 0, "words": ws, "when": _ts(it.article)})
    out.sort(key=lambda c: (-c["score"], c["when"], c["text"]))
    return out


def _pick(cands: list[dict[str, Any]], used: list[set[str]], n: int, prefer) -> list[dict[str, Any]]:
    picked: list[dict[str, Any]] = []
    for c in sorted(cands, key=lambda c: -(c["score"] + prefer(c))):
        if len(picked) == n:
            break
        if any(jaccard(c["words"], u) >= 0.35 for u in used):
            continue  # already said
        used.append(c["words"])
        picked.append({"text": c["text"], "cites": c["cites"]})
    return picked


def _next(items: list[Item], timeline: list[dict[str, Any]], cands: list[dict[str, Any]],
          used: list[set[str]], latest: float | None) -> list[dict[str, Any]]:
    """Events dated after the latest article; else forward-looking sentences."""
    out = []
    if latest is not None:
        last_day = datetime.fromtimestamp(latest, tz=timezone.utc).date().isoformat()
        for ev in timeline:
            if ev["date"][:10] > last_day and not ev["date"].startswith("P"):
                out.append({"text": ev["text"], "date": ev["date"], "cites": [s["article"] for s in ev["sources"]]})
    if out:
        return out[:3]
    future = [c for c in cands if FUTURE.search(c["text"])]
    return _pick(future, used, 2, prefer=lambda c: c["when"] / 1e9)


def _outlet(a: Article) -> str | None:
    return a.outlet or a.site_name


def _outlets(it: Item) -> list[str]:
    """The article's own outlet first, then the outlets of the copies folded into it."""
    own = _outlet(it.article)
    return list(dict.fromkeys(([own] if own else []) + it.outlets))


def _ts(a: Article) -> float:
    if a.published is None:
        return float("inf")
    p = a.published if a.published.tzinfo else a.published.replace(tzinfo=timezone.utc)
    return p.timestamp()


def _iso(d: datetime | None) -> str | None:
    return d.isoformat() if d else None
