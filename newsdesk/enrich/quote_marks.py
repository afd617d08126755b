"""Where the quotations are: pairing quotation marks, one pass per paragraph.

Marks come in two families, double (" “ ” and the typewriter '') and single (' ‘ ’).
The single family collides with apostrophes, so each mark is first classified from its
neighbours: between two letters it is an apostrophe (Putin's, don't), before a digit it
elides a year ('08); after a space and before a word it can open; after a word or
punctuation and before a space or punctuation it can close. Pairing uses a stack, so a
quote nested inside another ('...never ending 'bloodbath' hopefully...') stays inside it.
An unclosed quote that the next paragraph reopens is a quote running over paragraphs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

DOUBLE, SINGLE = "double", "single"
# three marks closing (country,''' said): the inner single quote, then the typewriter double
_MARK = re.compile(r"(?<=\S)'(?='')|''|``|[\"“”'‘’]")
_OPENERS_BEFORE = set(" \t\n([{—–-/:;,")
_MAX_RESTARTS = 4


@dataclass
class Mark:
    pos: int
    length: int
    family: str
    can_open: bool
    can_close: bool


@dataclass
class QuoteSpan:
    open: int  # offset of the opening mark
    close: int  # offset just after the closing mark (paragraph end when it runs on)
    inner_start: int
    inner_end: int
    family: str
    runs_on: bool = False  # unclosed here, continued in the next paragraph
    continued: bool = False  # this span continues a quote from the previous paragraph


def _classify(text: str, m: re.Match[str]) -> Mark | None:
    s, e = m.start(), m.end()
    ch = m.group(0)
    before = text[s - 1] if s > 0 else "\n"
    after = text[e] if e < len(text) else "\n"
    family = DOUBLE if ch in ('"', "“", "”", "''", "``") else SINGLE
    if ch in ("'", "’") and before.isalnum() and after.isalnum():
        return None  # apostrophe inside a word
    if ch in ("'", "‘", "’") and after.isdigit() and not before.isalnum():
        return None  # '08, ’90s
    open_ctx = (before in _OPENERS_BEFORE or before in "\"“'‘") and not after.isspace() and after != "\n"
    close_ctx = (not before.isspace()) and (after.isspace() or not after.isalnum())
    if ch in ("“", "‘", "``"):
        return Mark(s, e - s, family, True, False)
    if ch == "”":
        return Mark(s, e - s, family, False, True)
    if ch == "’" and not open_ctx:
        return Mark(s, e - s, family, False, close_ctx)
    if not (open_ctx or close_ctx):
        return None
    return Mark(s, e - s, family, open_ctx, close_ctx)


def find_quote_spans(text: str) -> list[QuoteSpan]:
    """All outermost quotations of `text`, in order; paragraphs are lines."""
    spans: list[QuoteSpan] = []
    paragraphs = [(p.start(), p.end()) for p in re.finditer(r"[^\n]+", text)]
    pending: QuoteSpan | None = None  # a quote running on from the previous paragraph
    for idx, (ps, pe) in enumerate(paragraphs):
        marks = [mk for m in _MARK.finditer(text, ps, pe) if (mk := _classify(text, m))]
        found, open_mark = _pair(text, marks, ps, pe)
        if pending is not None:
            first = found[0] if found else None
            if first is not None and first.open == _first_char(text, ps):
                first.continued = True
            pending = None
        if open_mark is not None:
            nxt = paragraphs[idx + 1] if idx + 1 < len(paragraphs) else None
            reopens = nxt is not None and _opens_with(text, nxt[0], open_mark.family)
            if reopens or (open_mark.family == DOUBLE and open_mark.pos == _first_char(text, ps)):
                # runs over paragraphs ("...\n\n"...) or lost its closing mark at paragraph end
                q = QuoteSpan(open_mark.pos, pe, open_mark.pos + open_mark.length, pe, open_mark.family, runs_on=reopens)
                found.append(q)
                pending = q if reopens else None
        spans.extend(q for q in found if q.inner_end > q.inner_start)
    return spans


def _first_char(text: str, start: int) -> int:
    while start < len(text) and text[start] in " \t":
        start += 1
    return start


def _opens_with(text: str, start: int, family: str) -> bool:
    i = _first_char(text, start)
    m = _MARK.match(text, i)
    if not m:
        return False
    mk = _classify(text, m)
    return mk is not None and mk.can_open and mk.family == family


def _pair(text: str, marks: list[Mark], ps: int, pe: int) -> tuple[list[QuoteSpan], Mark | None]:
    """Pair marks with a stack; an opener never closed is dropped and pairing restarts
    after it (it was an apostrophe), except the paragraph's last open quote, returned."""
    skip: set[int] = set()
    for _ in range(_MAX_RESTARTS):
        found: list[QuoteSpan] = []
        stack: list[Mark] = []
        for mk in marks:
            if mk.pos in skip:
                continue
            if stack and mk.can_close and mk.family == stack[-1].family and not _possessive(text, mk, stack[-1]):
                opener = stack.pop()
                if not stack:
                    found.append(QuoteSpan(opener.pos, mk.pos + mk.length, opener.pos + opener.length, mk.pos, mk.family))
                continue
            if mk.can_open and (not stack or mk.family != stack[-1].family or _nested_same(text, mk)):
                stack.append(mk)
        if not stack:
            return found, None
        bottom = stack[0]
        if bottom.pos == _first_char(text, ps) and (bottom.family == DOUBLE or _plausible_run_on(text, bottom, pe)):
            # a quote opening the paragraph and left open: it runs on (or lost its closing mark)
            return [q for q in found if q.open < bottom.pos], bottom
        skip.add(bottom.pos)
    return [], None


def _nested_same(text: str, mk: Mark) -> bool:
    """A same-family opener inside an open quote ('...the 'bloodbath' ...'): only when
    it follows a space, as a scare quote does; otherwise it is the closing mark's twin."""
    return mk.pos > 0 and text[mk.pos - 1] == " "


def _possessive(text: str, mk: Mark, opener: Mark) -> bool:
    """Reuters' request: a plural possessive, not the end of the quote it sits in."""
    if mk.family != SINGLE or mk.pos == 0 or text[mk.pos - 1] not in "sS":
        return False
    after = text[mk.pos + mk.length: mk.pos + mk.length + 2]
    words_inside = text[opener.pos: mk.pos].count(" ")
    return len(after) == 2 and after[0] == " " and after[1].islower() and words_inside > 3


def _plausible_run_on(text: str, mark: Mark, pe: int) -> bool:
    """A single-quote opener starting a paragraph with a sentence after it."""
    return pe - mark.pos > 40 and text[mark.pos + mark.length: mark.pos + mark.length + 1].isupper()
