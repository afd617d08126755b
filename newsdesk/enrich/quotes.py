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
import re

from ..models import EntityMention, Quote
from .cues import Attribution, after_cue, before_cue, stop_index, subject_before
from .lexicon import SPEECH_VERBS
from .quote_marks import QuoteSpan, find_quote_spans
from .speakers import EntityIndex, Speaker, is_cue, tokens

# words that carry on the speaker's sentence after a quote ('"...," which votes in June')
_CLAUSE_OPENERS = {"which", "who", "where", "when", "as", "and", "but", "so", "because", "while", "or"}
_CONTEXT_PARAGRAPHS = 2
_CUE_RE = re.compile(r"\b(?:" + "|".join(sorted((re.escape(v) for v in SPEECH_VERBS if v.isalpha()), key=len, reverse=True)) + r")\b")

LOOK_BACK = 200  # characters before a quote searched for its last word


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
    prev: tuple[QuoteSpan, Attribution, int] | None = None  # span, attribution, paragraph
    last_speaker: str | None = None
    for i, q in enumerate(spans):
        p = bisect.bisect_right(para_starts, q.open) - 1
        ps, pe = paragraphs[p]
        nxt = spans[i + 1].open if i + 1 < len(spans) and spans[i + 1].open < pe else pe
        same_para_prev = prev is not None and prev[2] == p
        left = prev[0].close if same_para_prev and prev else ps
        sent_start = sent_starts[max(0, bisect.bisect_right(sent_starts, q.open) - 1)] if sent_starts else ps
        attr = _choose(
            after_cue(text, index, q, nxt, last_speaker),
            before_cue(text, index, q, max(left, sent_start if sent_start <= q.open else ps), last_speaker),
        )
        partial = _is_partial(text, q, ps)
        inherited = False
        if attr is None and prev is not None and (
            (same_para_prev and _nothing_after(text, q, nxt)) or (q.continued and prev[2] == p - 1)
        ):
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
        if attr is None and len(text[q.inner_start:q.inner_end].split()) < 4 and not q.runs_on:
            continue  # a short quoted title ("Eclipsed."), nobody says it
        speaker = attr.speaker if attr else None
        inner = text[q.inner_start:q.inner_end]
        start = q.inner_start + len(inner) - len(inner.lstrip())
        end = q.inner_start + len(inner.rstrip())
        if end <= start:
            continue
        quotes.append(
            Quote(
                text=text[start:end],
                speaker=speaker.name if speaker else None,
                speaker_start=speaker.start if speaker and speaker.start >= 0 else None,
                speaker_end=speaker.end if speaker and speaker.start >= 0 else None,
                cue=attr.cue if attr else None,
                partial=partial,
                start=start,
                end=end,
                continues=continues and bool(quotes),
            )
        )
        prev = (q, attr or Attribution(None, None), p)
        if speaker and speaker.name:
            last_speaker = speaker.name
    _carry_speakers_back(quotes)
    return quotes


def _nothing_after(text: str, q: QuoteSpan, limit: int) -> bool:
    """The quote ends its sentence: no clause of its own follows ('"...," was another')."""
    toks = tokens(text, q.close, limit)
    words = [t for t in toks[: stop_index(toks)] if t.text[:1].isalpha()]
    return not words or words[0].low in _CLAUSE_OPENERS


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


def _choose(after: Attribution | None, before: Attribution | None) -> Attribution | None:
    """A named speaker wins; between two, the cue after the quote (the usual news order)."""
    for attr in (after, before):
        if attr is not None and attr.speaker is not None and attr.speaker.name:
            return attr
    return after or before


def _cue_gap(text: str, prev: tuple[QuoteSpan, Attribution, int], q: QuoteSpan, attr: Attribution | None, inherited: bool) -> bool:
    """Only a cue clause separates this quote from the previous one: the same speech goes on."""
    gap = tokens(text, prev[0].close, q.open)
    if len(gap) > 45 or any(t.text in "!?" for t in gap):
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
    # only the last word before the quote matters: look at a short window, not the whole
    # paragraph (a paragraph of thousands of quotes made this quadratic)
    start = max(para_start, q.open - LOOK_BACK)
    before = text[start:q.open].rstrip()
    if not before and start > para_start:
        before = text[para_start:q.open].rstrip()
    if not before or before[-1] in ".!?:,;\"'”’(":
        return False
    return not _ends_with_cue(before)


def _ends_with_cue(before: str) -> bool:
    last = before.rsplit(maxsplit=1)[-1:]
    return bool(last) and last[0].lower() in SPEECH_VERBS


def _speech_acts(text: str, index: EntityIndex, sentences: list[tuple[int, int]], sent_starts: list[int]) -> list[tuple[int, str]]:
    """(position, speaker) of every speech verb outside quotes whose subject is a name."""
    acts: list[tuple[int, str]] = []
    for m in _CUE_RE.finditer(text):
        if index.in_quote(m.start()):
            continue
        si = bisect.bisect_right(sent_starts, m.start()) - 1
        left = sentences[si][0] if si >= 0 else 0
        toks = tokens(text, max(left, m.start() - 120), m.start())
        sp = subject_before(text, index, toks, None)
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
) -> Attribution | None:
    """A quote alone in its paragraph: the most recent speaker of the paragraphs before it."""
    i = bisect.bisect_left(act_positions, q.open) - 1
    best_pos, best = -1, None
    if i >= 0 and acts[i][0] >= window_start:
        best_pos, best = acts[i]
    if quotes and quotes[-1].speaker and quotes[-1].start >= window_start and quotes[-1].start > best_pos:
        best_pos, best = quotes[-1].start, quotes[-1].speaker
    if best is None:
        return None
    return Attribution(Speaker(best, -1, -1), None)  # named by context, not in this sentence
