"""Named entities of an article: spans from spaCy (or the fallback tagger), canonical names."""

from __future__ import annotations

import bisect
import re
from typing import Any

from ..models import EntityMention
from .canonical import Mention, clean_name, resolve_article
from .fallback_ner import tag_entities
from .lexicon import PERSON_TITLES, STOP_CAPITALISED

KEPT_TYPES = {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW", "MISC"}


def spans_from_doc(doc: Any) -> list[tuple[int, int, str]]:
    return [(e.start_char, e.end_char, e.label_) for e in doc.ents if e.label_ in KEPT_TYPES]


def spans_from_rules(text: str) -> list[tuple[int, int, str]]:
    return tag_entities(text)


# "Saint Peter's Basilica": a saint's name plus a building is one place, not a person
_BUILDING = re.compile(
    r"['’]s\s+(?:Basilica|Cathedral|Church|Chapel|Abbey|Square|Hospital|College|Monastery|Palace|Gate|Bridge)\b"
)
_SAINT_BUILDING = {"Basilica", "Cathedral", "Church", "Chapel", "Abbey", "Square", "Monastery"}
_SAINT = re.compile(r"\b(?:Saint|St\.?|San|Santa|Sainte)\s+$")


def _join_buildings(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Merge "<Saint> Name's Building" (and the building word tagged apart) into one FAC span."""
    out: list[tuple[int, int, str]] = []
    skip_to = -1
    for start, end, typ in sorted(spans):
        if start < skip_to:
            continue
        if text.endswith(("'s", "’s"), start, end):
            end -= 2
        m = _BUILDING.match(text, end)
        if m:
            head = text[start:end]
            saint = _SAINT.search(text, max(0, start - 8), start) or re.match(r"(?:Saint|St\.?)\s", head)
            building = m.group(0).split()[-1]
            if saint or (typ == "PERSON" and " " not in head and building in _SAINT_BUILDING):
                out.append((saint.start() if saint and saint.end() == start else start, m.end(), "FAC"))
                skip_to = m.end()
                continue
        out.append((start, end, typ))
    return out


def build_mentions(text: str, spans: list[tuple[int, int, str]]) -> list[EntityMention]:
    """Trim spans to the name itself, then give every mention its canonical name."""
    mentions: list[Mention] = []
    for start, end, typ in _join_buildings(text, spans):
        trimmed = _trim(text, start, end, typ == "PERSON")
        if trimmed is None:
            continue
        s, e = trimmed
        if _shouted_only(text, s, e):
            continue
        if typ != "PERSON" and _after_person_title(text, start, s, e):
            typ = "PERSON"  # "Chancellor Olaf Scholz" tagged ORG
        name = clean_name(text[s:e], typ)
        if len(name) < 2 or name in STOP_CAPITALISED or not any(c.isalpha() for c in name):
            continue
        mentions.append(Mention(s, e, typ, name))
    resolved = resolve_article(mentions)
    out = [
        EntityMention(name=m.name, type=typ, start=m.start, end=m.end, canonical=canon)
        for m, (canon, typ) in zip(mentions, resolved)
    ]
    return _add_missed_surnames(text, out)


def _line(text: str, start: int, end: int) -> str:
    line_end = text.find("\n", end)
    return text[text.rfind("\n", 0, start) + 1: len(text) if line_end == -1 else line_end]


def _shouted_only(text: str, start: int, end: int) -> bool:
    """An upper-case word of an all-capitals line ("PEACE?", "NO CEASEFIRE?" subheadings) that
    the article never writes in a normal line: the tagger reads the shouting as a name. An
    acronym the body uses ("NATO") stays."""
    name = text[start:end]
    if not name.isupper() or any(c.islower() for c in _line(text, start, end)):
        return False
    for m in re.finditer(r"(?<!\w)" + re.escape(name) + r"(?!\w)", text):
        if any(c.islower() for c in _line(text, m.start(), m.end())):
            return False
    return True


def _add_missed_surnames(text: str, found: list[EntityMention]) -> list[EntityMention]:
    """Later bare mentions of a person named in full, which the tagger did not mark
    ("Olaf Scholz ... Scholz said"): who-said-what needs every one of them."""
    surnames: dict[str, set[str]] = {}
    for e in found:
        canon = e.canonical or e.name
        words = canon.split()
        if e.type == "PERSON" and len(words) >= 2 and words[-1][:1].isupper() and len(words[-1]) > 2:
            surnames.setdefault(words[-1], set()).add(canon)
    unique = {k: next(iter(v)) for k, v in surnames.items() if len(v) == 1}
    if not unique:
        return found
    taken = sorted((e.start, e.end) for e in found)
    starts = [s for s, _ in taken]
    pattern = re.compile(r"(?<![\w-])(" + "|".join(re.escape(k) for k in sorted(unique, key=len, reverse=True)) + r")(?![\w-])")
    added = []
    for m in pattern.finditer(text):
        i = bisect.bisect_right(starts, m.start()) - 1
        if i >= 0 and taken[i][1] > m.start():
            continue  # inside a mention already found
        if i + 1 < len(taken) and taken[i + 1][0] < m.end():
            continue
        added.append(EntityMention(name=m.group(1), type="PERSON", start=m.start(), end=m.end(), canonical=unique[m.group(1)]))
    return sorted(found + added, key=lambda e: e.start) if added else found


def _trim(text: str, start: int, end: int, person: bool) -> tuple[int, int] | None:
    """Cut a span at a line break, drop a leading "the"/title and a trailing possessive."""
    nl = text.find("\n", start, end)
    if nl != -1:
        end = nl
    while True:
        word_end = text.find(" ", start, end)
        if word_end == -1:
            break
        first = text[start:word_end]
        if first.lower() in ("the", "a", "an") or (person and first.rstrip(".") in PERSON_TITLES):
            start = word_end + 1
            continue
        break
    for suffix in ("'s", "’s", "'", "’"):
        if text.endswith(suffix, start, end):
            end -= len(suffix)
            break
    while end > start and text[end - 1] in " ,.;:-":
        end -= 1
    return (start, end) if end - start >= 2 else None


_NAME_TITLES = {
    "President", "Chancellor", "Minister", "Mr", "Mrs", "Ms", "Dr", "Sen", "Senator", "Rep", "Gov",
    "Governor", "Mayor", "Judge", "Secretary", "Pope", "King", "Queen", "Prince", "Princess", "Sir",
}


def _after_person_title(text: str, span_start: int, start: int, end: int) -> bool:
    """Two or three capitalised words right after a personal title ("Chancellor Olaf Scholz")."""
    words = text[start:end].split()
    if not 2 <= len(words) <= 3 or not all(w[:1].isupper() for w in words):
        return False
    before = text[max(0, min(span_start, start) - 20): min(span_start, start)].split()
    inside = text[span_start:start].split()
    title = (inside or before)[-1:] if (inside or before) else []
    return bool(title) and title[0].rstrip(".") in _NAME_TITLES
