"""Keywords (keyphrases.py), hashtags from salient entities and keyphrases, extractive key points."""

from __future__ import annotations

import bisect
import re
from collections import Counter

from ..models import EntityMention
from .keyphrases import keyphrases
from .lexicon import DEMONYMS, PERSON_TITLES

HASHTAG_TYPES = {"PERSON", "ORG", "GPE", "LOC", "EVENT", "FAC"}
_TITLE_OR_DEMONYM = PERSON_TITLES | DEMONYMS | {"President"}
_TIME_WORDS = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "night", "morning",
    "evening", "afternoon", "week", "weekend", "month", "year", "today", "yesterday", "tomorrow", "hours",
}
_WORD = re.compile(r"[A-Za-z0-9]+")


def keywords(text: str, limit: int = 10) -> list[str]:
    """The article's keyphrases (keyphrases.py), best first."""
    return keyphrases(text, limit) if text.strip() else []


def salient_entities(entities: list[EntityMention], text_len: int, title: str | None) -> list[tuple[str, float]]:
    """Canonical names by salience: mentions, with the lead and the headline counting more."""
    score: Counter[str] = Counter()
    title_low = (title or "").lower()
    for e in entities:
        if e.type not in HASHTAG_TYPES:
            continue
        name = e.canonical or e.name
        lead = e.where == "title" or (e.where == "text" and text_len and e.start < 0.2 * text_len)
        weight = 1.0 + (1.0 if lead else 0.0)
        score[name] += weight
    for name in list(score):
        if title_low and any(w.lower() in title_low for w in name.split() if len(w) > 3):
            score[name] += 3.0
    return score.most_common()


def to_hashtag(phrase: str) -> str | None:
    words = _WORD.findall(phrase)
    if not words:
        return None
    if all(w.isupper() for w in words) and sum(map(len, words)) > 5:
        words = [w.capitalize() for w in words]  # a dateline "CLEVELAND" is not an acronym
    tag = "".join(w if w.isupper() and len(w) > 1 else w[:1].upper() + w[1:] for w in words)
    return "#" + tag if len(tag) >= 2 and not tag.isdigit() else None


def hashtags(
    entities: list[EntityMention], keyphrases: list[str], text_len: int, title: str | None, limit: int = 6
) -> list[str]:
    """Up to `limit` hashtags: salient entities first, then keyphrases they do not cover."""
    tags: list[str] = []
    covered: set[str] = set()
    types = {e.canonical or e.name: e.type for e in entities}
    per_type: Counter[str] = Counter()
    for name, score in salient_entities(entities, text_len, title):
        if len(tags) >= 4 or (score < 2 and tags):
            break
        family = "GPE" if types.get(name) in ("GPE", "LOC") else types.get(name, "")
        if per_type[family] >= 2:  # two places at most, so people and organisations show
            continue
        per_type[family] += 1
        tag = to_hashtag(name)
        if tag and tag.lower() not in covered:
            tags.append(tag)
            covered.add(tag.lower())
            covered.update(w.lower() for w in _WORD.findall(name))
    for phrase in keyphrases:
        if len(tags) >= limit:
            break
        words = [w.lower() for w in _WORD.findall(phrase)]
        # a keyphrase touching an entity tag repeats it ("President Vladimir Putin")
        if (
            not words
            or any(w in covered or w in _TIME_WORDS for w in words)
            or all(w.title() in _TITLE_OR_DEMONYM for w in words)
        ):
            continue
        tag = to_hashtag(phrase)
        if tag and tag.lower() not in covered:
            tags.append(tag)
            covered.add(tag.lower())
            covered.update(words)
    return tags[:limit]


def key_points(
    text: str, sentences: list[tuple[int, int]], entities: list[EntityMention], keyphrases: list[str]
) -> list[str]:
    """3-5 sentences of the article, in article order, that best carry its salient names and terms."""
    candidates = [(s, e) for s, e in sentences if _looks_like_prose(text[s:e])]
    if not candidates:
        return []
    salient = dict(salient_entities(entities, len(text), None)[:8])
    by_sentence: Counter[int] = Counter()
    starts = [s for s, _ in candidates]
    for ent in entities:
        name = ent.canonical or ent.name
        if name in salient:
            i = bisect.bisect_right(starts, ent.start) - 1
            if i >= 0 and candidates[i][0] <= ent.start < candidates[i][1]:
                by_sentence[i] += salient[name]
    terms = [k.lower() for k in keyphrases[:8]]
    scored: list[tuple[float, int]] = []
    for i, (s, e) in enumerate(candidates):
        sent = text[s:e].lower()
        score = by_sentence[i] + 2.0 * sum(t in sent for t in terms)
        score *= 1.0 + 1.0 / (1 + i)  # news puts the point first
        scored.append((score, i))
    count = 3 if len(candidates) < 20 else 4 if len(candidates) < 40 else 5
    chosen: list[int] = []
    seen_words: list[set[str]] = []
    for _score, i in sorted(scored, key=lambda t: -t[0]):
        words = set(_WORD.findall(text[candidates[i][0]:candidates[i][1]].lower()))
        if any(len(words & w) > 0.6 * min(len(words), len(w)) for w in seen_words):
            continue
        chosen.append(i)
        seen_words.append(words)
        if len(chosen) == count:
            break
    return [text[candidates[i][0]:candidates[i][1]] for i in sorted(chosen)]


def _looks_like_prose(sentence: str) -> bool:
    words = sentence.split()
    if not 8 <= len(words) <= 60:
        return False
    if not sentence.rstrip("'\"”’)").endswith((".", "!", "?")):
        return False
    letters = "".join(filter(str.isalpha, sentence))  # C loops, not a generator per character
    if sum(map(str.isupper, letters)) > 0.3 * len(letters):
        return False
    return not sentence[:1].isdigit()  # photo captions start with a counter ("8 Smoke billows...")
