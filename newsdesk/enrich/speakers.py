"""Who is speaking: speech cues, subject phrases and pronouns resolved to entities.

Everything works on word tokens with offsets and on the article's entity mentions (sorted
by offset, looked up by bisection), so the cost stays linear in the article length.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from ..models import EntityMention
from .lexicon import PERSON_TITLES, SPEECH_VERBS, STOP_CAPITALISED

_TOKEN = re.compile(r"[A-Za-z][A-Za-z'’.\-]*[A-Za-z]|[A-Za-z]|[,:;()]|[.!?]")
SPEAKER_TYPES = ("PERSON", "ORG", "GPE", "NORP")
SKIP_WORDS = {
    "also", "later", "then", "again", "once", "has", "had", "have", "would", "will", "previously",
    "recently", "earlier", "reportedly", "simply", "just", "flatly", "bluntly", "frankly",
    "quickly", "finally", "then-", "repeatedly", "often", "publicly", "privately", "did", "has",
}
INSTITUTION_NOUNS = {
    "office", "campaign", "spokesman", "spokeswoman", "spokesperson", "administration", "team",
    "government", "ministry", "press", "lawyer", "lawyers", "attorney", "aide", "aides",
    "adviser", "advisers", "advisor", "staff", "camp", "foundation", "family", "representative",
}
PRONOUN_SUBJECTS = {"he", "she", "they", "i", "we"}


@dataclass
class Token:
    text: str
    start: int
    end: int

    @property
    def low(self) -> str:
        return self.text.lower()


@dataclass
class Speaker:
    name: str | None  # canonical entity name, None when unresolved
    start: int
    end: int


def tokens(text: str, start: int, end: int) -> list[Token]:
    return [Token(m.group(0), m.start(), m.end()) for m in _TOKEN.finditer(text, start, end)]


_PHRASAL = {("went", "on"), ("shot", "back"), ("fired", "back"), ("hit", "back"), ("put", "it"), ("chimed", "in")}
_OPENING_CUES = {"Said", "Says", "Asked", "Added"}  # 'Said Dorothy Poynter, who grew up with Ali, "..."'


def is_cue(tok: Token, nxt: Token | None = None) -> bool:
    # a capitalised verb is a heading ("What People Are Saying"), except the inverted openers
    if tok.text in SPEECH_VERBS or tok.text in _OPENING_CUES:
        return True
    return nxt is not None and (tok.low, nxt.low) in _PHRASAL


class EntityIndex:
    """Entity mentions by position, with the subject heuristics pronouns need."""

    def __init__(self, text: str, entities: list[EntityMention], quoted: list[tuple[int, int]]) -> None:
        self.text = text
        self.entities = sorted((e for e in entities if e.type in SPEAKER_TYPES), key=lambda e: e.start)
        self.starts = [e.start for e in self.entities]
        self.quoted = quoted  # inner spans of quotes: names inside a quote are not speakers
        self.quoted_starts = [s for s, _ in quoted]
        # surname -> full name, for speakers the tagger missed ("said Skelly" after "Bill Skelly")
        by_surname: dict[str, set[str]] = {}
        for e in self.entities:
            canon = e.canonical or e.name
            if e.type == "PERSON" and len(canon.split()) > 1:
                by_surname.setdefault(canon.split()[-1].lower(), set()).add(canon)
        self.surnames = {k: next(iter(v)) for k, v in by_surname.items() if len(v) == 1}

    def name_like(self, toks: list[Token]) -> str | None:
        """A name the tagger missed: up to four capitalised words (titles and 'the' dropped)."""
        words = [t for t in toks if t.text not in ",:;.()"]
        while words and (words[0].low in ("the", "a", "an") or words[0].text.rstrip(".") in PERSON_TITLES):
            words = words[1:]
        if not words or len(words) > 4 or not all(w.text[:1].isupper() for w in words):
            return None
        if words[0].low in PRONOUN_SUBJECTS or words[0].text in STOP_CAPITALISED:
            return None
        return self.surnames.get(words[-1].low) or " ".join(w.text for w in words)

    def within(self, start: int, end: int) -> list[EntityMention]:
        i = bisect.bisect_left(self.starts, start)
        out = []
        while i < len(self.entities) and self.entities[i].start < end:
            if self.entities[i].end <= end:
                out.append(self.entities[i])
            i += 1
        return out

    def in_quote(self, pos: int) -> bool:
        i = bisect.bisect_right(self.quoted_starts, pos) - 1
        return i >= 0 and self.quoted[i][0] <= pos < self.quoted[i][1]

    def people_before(self, pos: int, limit: int) -> list[EntityMention]:
        """PERSON mentions outside quotes that end before `pos`, nearest first, within `limit` chars."""
        i = bisect.bisect_left(self.starts, pos) - 1
        out = []
        while i >= 0 and self.entities[i].start >= pos - limit:
            e = self.entities[i]
            if e.type == "PERSON" and e.end <= pos and not self.in_quote(e.start):
                out.append(e)
            i -= 1
        return out

    def is_subject(self, e: EntityMention) -> bool:
        """Sentence-initial (after titles) or directly before a speech verb: likely the subject."""
        head = self.text[max(0, e.start - 60): e.start]
        cut = max(head.rfind(". "), head.rfind("\n"), head.rfind(": "))
        lead = head[cut + 1:].split() if cut != -1 else head.split()
        if all(w.rstrip(".,").strip("'’s") in PERSON_TITLES or w[:1].isupper() or w.lower() in ("the", "a") for w in lead):
            return True
        nxt = tokens(self.text, e.end, min(len(self.text), e.end + 40))
        nxt = [t for t in nxt if t.low not in SKIP_WORDS and t.text not in ("'s", "’s")]
        return bool(nxt) and is_cue(nxt[0])


def resolve_pronoun(index: EntityIndex, pos: int, last_speaker: str | None) -> str | None:
    """he/she: the nearest person in subject position before `pos` (a few sentences back),
    else the previous speaker when one is known, else the nearest person."""
    people = index.people_before(pos, 700)
    for e in people:
        if index.is_subject(e):
            return e.canonical or e.name
    if last_speaker:
        return last_speaker
    return (people[0].canonical or people[0].name) if people else None


def speaker_in(index: EntityIndex, start: int, end: int, last_speaker: str | None, subject: bool = True) -> Speaker | None:
    """The speaker named in the phrase text[start:end]: a subject before the cue (`subject`,
    "Trump campaign manager Kellyanne Conway, 40, said": the last name before any apposition)
    or the phrase after an inverted cue ("said Phil Musser of IMGE": the first name)."""
    comma = index.text.find(",", start, end)
    if comma != -1 and (index.within(start, comma) or index.name_like(tokens(index.text, start, comma))):
        end = comma  # what follows the comma is an apposition ("said Bill Skelly, a data operative")
    toks = [t for t in tokens(index.text, start, end) if t.text not in ",:;()"]
    if not toks:
        return None
    if toks[0].low in PRONOUN_SUBJECTS:
        name = resolve_pronoun(index, toks[0].start, last_speaker) if toks[0].low in ("he", "she") else None
        return Speaker(name, toks[0].start, toks[0].end)
    ents = index.within(start, end)
    people = [e for e in ents if e.type == "PERSON"]
    others = [e for e in ents if e.type != "PERSON"]
    if people or others:
        pick = -1 if subject else 0
        e = people[pick] if people else others[pick]
        name = e.canonical or e.name
        follow = index.text[e.end: e.end + 30]
        m = re.match(r"(['’]s)?\s+([a-z]+)", follow)
        if m and m.group(2) in INSTITUTION_NOUNS and (m.group(1) or e.type != "PERSON"):  # "Zelensky's office", "the Kremlin spokesman"
            label = f"{name}'s {m.group(2)}" if m.group(1) else f"{name} {m.group(2)}"
            return Speaker(label, e.start, e.end + m.end())
        return Speaker(name, e.start, e.end)
    # an untagged name, or an unnamed source ("a senior official") kept where it is
    words = toks[:6]
    return Speaker(index.name_like(words), words[0].start, words[-1].end)
