"""Calendar arithmetic for time normalisation, and the tense cue that picks past or future.

Values follow TimeML: 2025-05-15, 2025-05, 2025, 2025-W19, 2025-Q2, 2025-FA, 2025-H1.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from .timex_lexicon import SEASON_START

PAST, UNKNOWN, FUTURE = -1, 0, 1

# Cues read around a mention inside its sentence. The nearest cue decides; with none, news
# prose reports the past, so the caller defaults to PAST.
_FUTURE_CUE = re.compile(
    r"\b(?:will|shall|won't|would|going\s+to|plans?\s+to|planned\s+to|expects?\s+to|expected\s+to"
    r"|scheduled|set\s+to|due\s+to|(?:is|are)\s+to|intends?\s+to|hopes?\s+to|aims?\s+to|upcoming"
    r"|next|until|till|ahead\s+of|by|might|may|could|should|starting|beginning|from)\b|'ll\b"
    # an infinitive verb a few words before: "to resume negotiations already on Thursday"
    r"|\bto\s+(?!(?:the|a|an|his|her|their|its|our|my|your|this|that|be|have|date)\b)[a-z]{3,}\b"
)
_PAST_CUE = re.compile(
    r"\b(?:was|were|had|did|said|says|told|ago|last|earlier|since|came|went|met|began|held|took"
    r"|gave|made|left|fell|rose|saw|spoke|sent|struck|won|lost|paid|sold|bought|brought|thought"
    r"|hit|cut|set|put|led|ran|wrote|became|got|found|kept|shot|broke|fought|flew|drew|grew"
    r"|[a-z]{3,}ed)\b"
)
_CLAUSE_END = re.compile(r"[.;!?\n]")


def direction(text: str, start: int, end: int) -> int:
    """PAST or FUTURE from the verbs nearest to text[start:end] in its sentence, else UNKNOWN."""
    left_lo = max(0, start - 120)
    left = text[left_lo:start]
    cut = max((m.end() for m in _CLAUSE_END.finditer(left)), default=0)
    left_lo += cut
    right_hi = min(len(text), end + 60)
    right_end = _CLAUSE_END.search(text, end, right_hi)
    right_hi = right_end.start() if right_end else right_hi

    best: tuple[int, int] | None = None  # (distance, direction)
    for cue, sense in ((_FUTURE_CUE, FUTURE), (_PAST_CUE, PAST)):
        for m in cue.finditer(text, left_lo, start):
            if sense == PAST and _FUTURE_CUE.fullmatch(m.group()):
                continue  # "scheduled" is a future cue although it ends in -ed
            cand = (start - m.end(), sense)
            if best is None or cand[0] < best[0]:
                best = cand
        for m in cue.finditer(text, end, right_hi):
            if sense == PAST and _FUTURE_CUE.fullmatch(m.group()):
                continue
            # words after the mention count a little less than words before it
            cand = (m.start() - end + 15, sense)
            if best is None or cand[0] < best[0]:
                best = cand
            break
    return best[1] if best else UNKNOWN


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


def nearest_year(ref: date, month: int, day: int | None, sense: int) -> int:
    """The year of a month (and day) written without one.

    The nearest occurrence to `ref`, unless the tense says past (then not after `ref`) or future
    (then not before `ref`) and that choice stays within about ten months.
    """
    def as_date(year: int) -> date:
        d = min(day or 1, 28) if month == 2 else (day or 1)
        return date(year, month, d)

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
    if sense == PAST and later and distance(year - 1) <= 310:
        return year - 1
    if sense == FUTURE and not later and distance(year + 1) <= 310:
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
    if explicit == "last" or (explicit != "next" and sense == PAST and same_year_index > cur_index):
        index = same_year_index if same_year_index < cur_index else same_year_index - 4
    elif explicit == "next" or (sense == FUTURE and same_year_index < cur_index):
        index = same_year_index if same_year_index > cur_index else same_year_index + 4
    else:
        index = same_year_index
    return f"{index // 4}-{order[index % 4]}"
