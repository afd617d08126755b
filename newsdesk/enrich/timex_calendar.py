"""Calendar arithmetic for time normalisation, and the tense cue that picks past or future.

Values follow TimeML: 2025-05-15, 2025-05, 2025, 2025-W19, 2025-Q2, 2025-FA, 2025-H1.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

from .timex_lexicon import SEASON_START

PAST, UNKNOWN, FUTURE = -1, 0, 1

# Cues read around a mention inside its sentence. The nearest cue decides; with none, news
# prose reports the past, so the caller defaults to PAST.
_FUTURE_CUE = re.compile(
    r"\b(?:will|shall|won't|would|going\s+to|plans?\s+to|expects?\s+to|(?:is|are)\s+expected\s+to"
    r"|scheduled|(?:is|are)\s+set\s+to|(?:is|are)\s+due|(?:is|are)\s+to|intends?\s+to|hopes?\s+to|aims?\s+to"
    r"|upcoming|next|until|till|ahead\s+of|as\s+soon\s+as|as\s+early\s+as|planned|planning|plans"
    r"|(?:ready|willing|prepared)\s+to)\b|'ll\b"
)
# "by February", "through January": a deadline or a span reaching forward
_ADJACENT_FUTURE = re.compile(r"\b(?:by|through|until|till)\s+$")
# an -ed participle after "be"/"is" (will be named, is scheduled) or an un-...-ed adjective is no past tense
_NOT_PAST = re.compile(r"\b(?:be|being|is|are|am)\s+$|\bun\w*ed$")
# an infinitive verb shortly before: "to resume negotiations already on Thursday"
_INFINITIVE = re.compile(
    r"\bto\s+(?!(?:the|a|an|his|her|their|its|our|my|your|this|that|these|those|be|have|date|about"
    r"|around|over|under|more|less|record|highs?|lows?)\b)[a-z]{3,}\b"
)
_PAST_CUE = re.compile(
    r"\b(?:was|were|had|did|said|says|told|ago|last|earlier|since|came|went|met|began|held|took"
    r"|gave|made|left|fell|rose|saw|spoke|sent|struck|won|lost|paid|sold|bought|brought|thought"
    r"|hit|cut|set|put|led|ran|wrote|became|got|found|kept|shot|broke|fought|flew|drew|grew"
    r"|[a-z]{3,}ed)\b"
)
# A quotation mark bounds a clause too: in '"I will be waiting on Thursday," Zelensky said' the
# quoted words' tense is the speaker's, not the reporting verb's. So does a comma opening a
# subordinate clause: 'ready to meet on Thursday, after Moscow proposed talks'.
_LEFT_BOUND = re.compile(r"[.;!?\n\"“”]")
_RIGHT_BOUND = re.compile(r"[.;!?\n\"“”]|,\s+(?:after|before|when|while|since|because|although|though|but)\b")


def direction(text: str, start: int, end: int) -> int:
    """PAST or FUTURE from the verbs nearest to text[start:end] in its sentence, else UNKNOWN."""
    left_lo = max(0, start - 120)
    left = text[left_lo:start]
    cut = max((m.end() for m in _LEFT_BOUND.finditer(left)), default=0)
    left_lo += cut
    right_hi = min(len(text), end + 60)
    right_end = _RIGHT_BOUND.search(text, end, right_hi)
    right_hi = right_end.start() if right_end else right_hi

    if _ADJACENT_FUTURE.search(text, max(0, start - 9), start):
        return FUTURE
    best: tuple[int, int] | None = None  # (distance, direction)
    for m in _INFINITIVE.finditer(text, max(left_lo, start - 40), start):
        best = (start - m.end(), FUTURE)
    for cue, sense in ((_FUTURE_CUE, FUTURE), (_PAST_CUE, PAST)):
        for m in cue.finditer(text, left_lo, start):
            if sense == PAST and _not_past(text, m):
                continue
            cand = (start - m.end(), sense)
            if best is None or cand[0] < best[0]:
                best = cand
        for m in cue.finditer(text, end, right_hi):
            if sense == PAST and _not_past(text, m):
                continue
            # words after the mention count a little less than words before it
            cand = (m.start() - end + 15, sense)
            if best is None or cand[0] < best[0]:
                best = cand
            break
    return best[1] if best else UNKNOWN


def _not_past(text: str, m: re.Match) -> bool:
    """A past-looking cue that is not a past tense: "scheduled" (a future cue), "will be named"."""
    word = m.group()
    if _FUTURE_CUE.fullmatch(word):
        return True
    if word.endswith("ed"):
        if _NOT_PAST.search(word) or _NOT_PAST.search(text, max(0, m.start() - 7), m.start()):
            return True
    return False


def iso_day(d: date) -> str:
    return d.isoformat()


def iso_week(d: date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y}-W{w:02d}"


def shift_month(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def weekday_date(ref: date, weekday: int, sense: int, explicit: str = "") -> date:
    """The date of `weekday` relative to `ref`: same day, the last one (past) or the next (future).

    `explicit` is "last", "next" or "this" when the text says so; it beats the tense cue.
    """
    diff = weekday - ref.weekday()
    if explicit == "last":
        return ref - timedelta(days=(-diff) % 7 or 7)
    if explicit == "next":
        return ref + timedelta(days=diff % 7 or 7)
    if diff == 0:
        return ref
    if sense == FUTURE:
        return ref + timedelta(days=diff % 7)
    return ref - timedelta(days=(-diff) % 7)


# how far from the reference the tense may move a month or day written without a year: news
# reports reach further back (last winter's events) than forward
_PAST_REACH_DAYS = 310
_FUTURE_REACH_DAYS = 200


def nearest_year(ref: date, month: int, day: int | None, sense: int) -> int:
    """The year of a month (and day) written without one.

    The nearest occurrence to `ref`, unless the tense says past (then not after `ref`) or future
    (then not before `ref`) and that choice stays within ten months back or about six forward.
    """
    def as_date(year: int) -> date:  # clamped: "April 31" still gets a year (the caller rejects it)
        return date(year, month, min(day or 1, calendar.monthrange(year, month)[1]))

    candidates = [ref.year - 1, ref.year, ref.year + 1]

    def distance(year: int) -> int:
        if day is None:
            return abs((year * 12 + month) - (ref.year * 12 + ref.month)) * 30
        return abs((as_date(year) - ref).days)

    year = min(candidates, key=distance)
    same_month = day is None and year == ref.year and month == ref.month
    if same_month:
        return year
    later = as_date(year) > ref if day is not None else (year, month) > (ref.year, ref.month)
    if sense == PAST and later and distance(year - 1) <= _PAST_REACH_DAYS:
        return year - 1
    if sense == FUTURE and not later and distance(year + 1) <= _FUTURE_REACH_DAYS:
        return year + 1
    return year


def quarter_of(d: date) -> int:
    return (d.month - 1) // 3 + 1


def last_quarter(ref: date) -> tuple[int, int]:
    """The last completed quarter before `ref`'s quarter."""
    q = quarter_of(ref) - 1
    return (ref.year, q) if q else (ref.year - 1, 4)


def season_of(d: date) -> tuple[int, str]:
    """(year, code) of the season `d` falls in; December-February is the winter of December's year."""
    m = d.month
    if m in (1, 2):
        return d.year - 1, "WI"
    for code, first in sorted(SEASON_START.items(), key=lambda kv: -kv[1]):
        if m >= first:
            return d.year, code
    return d.year, "WI"


def season_value(ref: date, code: str, explicit: str, sense: int) -> str:
    """The season `code` relative to `ref` ("last fall", "this spring", "next winter")."""
    cur_year, cur_code = season_of(ref)
    order = ["SP", "SU", "FA", "WI"]
    cur_index = cur_year * 4 + order.index(cur_code)
    same_year_index = cur_year * 4 + order.index(code)
    if explicit == "this":
        index = same_year_index
    elif explicit == "last" or (sense == PAST and same_year_index > cur_index):
        index = same_year_index if same_year_index < cur_index else same_year_index - 4
    elif explicit == "next" or (sense == FUTURE and same_year_index < cur_index):
        index = same_year_index if same_year_index > cur_index else same_year_index + 4
    else:
        index = same_year_index
    return f"{index // 4}-{order[index % 4]}"
