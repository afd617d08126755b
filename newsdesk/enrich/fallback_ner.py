"""A rule-based entity tagger used when the spaCy model is not installed.

Capitalised word sequences (allowing inner "of"/"de"/"al-" particles) become entities;
their type comes from cheap evidence: a title before them (President, Mr., Sen.) or a
speech verb after them means PERSON, an organisation word inside means ORG, a known
country/region name or demonym means GPE/NORP, two or more plain name words mean PERSON.
It is weaker than the model but keeps who-said-what working everywhere.
"""

from __future__ import annotations

import re

from .lexicon import (
    COUNTRIES,
    DEMONYMS,
    ORG_WORDS,
    PERSON_TITLES,
    SPEECH_VERBS,
    STOP_CAPITALISED,
)

_WORD = r"(?:[A-Z][a-zA-Z'’\-]*[a-zA-Z]|[A-Z]\.(?:[A-Z]\.)*|[A-Z])"
_SEQ = re.compile(rf"{_WORD}(?:[ \t]+(?:(?:of|de|del|da|du|van|von|der|bin|al|la|le)[ \t]+)?{_WORD})*")
_POSSESSIVE = re.compile(r"['’]s?$")
_POSSESSIVE_TOKEN = re.compile(r"['’]s$")
_PARTICLES = {"of", "de", "del", "da", "du", "van", "von", "der", "bin", "al", "la", "le"}


def tag_entities(text: str) -> list[tuple[int, int, str]]:
    """(start, end, type) spans of the capitalised names in `text`."""
    found: list[tuple[int, int, str]] = []
    for m in _SEQ.finditer(text):
        toks = [(t.start() + m.start(), t.end() + m.start(), t.group(0)) for t in re.finditer(r"\S+", m.group(0))]
        # a possessive ends a name: "Ukraine's Volodomyr Zelensky" is two entities
        group: list[tuple[int, int, str]] = []
        for tok in toks:
            group.append(tok)
            if _POSSESSIVE_TOKEN.search(tok[2]):
                _emit(text, group, found)
                group = []
        _emit(text, group, found)
    return found


def _emit(text: str, toks: list[tuple[int, int, str]], found: list[tuple[int, int, str]]) -> None:
    toks = list(toks)
    # drop leading sentence-initial function words and titles ("The", "President")
    while toks and (toks[0][2] in STOP_CAPITALISED or toks[0][2].rstrip(".") in PERSON_TITLES):
        toks.pop(0)
    # a title inside the run ("US President Joe Biden") starts the name after it
    titles = [i for i, t in enumerate(toks[:-1]) if t[2].rstrip(".") in PERSON_TITLES]
    if titles:
        toks = toks[titles[-1] + 1:]
    while toks and toks[-1][2] in _PARTICLES:
        toks.pop()
    if not toks:
        return
    start, end = toks[0][0], toks[-1][1]
    end = start + len(_POSSESSIVE.sub("", text[start:end]))
    words = text[start:end].split()
    if end - start < 2 or not words or words[0] in STOP_CAPITALISED:
        return
    found.append((start, end, _guess_type(text, start, end, words, toks[0][0])))


def _guess_type(text: str, start: int, end: int, words: list[str], seq_start: int) -> str:
    before = text[max(0, seq_start - 25):start].split()
    after = text[end:end + 20].lstrip(" ,").split()
    if words[-1] in ORG_WORDS or words[0] in ORG_WORDS or any(w in ORG_WORDS for w in words[1:]):
        return "ORG"
    name = " ".join(words)
    if name in COUNTRIES:
        return "GPE"
    if name in DEMONYMS:
        return "NORP"
    if before and before[-1].rstrip(".") in PERSON_TITLES:
        return "PERSON"
    if text[seq_start:start].strip().rstrip(".") in PERSON_TITLES:
        return "PERSON"
    if after and after[0].lower() in SPEECH_VERBS:
        return "PERSON"
    if 2 <= len(words) <= 4 and all(w[0].isupper() and not w.isupper() for w in words):
        return "PERSON"
    if all(w.isupper() for w in words) and len(name) <= 6:
        return "ORG"
    return "MISC"
