"""enrich(): fill an Article's understanding fields; enrich_many(): the same, batched.

Order matters: entities first (canonical names), then quotes (speakers are entities),
then salience (hashtags, key points) and time (the time helper's functions, when present).
One bad article becomes a logged, empty enrichment, never a stopped batch.
"""

from __future__ import annotations

import bisect
import logging
import re
from collections.abc import Iterable, Iterator
from dataclasses import replace
from datetime import datetime
from itertools import islice
from typing import Any

from ..models import Article, EntityMention
from . import nlp as nlp_mod
from .profiles import Profile, get_profile
from .entities import build_mentions, spans_from_doc, spans_from_rules
from .language import detect_language
from .quotes import find_quotes
from .salience import hashtags, key_points, keywords
from .sentences import split_sentences

log = logging.getLogger(__name__)
BATCH = 16
_SEP = "\n\n"
_PARAGRAPH = re.compile(r"[^\n]+")
_DOUBLE_QUOTE = re.compile(r"[\"“”]|''|``")


def enrich(article: Article, use_model: bool | None = None) -> Article:
    """A copy of `article` with language, sentences, entities, quotes, keywords, hashtags,
    key points, times and events filled. `use_model=False` forces the rule-based tagger."""
    return next(enrich_many([article], use_model=use_model))


def enrich_many(
    articles: Iterable[Article], use_model: bool | None = None, batch_size: int = BATCH, n_process: int = 1,
    model_chars: int | None = None, profile: str | Profile | None = None,
) -> Iterator[Article]:
    """Enrich articles lazily, running the NER model over batches with `nlp.pipe`
    (`n_process` > 1 spreads the model over worker processes). `model_chars`: how much of
    each article the model reads (`[enrich] model_chars`; None or 0: nlp.model_chars()).
    `profile`: `[enrich] profile` (profiles.py; None: quality)."""
    nlp = nlp_mod.get_nlp(use_model)
    prof = profile if isinstance(profile, Profile) else get_profile(profile)
    it = iter(articles)
    while batch := list(islice(it, batch_size)):
        if not all(isinstance(a, Article) for a in batch):
            bad = next(a for a in batch if not isinstance(a, Article))
            raise TypeError(f"enrich expects Article objects, got {type(bad).__name__}: {bad!r:.80}")
        combined = [combine(a) for a in batch]
        docs: list[Any] = [None] * len(batch)
        windows: list[list[tuple[int, int]]] = [[] for _ in batch]
        if nlp is not None:
            limit = model_chars or nlp_mod.model_chars()
            windows = [model_windows(full, len(a.text or ""), limit, prof.lead_chars) for a, (full, _) in zip(batch, combined)]
            texts = ["".join(full[s:e] for s, e in win) for (full, _), win in zip(combined, windows)]
            docs = list(nlp.pipe(texts, batch_size=batch_size, n_process=n_process))
        for article, doc, win, parts in zip(batch, docs, windows, combined):
            yield _enrich_one(article, doc, win, parts)


def model_windows(full: str, body_len: int, limit: int, lead: int = 0) -> list[tuple[int, int]]:
    """The parts of `full` the model reads: the body's first `limit` characters (up to a
    paragraph break) and the headline and captions after the body (their first `limit`).
    The model costs ~0.1 s per 5,000 characters and the lead names who the article is
    about; the rule tagger reads the rest, and canonical names join its mentions to the
    model's ("Putin" late in the text to "Vladimir Putin" of the lead).
    `lead` > 0 (the fast profile): the body's first `lead` characters, then each later
    paragraph holding a double quotation mark (the speakers of quotes), up to `limit` in all."""
    head = model_cut(full[:body_len], lead or limit)
    windows = [(0, head)]
    if lead and head < body_len:
        room = limit - head
        for m in _PARAGRAPH.finditer(full, head, body_len):
            if room <= 0:
                break
            if _DOUBLE_QUOTE.search(m.group()):
                # from the line break before it: the model's text keeps the paragraphs apart
                start, end = m.start() - 1, min(m.end(), m.start() - 1 + room)
                if start < windows[-1][1]:
                    start = windows[-1][1]
                if end > start:
                    windows.append((start, end))
                    room -= end - start
    tail_end = body_len + model_cut(full[body_len:], limit)
    return [*windows, (body_len, tail_end)] if tail_end > body_len else windows


def model_cut(text: str, limit: int) -> int:
    """Where the model stops and the rule tagger takes over: a paragraph break before `limit`."""
    if len(text) <= limit:
        return len(text)
    brk = text.rfind("\n\n", 0, limit)
    return brk if brk > limit // 2 else limit


def combine(article: Article) -> tuple[str, list[tuple[str, int]]]:
    """The body, then the headline and the image captions, as one string for the tagger:
    captions often hold the only full name ("Russian President Vladimir Putin speaks...")
    that the body's "Putin" refers to. Returns the string and (where, start) of each part."""
    parts = [("text", article.text or "")]
    if article.title:
        parts.append(("title", article.title))
    parts += [(f"caption:{i}", img.caption) for i, img in enumerate(article.images) if img.caption]
    starts: list[tuple[str, int]] = []
    pieces: list[str] = []
    pos = 0
    for where, part in parts:
        starts.append((where, pos))
        pieces.append(part)
        pos += len(part) + len(_SEP)
    return _SEP.join(pieces), starts


def _enrich_one(
    article: Article, doc: Any, windows: list[tuple[int, int]], parts: tuple[str, list[tuple[str, int]]]
) -> Article:
    try:
        return _fill(article, doc, windows, parts)
    except Exception:  # one bad article must not stop the batch; keep it unenriched
        log.exception("enrich failed for %s", article.url or (article.title or "")[:60])
        return replace(article)


def _fill(
    article: Article, doc: Any, windows: list[tuple[int, int]], parts: tuple[str, list[tuple[str, int]]]
) -> Article:
    text = article.text or ""
    full, starts = parts
    out = replace(article)
    out.language = detect_language(text, article.title) or article.language
    out.sentences = split_sentences(text)
    spans = _tagged(full, doc, windows)
    out.entities = _place(build_mentions(full, spans), starts)
    in_text = [e for e in out.entities if e.where == "text"]
    out.quotes = find_quotes(text, in_text, out.sentences)
    out.keywords = keywords(text)
    out.hashtags = hashtags(out.entities, out.keywords, len(text), article.title)
    out.key_points = key_points(text, out.sentences, in_text, out.keywords)
    out.times, out.events = _time_stage(out)
    return out


def _tagged(full: str, doc: Any, windows: list[tuple[int, int]]) -> list[tuple[int, int, str]]:
    """Entity spans of `full`: the model's in its windows (offsets mapped back from the
    model's text), the rule tagger's in the gaps (all of `full` without a model)."""
    if doc is None:
        windows = []
    spans: list[tuple[int, int, str]] = []
    placed: list[tuple[int, int, int]] = []  # per window: its start in the model's text, in full, its end in full
    pos = 0
    for start, end in windows:
        placed.append((pos, start, end))
        pos += end - start
    firsts = [m for m, _, _ in placed]
    for s, e, t in spans_from_doc(doc) if doc is not None else []:
        m, start, end = placed[bisect.bisect_right(firsts, s) - 1]
        spans.append((s - m + start, min(e - m + start, end), t))
    gap = 0
    for start, end in [*windows, (len(full), len(full))]:
        if start > gap:  # past the model's share (or without a model): the rule tagger
            spans += [(s + gap, e + gap, t) for s, e, t in spans_from_rules(full[gap:start])]
        gap = max(gap, end)
    return spans


def _place(mentions: list[EntityMention], starts: list[tuple[str, int]]) -> list[EntityMention]:
    """Offsets of the combined string back to the part each mention is in."""
    offsets = [pos for _, pos in starts]
    for m in mentions:
        i = bisect.bisect_right(offsets, m.start) - 1
        where, pos = starts[i]
        m.where, m.start, m.end = where, m.start - pos, m.end - pos
    return mentions


def _time_stage(article: Article) -> tuple[list, list]:
    """Times and events from the time helper's module, when it is installed."""
    times, events = list(article.times), list(article.events)
    try:
        from .timex import find_times  # noqa: PLC0415 - optional, written by the time helper
    except ImportError:
        return times, events
    reference: datetime | None = article.published
    times = find_times(article.text or "", reference)
    try:
        from .events import build_events  # noqa: PLC0415
    except ImportError:
        return times, events
    # events read entity offsets against the body: give them the body's mentions only
    in_text = [e for e in article.entities if e.where == "text"]
    return times, build_events(replace(article, times=times, entities=in_text))
