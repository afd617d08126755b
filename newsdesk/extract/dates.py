"""Dates a page states (metadata, dateline) and dates it mentions (for an estimate)."""

from __future__ import annotations

import re
from datetime import datetime, timezone

_MONTHS = {
    m: i + 1
    for i, names in enumerate(
        [("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
         ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"),
         ("october", "oct"), ("november", "nov"), ("december", "dec")]
    )
    for m in names
}
_MONTH = r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
_MDY = re.compile(rf"\b{_MONTH}\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})\b", re.I)
_DMY = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}\.?,?\s+(\d{{4}})\b", re.I)
_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?")


def _make(year: int, month: int, day: int) -> datetime | None:
    try:
        return datetime(year, month, day, tzinfo=timezone.utc)
    except ValueError:
        return None


def _month(name: str) -> int | None:
    key = name.lower()
    return _MONTHS.get(key) or _MONTHS.get(key[:3])


def dates_in(text: str) -> list[datetime]:
    """Every full calendar date (day, month and year) written in `text`."""
    found: list[datetime] = []
    for m in _MDY.finditer(text):
        month = _month(m.group(1))
        d = _make(int(m.group(3)), month, int(m.group(2))) if month else None
        if d:
            found.append(d)
    for m in _DMY.finditer(text):
        month = _month(m.group(2))
        d = _make(int(m.group(3)), month, int(m.group(1))) if month else None
        if d:
            found.append(d)
    for m in _ISO.finditer(text):
        d = _make(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        if d:
            found.append(d)
    return found


def parse_date(value: str | datetime | None) -> datetime | None:
    """A stated date (ISO string, or free text such as 'May 11, 2025') as an aware datetime."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=timezone.utc)
    value = str(value).strip()
    if not value:
        return None
    try:
        d = datetime.fromisoformat(value.replace("Z", "+00:00"))
        return d if d.tzinfo else d.replace(tzinfo=timezone.utc)
    except ValueError:
        pass
    found = dates_in(value)
    if found:
        return found[0]
    try:
        from email.utils import parsedate_to_datetime

        return parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None


def estimate_from(lines: list[str], not_after: datetime | None) -> datetime | None:
    """The latest full date the page's own text mentions (not after it was fetched)."""
    candidates = [d for line in lines for d in dates_in(line)]
    if not_after is not None:
        limit = not_after if not_after.tzinfo else not_after.replace(tzinfo=timezone.utc)
        candidates = [d for d in candidates if d <= limit]
    return max(candidates) if candidates else None
