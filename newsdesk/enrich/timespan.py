"""The calendar days a TimeML value covers, for sorting and drawing timelines.

"2025-05-15" is one day, "2024-06" the whole of June 2024, "2022" the whole year,
"2025-05-08/2025-05-10" the three days of the range. Durations, sets and vague
references ("P30D", "PAST_REF") cover no day and give None.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta

from .events import value_start


def value_span(value: str | None) -> tuple[date, date] | None:
    """(first day, last day) covered by an ISO/TimeML date value, or None."""
    if not value:
        return None
    if "/" in value:
        left, _, right = value.partition("/")
        a, b = value_span(left), value_span(right)
        if a is None or b is None:
            return None
        return (min(a[0], b[0]), max(a[1], b[1]))
    first = value_start(value)
    if first is None:
        return None
    return first, _last_day(value, first)


def _last_day(value: str, first: date) -> date:
    body = value.split("T", 1)[0]
    if len(body) == 10:  # 2025-05-15
        return first
    if "-W" in body and body[-2:].isdigit():
        return first + timedelta(days=6)
    if "-Q" in body:
        return _month_end(first.year, first.month + 2)
    if "-H" in body:
        return _month_end(first.year, first.month + 5)
    if body[-2:] in ("SP", "SU", "FA", "WI"):
        return _month_end(first.year + (first.month + 2 > 12), (first.month + 2 - 1) % 12 + 1)
    if len(body) == 7:  # 2024-06
        return _month_end(first.year, first.month)
    if len(body) == 4:
        return date(first.year, 12, 31)
    if len(body) == 3:  # a decade: 199
        return date(first.year + 9, 12, 31)
    if len(body) == 2:  # a century: 19
        return date(first.year + 99, 12, 31)
    return first


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])
