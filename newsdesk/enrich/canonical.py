"""Canonical entity names: within one article, and the pure keys the store merges on.

Within an article a surname or a short form refers back to the full name introduced
elsewhere in the same article ("Putin" -> "Vladimir Putin"); spelling variants of the
same full name ("Volodomyr"/"Volodymyr Zelensky") share a folded key and take the
spelling of the first full mention. Across the store, `entity_key` gives one key per
person/organisation/place and `same_entity` decides a merge on evidence only: two full
names that fold to the same key, or one full name that is the other plus middle names.
A bare shared surname is never evidence ("Bill Clinton" is not "Hillary Clinton").
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from .lexicon import COUNTRIES, PERSON_TITLES

# name suffixes that distinguish people ("Donald Trump Jr." is not "Donald Trump")
_SUFFIXES = {"jr", "sr", "ii", "iii", "iv"}
_NICKNAMES = {
    "joe": "joseph", "bill": "william", "will": "william", "bob": "robert", "rob": "robert",
    "mike": "michael", "jim": "james", "jimmy": "james", "tom": "thomas", "dick": "richard",
    "rick": "richard", "ted": "edward", "chris": "christopher", "alex": "alexander",
    "liz": "elizabeth", "beth": "elizabeth", "kate": "katherine", "vlad": "vladimir",
    "nick": "nicholas", "dan": "daniel", "dave": "david", "steve": "stephen", "tony": "anthony",
    "andy": "andrew", "ben": "benjamin", "sam": "samuel", "pat": "patrick", "matt": "matthew",
    "greg": "gregory", "jeff": "jeffrey", "ron": "ronald", "don": "donald", "hank": "henry",
}
_ALIASES = {
    "us": "United States", "u s": "United States", "usa": "United States", "u s a": "United States",
    "united states of america": "United States", "america": "United States",
    "the united states": "United States", "uk": "United Kingdom", "u k": "United Kingdom",
    "britain": "United Kingdom", "great britain": "United Kingdom", "eu": "European Union",
    "un": "United Nations", "u n": "United Nations", "the kremlin": "Kremlin",
    "the white house": "White House", "the pentagon": "Pentagon", "kiev": "Kyiv",
    "turkiye": "Turkey", "türkiye": "Turkey",
}
PLACES = COUNTRIES | {"United States", "United Kingdom", "Kyiv"}
_TITLE_WORDS = {t.lower().rstrip(".") for t in PERSON_TITLES}
_LEADING = re.compile(r"^(?:the|a|an)\s+", re.I)
_POSSESSIVE = re.compile(r"(?:['’]s|['’])$")
_VOWELS = re.compile(r"[aeiouy]+")


def clean_name(name: str, type: str = "PERSON") -> str:
    """The display form of a mention: no leading article, (for people) title, or possessive."""
    name = " ".join(name.split())
    name = _POSSESSIVE.sub("", name)
    words = name.split(" ")
    while type == "PERSON" and len(words) > 1 and words[0].lower().rstrip(".") in _TITLE_WORDS:
        words = words[1:]
    name = " ".join(words)
    if len(name.split()) > 1:
        name = _LEADING.sub("", name)
    return name.strip(" ,.;:-")


@lru_cache(maxsize=65536)
def _fold_token(tok: str) -> str:
    """Transliteration-insensitive form of one name word (Zelenskyy ~ Zelenskiy ~ Zelensky)."""
    tok = tok.replace("w", "v").replace("ph", "f").replace("kh", "h").replace("ck", "k")
    tok = re.sub(r"(.)\1+", r"\1", tok)  # doubled letters
    head, rest = tok[:1], tok[1:]
    # vowels differ most between spellings ("Volodomyr"/"Volodymyr"): keep only where they are
    return head + _VOWELS.sub("_", rest)


def _tokens(name: str, person: bool = True) -> list[str]:
    return list(_token_tuple(name, person))


# Pure functions of a name, asked again and again for the same names (each mention against each
# person of the article, the same people across articles): cached, ~2 ms less CPU per article.
@lru_cache(maxsize=65536)
def _token_tuple(name: str, person: bool) -> tuple[str, ...]:
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = re.sub(r"['’`]s\b", "", text)
    words = re.findall(r"[a-z0-9]+", text)
    while person and len(words) > 1 and words[0] in _TITLE_WORDS:
        words = words[1:]
    if len(words) > 1 and words[0] in {"the", "a", "an"}:
        words = words[1:]
    # middle initials carry no identity we can check ("Donald J. Trump")
    if len(words) > 2:
        words = [w for i, w in enumerate(words) if len(w) > 1 or i in (0, len(words) - 1)]
    return tuple(words)


@lru_cache(maxsize=16384)
def entity_key(name: str, type: str | None = None) -> str:
    """One normalised, transliteration-folded key per entity name (the store's merge key)."""
    person = (type or "PERSON") == "PERSON"
    alias = _ALIASES.get(" ".join(_tokens(name, person)))
    if alias:
        name = alias
    words = _tokens(name, person)
    if (type or "PERSON") == "PERSON" and words:
        words = [_NICKNAMES.get(words[0], words[0])] + words[1:]
    folded = " ".join(w if w in _SUFFIXES else _fold_token(w) for w in words)
    return f"{_type_family(type)}:{folded}"


def candidate_key(name: str, type: str | None = None) -> str:
    """A coarser key (people: the folded surname) to find the rows `same_entity` should check,
    e.g. an indexed column: rows sharing it are candidates, never merged on it alone."""
    key = entity_key(name, type)
    family, words = key.split(":", 1)
    parts = [w for w in words.split() if w not in _SUFFIXES]
    return f"{family}:{parts[-1]}" if family == "person" and parts else key


def _type_family(type: str | None) -> str:
    if type in ("GPE", "LOC", "FAC"):
        return "place"
    if type in ("ORG", "NORP"):
        return "org"
    if type == "PERSON":
        return "person"
    return "other" if type else "any"


def same_entity(
    a_name: str, a_aliases: Iterable[str], b_name: str, b_aliases: Iterable[str], type: str | None = "PERSON"
) -> bool:
    """True when the evidence says the two entity rows are one entity.

    Evidence: a full name (two words or more) of one folds to the key of a full name of the
    other, or one full name is the other with middle names added ("Recep Tayyip Erdogan" /
    "Tayyip Erdogan"). A surname alone never merges two people; for organisations and places
    a single-word name may match (acronyms and aliases are folded by `entity_key`).
    """
    a_all = [a_name, *a_aliases]
    b_all = [b_name, *b_aliases]
    if len(a_all) == 1 and len(b_all) == 1:
        return _same_names(a_name, b_name, type)
    return _same_any(a_all, b_all, type)


@lru_cache(maxsize=65536)
def _same_names(a_name: str, b_name: str, type: str | None) -> bool:
    """same_entity of two names without aliases (the within-article case, pair after pair)."""
    return _same_any([a_name], [b_name], type)


def _same_any(a_all: list[str], b_all: list[str], type: str | None) -> bool:
    person = (type or "PERSON") == "PERSON"
    a_keys = {_key_words(n, type) for n in a_all}
    b_keys = {_key_words(n, type) for n in b_all}
    for ka in a_keys:
        for kb in b_keys:
            if not ka or not kb:
                continue
            if person and (len(ka) < 2 or len(kb) < 2):
                continue
            if ka == kb or _extends(ka, kb) or _extends(kb, ka):
                return True
    return False


@lru_cache(maxsize=16384)
def _key_words(name: str, type: str | None) -> tuple[str, ...]:
    return tuple(entity_key(name, type).split(":", 1)[1].split())


def _extends(short: tuple[str, ...], long: tuple[str, ...]) -> bool:
    """`long` is `short` with extra middle words: same first and last word, in order."""
    if len(short) < 2 or len(long) <= len(short) or short[-1] != long[-1]:
        return False
    if any(w in _SUFFIXES for w in long) != any(w in _SUFFIXES for w in short):
        return False
    it = iter(long)
    return all(w in it for w in short) and short[0] in long[: len(long) - len(short) + 1]


# ------------------------------------------------------------------ within one article


@dataclass
class Mention:
    start: int
    end: int
    type: str
    name: str  # cleaned surface


def resolve_article(mentions: list[Mention]) -> list[tuple[str, str]]:
    """(canonical name, type) of each mention (same order), resolved within one article.

    A single word that is the surname of a person named in full elsewhere becomes that
    person, whatever type the tagger gave it ("Putin" tagged ORG is still Vladimir Putin).
    """
    people = _person_clusters(mentions)
    acronyms = _acronyms(mentions)
    canon: list[tuple[str, str]] = []
    for m in mentions:
        words = m.name.split()
        name, typ = m.name, m.type
        if m.type in ("PERSON", "ORG", "MISC", "NORP") or (len(words) == 1 and m.type in ("GPE", "LOC")):
            person = _person_canonical(m, people)
            if person:
                name, typ = person, "PERSON"
        if name == m.name and m.name.isupper() and m.name in acronyms:
            name = acronyms[m.name]
        alias = _ALIASES.get(" ".join(_tokens(name, typ == "PERSON")))
        name = alias or name
        if name in PLACES:  # a gazetteer place outvotes the tagger ("Kyiv" tagged PERSON)
            typ = "GPE"
        canon.append((name, typ))
    return canon


@dataclass
class _Cluster:
    canonical: str
    last_fold: str
    positions: list[int]
    last_key: str = ""  # the last word of the canonical's key: same_entity needs it to be equal


class _People(list[_Cluster]):
    """The clusters in order, and by the last word of their key: two person names without
    aliases are the same entity only when their keys end in the same word (equal keys, or
    one the other with middle words), so only those clusters need a same_entity call
    (~900 calls per article when every cluster was tried)."""

    def __init__(self) -> None:
        super().__init__()
        self.by_last: dict[str, list[_Cluster]] = {}

    def add(self, cluster: _Cluster) -> None:
        self.append(cluster)
        self.by_last.setdefault(cluster.last_key, []).append(cluster)

    def same_person(self, name: str) -> _Cluster | None:
        """The first cluster (in order) same_entity says `name` belongs to."""
        words = _key_words(name, "PERSON")
        if not words:
            return None
        return next((c for c in self.by_last.get(words[-1], ()) if same_entity(c.canonical, [], name, [], "PERSON")),
                    None)


def _person_clusters(mentions: list[Mention]) -> _People:
    """Full names of people: multi-word PERSON mentions, and multi-word names of another
    type whose surname is elsewhere tagged PERSON on its own (taggers mislabel "Keir Starmer")."""
    lone_people = {_fold_token(t[0]) for m in mentions if m.type == "PERSON" and len(t := _tokens(m.name)) == 1}
    clusters: dict[str, _Cluster] = {}
    people = _People()
    for m in mentions:
        if len(m.name.split()) < 2 or m.type not in ("PERSON", "ORG", "MISC", "NORP"):
            continue
        key = entity_key(m.name, "PERSON")
        words = key.split(":", 1)[1].split()
        if not words:
            continue
        last = next((w for w in reversed(words) if w not in _SUFFIXES), words[-1])
        if m.type != "PERSON" and last not in lone_people:
            continue
        c = clusters.get(key)
        if c is None:
            # a longer form of a known name ("Recep Tayyip Erdogan") joins the shorter one
            c = people.same_person(m.name)
        if c is None:
            c = clusters[key] = _Cluster(m.name, last, [], words[-1])
            people.add(c)
        c.positions.append(m.start)
    return people


def _person_canonical(m: Mention, people: _People) -> str | None:
    words = m.name.split()
    if len(words) >= 2:
        c = people.same_person(m.name)
        return c.canonical if c is not None else None
    fold = _fold_token(_tokens(m.name)[0]) if _tokens(m.name) else ""
    matches = [c for c in people if c.last_fold == fold]
    if not matches:
        return None
    if len(matches) == 1:
        return matches[0].canonical
    # two people share the surname: the one named most recently before this mention
    before = [(max(p for p in c.positions if p < m.start), c) for c in matches if any(p < m.start for p in c.positions)]
    if before:
        return max(before, key=lambda t: t[0])[1].canonical
    return min(matches, key=lambda c: min(c.positions)).canonical


def _acronyms(mentions: list[Mention]) -> dict[str, str]:
    out: dict[str, str] = {}
    for m in mentions:
        words = [w for w in m.name.split() if w[:1].isupper()]
        if m.type in ("ORG", "GPE", "NORP") and len(words) >= 2:
            out.setdefault("".join(w[0] for w in words), m.name)
    return out

