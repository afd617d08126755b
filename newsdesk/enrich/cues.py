"""Speech cues around a quotation and the speaker they name.

After the quote: '"...," Putin said', '"...," said Phil Musser of IMGE', '"...," he told Reuters',
'"...," Eric Woolson, an Iowa strategist, said'. Before it, in the same sentence: 'Putin said:',
'X told Reuters that', 'according to X,', and the 'Name, role: "..."' block. Subjects are found
from the words next to the verb (a name, a pronoun, "Zelensky's office", "the source"), then, when
the verb has no subject of its own ("...shook her head and said"), from the clause.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from .lexicon import PERSON_TITLES
from .quote_marks import QuoteSpan
from .sentences import ABBREVIATIONS
from .speakers import (
    INSTITUTION_NOUNS,
    PRONOUN_SUBJECTS,
    SKIP_WORDS,
    EntityIndex,
    Speaker,
    Token,
    is_cue,
    resolve_pronoun,
    speaker_in,
    tokens,
)


@dataclass
class Attribution:
    speaker: Speaker | None
    cue: str | None


_MAX_SUBJECT_TOKENS = 10
_ROLE_NOUNS = {
    "candidate", "nominee", "president", "senator", "governor", "leader", "billionaire",
    "businessman", "mogul", "congressman", "congresswoman", "frontrunner", "front-runner",
    "chairman", "chairwoman", "secretary", "minister", "premier", "chancellor", "mayor",
}
_ELIDED_SUBJECT_BEFORE = {"and", "but", "or", "before", "after", "while", "to", "then", "when", "by", "as", "also"}


def stop_index(toks: list[Token]) -> int:
    """Index of the first sentence-ending token (abbreviation dots do not count)."""
    depth = 0  # a dot inside "(D-Wash.)" ends nothing
    for i, t in enumerate(toks):
        depth += (t.text == "(") - (t.text == ")")
        prev = toks[i - 1] if i > 0 else None
        initial = prev is not None and len(prev.text) == 1 and prev.text.isupper()
        if t.text in ".!?" and depth <= 0 and not (t.text == "." and prev is not None and (prev.low in ABBREVIATIONS or initial)):
            return i
    return len(toks)


def after_cue(text: str, index: EntityIndex, q: QuoteSpan, limit: int, last: str | None) -> Attribution | None:
    """'"...," Putin said' / '"...," said X' / '"...," according to X'."""
    toks = tokens(text, q.close, min(limit, q.close + 200))
    toks = toks[: stop_index(toks)]
    inner_end = text[q.inner_start:q.inner_end].rstrip()[-1:]
    # a quote ending in a comma announces its attribution; after a full stop only 'he said.'
    max_words = 4 if inner_end in ".!?" else 12
    words_before = [i for i, t in enumerate(toks) if t.text not in ",:;"]
    max_k = words_before[max_words] if len(words_before) > max_words else len(toks)
    first_cue = next((k for k, t in enumerate(toks[:30]) if is_cue(t)), None)
    if first_cue is not None and first_cue > max_k:
        # '"...," Eric Woolson, an Iowa strategist and former adviser to Scott Walker, said'
        head = index.within(q.close, toks[min(3, len(toks) - 1)].end)
        if head and text[head[0].end: head[0].end + 1] == "," and head[0].type == "PERSON":
            e = head[0]
            return Attribution(Speaker(e.canonical or e.name, e.start, e.end), toks[first_cue].low)
        run = list(itertools.takewhile(lambda t: t.text[:1].isupper(), toks[:4]))
        name = index.name_like(run) if run and len(run) < len(toks) and toks[len(run)].text == "," else None
        if name:  # the same, with a name the tagger missed
            return Attribution(Speaker(name, run[0].start, run[-1].end), toks[first_cue].low)
    for k, t in enumerate(toks[: max_k + 1]):
        if t.low == "according" and k + 1 < len(toks) and toks[k + 1].low == "to":
            sp = speaker_in(index, toks[k + 1].end, _phrase_end(toks, k + 2), last, subject=False)
            return Attribution(sp, "according to")
        if not is_cue(t, toks[k + 1] if k + 1 < len(toks) else None):
            continue
        if k == 0 or all(x.text == "," or x.low in SKIP_WORDS for x in toks[:k]):
            sp = speaker_in(index, t.end, _phrase_end(toks, k + 1), last, subject=False)
        else:
            sp = subject_before(text, index, toks[:k], last, t)
        return Attribution(sp, t.low)
    return None


def _phrase_end(toks: list[Token], start: int) -> int:
    """End of a speaker phrase after an inverted cue: up to 10 tokens, stopping at a verb-ish cut."""
    end_tok = toks[min(len(toks), start + _MAX_SUBJECT_TOKENS) - 1] if toks[start:] else None
    return end_tok.end if end_tok else (toks[start - 1].end if toks else 0)


def subject_before(
    text: str, index: EntityIndex, toks: list[Token], last: str | None, cue: Token | None = None
) -> Speaker | None:
    """The subject of a speech verb, from the tokens just before it; failing a name there,
    the subject of the clause ("Mrs. Clinton shook her head and said", "On Tuesday,
    Mr. McConnell deflected questions before saying")."""
    if cue is not None and cue.low.endswith("ing") and toks and toks[-1].text == ",":
        # "Trump took a risk by winking at Jewish stereotypes, telling the crowd": the clause's subject
        clause = _clause_subject(text, index, toks[0].start, toks[-1].end)
        if clause is not None and clause.name:
            return clause
    found = _subject_near(text, index, toks, last)
    # only when the verb has no subject of its own: "...shook her head and said", "..., saying"
    elided = bool(toks) and (toks[-1].low in _ELIDED_SUBJECT_BEFORE or toks[-1].text == ",")
    if found is not None and found.name is None and elided:
        clause = _clause_subject(text, index, toks[0].start, toks[-1].end)
        if clause is not None:
            return clause
    return found


def _clause_subject(text: str, index: EntityIndex, start: int, end: int) -> Speaker | None:
    """The name opening the last comma-separated segment that opens with a name."""
    pieces = [m for m in re.finditer(r"[^,;]+", text[start:end])]
    for piece in reversed(pieces):
        seg_start = start + piece.start() + (len(piece.group(0)) - len(piece.group(0).lstrip()))
        head = tokens(text, seg_start, start + piece.end())
        while head and (
            head[0].low in ("the", "but", "and", "then", "so") or head[0].text in ".:" or head[0].text in PERSON_TITLES
        ):
            head = head[1:]
        if not head:
            continue
        ents = index.within(head[0].start, start + piece.end())
        if ents and ents[0].start == head[0].start and ents[0].type in ("PERSON", "ORG"):
            e = ents[0]
            return Speaker(e.canonical or e.name, e.start, e.end)
        run = list(itertools.takewhile(lambda t: t.text[:1].isupper(), head[:3]))
        name = index.name_like(run) if run and len(run) < len(head) else None
        if name:  # "Later on Sunday, Carson shared ...": a name the tagger missed
            return Speaker(name, run[0].start, run[-1].end)
        if head[0].low in ("he", "she"):
            return Speaker(resolve_pronoun(index, head[0].start, None), head[0].start, head[0].end)
    return None


def _subject_near(text: str, index: EntityIndex, toks: list[Token], last: str | None) -> Speaker | None:
    toks = [t for t in toks if t.text not in "()"]
    while toks and (toks[-1].low in SKIP_WORDS):
        toks = toks[:-1]
    if toks and toks[-1].text == "," and len(toks) > _MAX_SUBJECT_TOKENS:
        # "Mr. Trump, asked about the deaths of journalists under Mr. Putin, had said,"
        head = speaker_in(index, toks[0].start, toks[-1].end, last, subject=True)
        if head is not None and head.name:
            return head
    toks = toks[-_MAX_SUBJECT_TOKENS:]
    if not toks:
        return None
    tail = toks[-1]
    if tail.low in PRONOUN_SUBJECTS:
        name = resolve_pronoun(index, tail.start, last) if tail.low in ("he", "she") else None
        return Speaker(name, tail.start, tail.end)
    if tail.text == ",":  # "Sen. Ted Cruz, R-Texas, said": the name before the apposition
        return speaker_in(index, toks[0].start, tail.end, last, subject=True)
    ents = index.within(toks[0].start, tail.end)
    if ents and ents[-1].end >= tail.start:  # "Putin said", "the Democratic National Committee said"
        e = ents[-1]
        return Speaker(e.canonical or e.name, e.start, e.end)
    if tail.low in INSTITUTION_NOUNS:  # "Zelensky's office said", "a Kremlin spokesman said"
        return speaker_in(index, toks[max(0, len(toks) - 4)].start, tail.end, last, subject=True)
    if tail.text[:1].isupper():  # a name the tagger missed: "Espinoza said"
        head = len(toks) - 1
        while head > 0 and toks[head - 1].text[:1].isupper() and len(toks) - head < 4:
            head -= 1
        return Speaker(index.name_like(toks[head:]), toks[head].start, tail.end)
    the = next((t for t in toks[-5:] if t.low == "the"), None) if tail.low in _ROLE_NOUNS else None
    if the is not None:  # "the Republican presidential candidate said": the person the story is about
        start = the.start
        return Speaker(resolve_pronoun(index, start, last), start, tail.end)
    if ents and len(toks) > 1 and ents[-1].end >= toks[-2].start and ents[-1].type in ("NORP", "GPE", "ORG"):
        e = ents[-1]  # "Ukrainian officials said"
        return Speaker(f"{e.canonical or e.name} {tail.text}", e.start, tail.end)
    head = max(0, len(toks) - 3)  # "the source said": an unnamed source
    return Speaker(None, toks[head].start, tail.end)


def before_cue(text: str, index: EntityIndex, q: QuoteSpan, left: int, last: str | None) -> Attribution | None:
    """'Putin said: "..."', 'X told Reuters "..."', 'according to X, "..."', 'Name, role: "..."'."""
    if left >= q.open:
        return None
    toks = tokens(text, left, q.open)
    if not toks:
        return None
    for k in range(len(toks) - 1, -1, -1):
        t = toks[k]
        if t.low == "according" and k + 1 < len(toks) and toks[k + 1].low == "to":
            sp = speaker_in(index, toks[k + 1].end, q.open, last, subject=False)
            return Attribution(sp, "according to")
        if is_cue(t, toks[k + 1] if k + 1 < len(toks) else None):
            sp = subject_before(text, index, toks[:k], last, t)
            if sp is None or (sp.name is None and not index.within(t.end, q.open)):
                inverted = speaker_in(index, t.end, q.open, last, subject=False)
                sp = inverted if inverted and inverted.name else sp
            return Attribution(sp, t.low)
    if toks[-1].text == ":" and len(toks) <= 25:  # "George Beebe, director of ...: "..."
        ents = index.within(toks[0].start, toks[-1].start)
        people = [e for e in ents if e.type == "PERSON"]
        e = people[0] if people else (ents[-1] if ents else None)
        if people and people[-1].end >= toks[-2].start:  # "...surprise Republican pollster Daron Shaw:"
            e = people[-1]
        if e is not None:
            return Attribution(Speaker(e.canonical or e.name, e.start, e.end), None)
        head = list(itertools.takewhile(lambda t: t.text[:1].isupper(), toks[:4]))
        name = index.name_like(head) if head and toks[0].start == _first_char(text, left) else None
        if name:  # a headline 'Trump: "..."' whose name the tagger missed
            return Attribution(Speaker(name, head[0].start, head[-1].end), None)
    return None


def _first_char(text: str, pos: int) -> int:
    while pos < len(text) and text[pos] in " \t":
        pos += 1
    return pos
