"""Answer a reader's question about a story from the story's own sentences (offline).

Extractive: every sentence of an answer is a sentence of one of the story's articles,
with the articles that carry it as citations. Sentences are scored by meaning
(sentence embeddings, cosine) and by words (question words weighted by rarity in the
story), so both "why did the talks fail?" and an exact name find their sentences.
Quotes and timeline events from the story data are matched by words.

An LLM may rewrite the answer into prose (`llm_prompt`), restricted to the cited
sentences; that is optional and lives outside this pure function.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import asdict, dataclass, field
from typing import Any, Iterable

import numpy as np

from .embed import Embedder
from .story_data import as_items
from .text import content_words, jaccard, sentences

MAX_CANDIDATES = 240  # sentences embedded per question: enough for a large story, bounded cost
SAME = 0.5  # word overlap at which two outlets' sentences are one (cites merged)
W_MEANING, W_WORDS = 0.55, 0.45
RELATIVE_FLOOR = 0.5  # a sentence scoring under half the best one is not part of the answer
WHEN = re.compile(r"^\s*(when|what date|what time|how long)\b", re.I)


@dataclass
class Cited:
    text: str
    cites: list[int]  # article ids
    outlets: list[str]  # the outlet of each cited article, in the same order
    score: float


@dataclass
class Answer:
    question: str
    sentences: list[Cited] = field(default_factory=list)
    quotes: list[dict[str, Any]] = field(default_factory=list)  # {speaker, text, articles, score}
    events: list[dict[str, Any]] = field(default_factory=list)  # {date, text, sources, score}
    confident: bool = False  # the best sentence shares meaning or words with the question
    fluent: str | None = None  # set by an LLM when one is configured

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def answer_question(question: str, articles: Iterable[Any], story_data: dict[str, Any] | None = None,
                    embedder: Embedder | None = None, k: int = 4) -> Answer:
    """The `k` best sentences (cited), quotes and timeline events for `question`.

    `articles`: StoredArticle-likes, (id, Article) pairs or Articles; `embedder`: None for
    words only (tests, or when no model is wanted)."""
    question = " ".join((question or "").split())[:500]
    answer = Answer(question=question)
    asked = content_words(question)
    if not question:
        return answer
    cands = _candidates(as_items(articles))
    if cands:
        idf = _idf([c["words"] for c in cands])
        for c in cands:
            c["lex"] = _lexical(asked, c["words"], idf)
        pool = sorted(cands, key=lambda c: (-c["lex"], c["pos"]))[:MAX_CANDIDATES]
        _add_meaning(question, pool, embedder)
        for c in pool:
            c["score"] = W_MEANING * c["cos"] + W_WORDS * c["lex"] if embedder else c["lex"]
        answer.sentences = _best(pool, k)
        best = answer.sentences[0] if answer.sentences else None
        answer.confident = best is not None and (best.score >= 0.35 or any(w in asked for w in content_words(best.text)))
    data = story_data or {}
    answer.quotes = _matching_quotes(asked, data.get("quotes_by_speaker") or [])
    answer.events = _matching_events(question, asked, data.get("timeline") or [])
    return answer


def _candidates(items: list[Any]) -> list[dict[str, Any]]:
    out, seen = [], set()
    for it in items:
        outlet = it.article.outlet or it.article.site_name or ""
        for pos, s in enumerate(sentences(it.article)[:80]):
            key = " ".join(s.split()).casefold()
            if len(s) < 25 or key in seen:
                if key in seen:  # the same sentence in another article: one more citation
                    next(c for c in out if c["key"] == key)["cites"].append((it.id, outlet))
                continue
            seen.add(key)
            out.append({"text": s, "key": key, "words": content_words(s), "pos": pos, "cites": [(it.id, outlet)]})
    return out


def _idf(docs: list[set[str]]) -> dict[str, float]:
    df: Counter[str] = Counter(w for d in docs for w in d)
    n = len(docs)
    return {w: math.log(1 + n / c) for w, c in df.items()}


def _lexical(asked: set[str], words: set[str], idf: dict[str, float]) -> float:
    """Share of the question's weight (rare words weigh more) that the sentence holds, 0..1."""
    if not asked:
        return 0.0
    top = max(idf.values(), default=1.0)
    total = sum(idf.get(w, top) for w in asked)
    return sum(idf.get(w, top) for w in asked & words) / total if total else 0.0


def _add_meaning(question: str, pool: list[dict[str, Any]], embedder: Embedder | None) -> None:
    for c in pool:
        c["cos"] = 0.0
    if embedder is None or not pool:
        return
    vecs = embedder.embed([question] + [c["text"] for c in pool])
    sims = vecs[1:] @ vecs[0]
    for c, sim in zip(pool, np.asarray(sims, dtype=float)):
        c["cos"] = max(float(sim), 0.0)


def _best(pool: list[dict[str, Any]], k: int) -> list[Cited]:
    """Best first; a sentence saying what a better one said adds its citations to it."""
    picked: list[tuple[dict[str, Any], Cited]] = []
    ranked = sorted(pool, key=lambda c: (-c["score"], c["pos"], c["text"]))
    floor = RELATIVE_FLOOR * ranked[0]["score"] if ranked else 0.0
    for c in ranked:
        if c["score"] <= 0 or c["score"] < floor:
            break
        same = next((p for p in picked if jaccard(p[0]["words"], c["words"]) >= SAME), None)
        target = same[1] if same else None
        if target is None:
            if len(picked) == k:
                continue
            target = Cited(text=c["text"], cites=[], outlets=[], score=round(c["score"], 4))
            picked.append((c, target))
        for article_id, outlet in c["cites"]:
            if article_id not in target.cites:
                target.cites.append(article_id)
                target.outlets.append(outlet)
    return [p[1] for p in picked]


def _matching_quotes(asked: set[str], groups: list[Any], k: int = 3) -> list[dict[str, Any]]:
    scored = []
    for group in groups:
        if not isinstance(group, dict):
            continue
        speaker = str(group.get("speaker") or "")
        for quote in group.get("quotes") or []:
            words = content_words(f"{speaker} {quote.get('text', '')}")
            hit = len(asked & words)
            if hit:
                scored.append({"speaker": speaker, "text": quote.get("text", ""),
                               "articles": list(quote.get("articles") or []), "score": hit / (len(asked) or 1)})
    scored.sort(key=lambda q: -q["score"])
    return scored[:k]


def _matching_events(question: str, asked: set[str], timeline: list[Any], k: int = 3) -> list[dict[str, Any]]:
    """Events sharing words with the question; a "when" question gets the dated events first."""
    scored = []
    for ev in timeline:
        if not isinstance(ev, dict):
            continue
        words = content_words(f"{ev.get('text', '')} {' '.join(ev.get('entities') or [])}")
        hit = len(asked & words) / (len(asked) or 1)
        if hit or (WHEN.search(question) and not asked):
            scored.append({"date": ev.get("date"), "text": ev.get("text", ""),
                           "sources": list(ev.get("sources") or []), "score": round(hit, 4)})
    scored.sort(key=lambda e: (-e["score"], str(e["date"])))
    return scored[:k]


def llm_prompt(answer: Answer) -> list[dict[str, str]]:
    """Chat messages asking an OpenAI-compatible model for prose built only from the cited
    sentences (numbered so the model can keep the citations)."""
    lines = [f"[{i}] {s.text} (articles {', '.join(map(str, s.cites))})" for i, s in enumerate(answer.sentences, 1)]
    lines += [f"[Q{i}] {q['speaker']}: “{q['text']}”" for i, q in enumerate(answer.quotes, 1)]
    return [
        {"role": "system", "content": (
            "Answer the reader's question in at most four sentences using ONLY the numbered statements. "
            "Cite each statement you use as [n]. If they do not answer the question, say so.")},
        {"role": "user", "content": f"Question: {answer.question}\n\nStatements:\n" + "\n".join(lines)},
    ]


_MARK = re.compile(r"\[(Q?\d+)\]")
_PROSE_SENTENCE = re.compile(r"[^.!?]+(?:[.!?]+|$)(?:\s*(?:\[Q?\d+\]))*")


def checked_fluent(answer: Answer, text: str, min_support: float = 0.6) -> tuple[str | None, str]:
    """(text, "ok") when every sentence of an LLM's prose cites statements it was given and
    most of its content words come from them; (None, why) otherwise, so the panel falls back
    to the cited sentences instead of showing an unsupported claim."""
    statements = {str(i): content_words(s.text) for i, s in enumerate(answer.sentences, 1)}
    statements |= {f"Q{i}": content_words(f"{q.get('speaker', '')} {q.get('text', '')}")
                   for i, q in enumerate(answer.quotes, 1)}
    said = [s for s in _PROSE_SENTENCE.findall(text.strip()) if content_words(_MARK.sub(" ", s))]
    if not said:
        return None, "empty answer"
    for sentence in said:
        marks = _MARK.findall(sentence)
        if not marks:
            return None, f"uncited sentence: {sentence[:80]!r}"
        if any(m not in statements for m in marks):
            return None, f"cites a statement it was not given: {sentence[:80]!r}"
        words = content_words(_MARK.sub(" ", sentence))
        support = set().union(*(statements[m] for m in marks))
        if len(words & support) < min_support * len(words):
            return None, f"says more than its citations: {sentence[:80]!r}"
    return text.strip(), "ok"
