"""Direct quotes with speakers: who said what, with offsets into the article text.

For each quotation (see quote_marks) the speaker comes from, in order:
1. a cue right after it: '"...," Putin said', '"...," said Phil Musser of IMGE', '"...," he told Reuters';
2. a cue before it in the same sentence: 'Putin said: "..."', 'X told Reuters that "..."',
   'according to X, "..."', or a 'Name, role: "..."' block ("What People Are Saying");
3. context: a quote continued after its cue in the same paragraph or in the next one inherits
   the speaker; a quote alone in its paragraph takes the most recent speaker (a speech verb's
   subject, from quotes or reported speech) of the paragraphs just before.
Pronoun speakers are resolved to the person in subject position before them. A short
quote inside a sentence with no speech verb around it is a scare quote, not a quote.
"""

from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import dataclass

from ..models import EntityMention, Quote
from .lexicon import SPEECH_VERBS
from .quote_marks import QuoteSpan, find_quote_spans
from .sentences import _ABBREV
from .lexicon import PERSON_TITLES
from .speakers import (
    _INSTITUTION_NOUNS,
    _PRONOUN_SUBJECTS,
    _SKIP_WORDS,
    EntityIndex,
    Speaker,
    Token,
    is_cue,
    resolve_pronoun,
    speaker_in,
    tokens,
)

_MAX_SUBJECT_TOKENS = 10
_ROLE_NOUNS = {
    "candidate", "nominee", "president", "senator", "governor", "leader", "billionaire",
    "businessman", "mogul", "congressman", "congresswoman", "frontrunner", "front-runner",
    "chairman", "chairwoman", "secretary", "minister", "premier", "chancellor", "mayor",
}
_ELIDED_SUBJECT_BEFORE = {"and", "but", "or", "before", "after", "while", "to", "then", "when", "by", "as", "also"}
_CONTEXT_PARAGRAPHS = 2
_CUE_RE = re.compile(r"\b(?:" + "|".join(sorted((re.escape(v) for v in SPEECH_VERBS if v.isalpha()), key=len, reverse=True)) + r")\b")


@dataclass
class _Attribution:
    speaker: Speaker | None
    cue: str | None


def find_quotes(text: str, entities: list[EntityMention], sentences: list[tuple[int, int]]) -> list[Quote]:
    spans = find_quote_spans(text)
    if not spans:
        return []
    index = EntityIndex(text, entities, [(q.inner_start, q.inner_end) for q in spans])
    paragraphs = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]
    para_starts = [s for s, _ in paragraphs]
    sent_starts = [s for s, _ in sentences]
    acts = _speech_acts(text, index, sentences, sent_starts)
    act_positions = [p for p, _ in acts]

    quotes: list[Quote] = []
    prev: tuple[QuoteSpan, _Attribution, int] | None = None  # span, attribution, paragraph
    last_speaker: str | None = None
    for i, q in enumerate(spans):
        p = bisect.bisect_right(para_starts, q.open) - 1
        ps, pe = paragraphs[p]
        nxt = spans[i + 1].open if i + 1 < len(spans) and spans[i + 1].open < pe else pe
        same_para_prev = prev is not None and prev[2] == p
        left = prev[0].close if same_para_prev and prev else ps
        sent_start = sent_starts[max(0, bisect.bisect_right(sent_starts, q.open) - 1)] if sent_starts else ps
        attr = _choose(
            _after_cue(text, index, q, nxt, last_speaker),
            _before_cue(text, index, q, max(left, sent_start if sent_start <= q.open else ps), last_speaker),
        )
        partial = _is_partial(text, q, ps)
        inherited = False
        if attr is None and prev is not None and (same_para_prev or (q.continued and prev[2] == p - 1)):
            attr, inherited = prev[1], True
        continues = prev is not None and (
            (q.continued and prev[2] == p - 1) or (same_para_prev and _cue_gap(text, prev, q, attr, inherited))
        )
        if continues and prev is not None and quotes and quotes[-1].end <= q.open:
            partial = quotes[-1].partial  # '"Supporters of others," Blackwell added, "have focused..."'
        if attr is None and not partial and q.open == _first_char(text, ps):
            attr = _from_context(text, index, q, acts, act_positions, paragraphs[max(0, p - _CONTEXT_PARAGRAPHS)][0], quotes, last_speaker)
        if partial and (attr is None or attr.cue is None or inherited):
            continue  # a scare quote or a title, not something someone said
        speaker = attr.speaker if attr else None
        quotes.append(
            Quote(
                text=text[q.inner_start:q.inner_end].strip(),
                speaker=speaker.name if speaker else None,
                speaker_start=speaker.start if speaker and speaker.start >= 0 else None,
                speaker_end=speaker.end if speaker and speaker.start >= 0 else None,
                cue=attr.cue if attr else None,
                partial=partial,
                start=q.inner_start,
                end=q.inner_start + len(text[q.inner_start:q.inner_end].rstrip()),
                continues=continues and bool(quotes),
            )
        )
        prev = (q, attr or _Attribution(None, None), p)
        if speaker and speaker.name:
            last_speaker = speaker.name
    _carry_speakers_back(quotes)
    return quotes


def _carry_speakers_back(quotes: list[Quote]) -> None:
    """A quote running over paragraphs is attributed at its end ('"...\n\n"...," Warren said'):
    give the earlier fragments the speaker found on the later one."""
    for i in range(len(quotes) - 1, 0, -1):
        later, earlier = quotes[i], quotes[i - 1]
        if later.continues and later.speaker and earlier.speaker is None:
            earlier.speaker, earlier.cue = later.speaker, later.cue
            earlier.speaker_start, earlier.speaker_end = later.speaker_start, later.speaker_end


def _first_char(text: str, pos: int) -> int:
    while pos < len(text) and text[pos] in " \t":
        pos += 1
    return pos


def _choose(after: _Attribution | None, before: _Attribution | None) -> _Attribution | None:
    """A named speaker wins; between two, the cue after the quote (the usual news order)."""
    for attr in (after, before):
        if attr is not None and attr.speaker is not None and attr.speaker.name:
            return attr
    return after or before


def _cue_gap(text: str, prev: tuple[QuoteSpan, _Attribution, int], q: QuoteSpan, attr: _Attribution | None, inherited: bool) -> bool:
    """Only a cue clause separates this quote from the previous one: the same speech goes on."""
    gap = tokens(text, prev[0].close, q.open)
    if len(gap) > 25 or any(t.text in "!?" for t in gap):
        return False
    if inherited:
        return True
    prev_name = prev[1].speaker.name if prev[1].speaker else None
    return (
        attr is not None
        and attr.speaker is not None
        and attr.speaker.name == prev_name
        and any(is_cue(t) for t in gap)
    )


def _is_partial(text: str, q: QuoteSpan, para_start: int) -> bool:
    """Woven into the reporter's sentence ('restoring a 'long-term, lasting peace'') rather
    than standing as speech: at the start of a sentence, or after a cue, a comma or a colon."""
    inner = text[q.inner_start:q.inner_end].strip()
    if not any(c.isalnum() for c in inner):
        return True
    before = text[para_start:q.open].rstrip()
    if not before or before[-1] in ".!?:,;\"'”’(":
        return False
    return not _ends_with_cue(before)


def _ends_with_cue(before: str) -> bool:
    last = before.split()[-1:] if before.split() else []
    return bool(last) and last[0].lower() in SPEECH_VERBS


def _stop_index(toks: list[Token]) -> int:
    """Index of the first sentence-ending token (abbreviation dots do not count)."""
    for i, t in enumerate(toks):
        prev = toks[i - 1] if i > 0 else None
        initial = prev is not None and len(prev.text) == 1 and prev.text.isupper()
        if t.text in ".!?" and not (t.text == "." and prev is not None and (prev.low in _ABBREV or initial)):
            return i
    return len(toks)


def _after_cue(text: str, index: EntityIndex, q: QuoteSpan, limit: int, last: str | None) -> _Attribution | None:
    """'"...," Putin said' / '"...," said X' / '"...," according to X'."""
    toks = tokens(text, q.close, min(limit, q.close + 200))
    toks = toks[: _stop_index(toks)]
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
            return _Attribution(Speaker(e.canonical or e.name, e.start, e.end), toks[first_cue].low)
    for k, t in enumerate(toks[: max_k + 1]):
        if t.low == "according" and k + 1 < len(toks) and toks[k + 1].low == "to":
            sp = speaker_in(index, toks[k + 1].end, _phrase_end(toks, k + 2), last, subject=False)
            return _Attribution(sp, "according to")
        if not is_cue(t):
            continue
        if k == 0 or all(x.text == "," or x.low in _SKIP_WORDS for x in toks[:k]):
            sp = speaker_in(index, t.end, _phrase_end(toks, k + 1), last, subject=False)
        else:
            sp = _subject_before(text, index, toks[:k], last, t)
        return _Attribution(sp, t.low)
    return None


def _phrase_end(toks: list[Token], start: int) -> int:
    """End of a speaker phrase after an inverted cue: up to 10 tokens, stopping at a verb-ish cut."""
    end_tok = toks[min(len(toks), start + _MAX_SUBJECT_TOKENS) - 1] if toks[start:] else None
    return end_tok.end if end_tok else (toks[start - 1].end if toks else 0)


def _subject_before(
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
        while head and (head[0].low in ("the", "but", "and", "then", "so") or head[0].text.rstrip(".") in PERSON_TITLES):
            head = head[1:]
        if not head:
            continue
        ents = index.within(head[0].start, start + piece.end())
        if ents and ents[0].start == head[0].start and ents[0].type in ("PERSON", "ORG"):
            e = ents[0]
            return Speaker(e.canonical or e.name, e.start, e.end)
        if head[0].low in ("he", "she"):
            return Speaker(resolve_pronoun(index, head[0].start, None), head[0].start, head[0].end)
    return None


def _subject_near(text: str, index: EntityIndex, toks: list[Token], last: str | None) -> Speaker | None:
    while toks and (toks[-1].low in _SKIP_WORDS):
        toks = toks[:-1]
    toks = toks[-_MAX_SUBJECT_TOKENS:]
    if not toks:
        return None
    tail = toks[-1]
    if tail.low in _PRONOUN_SUBJECTS:
        name = resolve_pronoun(index, tail.start, last) if tail.low in ("he", "she") else None
        return Speaker(name, tail.start, tail.end)
    if tail.text == ",":  # "Sen. Ted Cruz, R-Texas, said": the name before the apposition
        return speaker_in(index, toks[0].start, tail.end, last, subject=True)
    ents = index.within(toks[0].start, tail.end)
    if ents and ents[-1].end >= tail.start:  # "Putin said", "the Democratic National Committee said"
        e = ents[-1]
        return Speaker(e.canonical or e.name, e.start, e.end)
    if tail.low in _INSTITUTION_NOUNS:  # "Zelensky's office said", "a Kremlin spokesman said"
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


def _before_cue(text: str, index: EntityIndex, q: QuoteSpan, left: int, last: str | None) -> _Attribution | None:
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
            return _Attribution(sp, "according to")
        if is_cue(t):
            sp = _subject_before(text, index, toks[:k], last, t)
            if sp is None or (sp.name is None and not index.within(t.end, q.open)):
                inverted = speaker_in(index, t.end, q.open, last, subject=False)
                sp = inverted if inverted and inverted.name else sp
            return _Attribution(sp, t.low)
    if toks[-1].text == ":" and len(toks) <= 25:  # "George Beebe, director of ...: "..."
        ents = index.within(toks[0].start, toks[-1].start)
        people = [e for e in ents if e.type == "PERSON"]
        e = people[0] if people else (ents[-1] if ents else None)
        if e is not None:
            return _Attribution(Speaker(e.canonical or e.name, e.start, e.end), None)
        head = list(itertools.takewhile(lambda t: t.text[:1].isupper(), toks[:4]))
        name = index.name_like(head) if head and toks[0].start == _first_char(text, left) else None
        if name:  # a headline 'Trump: "..."' whose name the tagger missed
            return _Attribution(Speaker(name, head[0].start, head[-1].end), None)
    return None


def _speech_acts(text: str, index: EntityIndex, sentences: list[tuple[int, int]], sent_starts: list[int]) -> list[tuple[int, str]]:
    """(position, speaker) of every speech verb outside quotes whose subject is a name."""
    acts: list[tuple[int, str]] = []
    for m in _CUE_RE.finditer(text):
        if index.in_quote(m.start()):
            continue
        si = bisect.bisect_right(sent_starts, m.start()) - 1
        left = sentences[si][0] if si >= 0 else 0
        toks = tokens(text, max(left, m.start() - 120), m.start())
        sp = _subject_before(text, index, toks, None)
        if sp and sp.name:
            acts.append((m.start(), sp.name))
    return acts


def _from_context(
    text: str,
    index: EntityIndex,
    q: QuoteSpan,
    acts: list[tuple[int, str]],
    act_positions: list[int],
    window_start: int,
    quotes: list[Quote],
    last: str | None,
) -> _Attribution | None:
    """A quote alone in its paragraph: the most recent speaker of the paragraphs before it."""
    i = bisect.bisect_left(act_positions, q.open) - 1
    best_pos, best = -1, None
    if i >= 0 and acts[i][0] >= window_start:
        best_pos, best = acts[i]
    if quotes and quotes[-1].speaker and quotes[-1].start >= window_start and quotes[-1].start > best_pos:
        best_pos, best = quotes[-1].start, quotes[-1].speaker
    if best is None:
        return None
    return _Attribution(Speaker(best, -1, -1), None)  # named by context, not in this sentence
