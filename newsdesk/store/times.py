"""Datetimes in and out of the database: ISO-8601 text, always UTC.

Naive datetimes are taken as UTC (what the stages produce when a page gives no zone).
"""

from __future__ import annotations

from datetime import datetime, timezone


def to_db(value: datetime | None) -> str | None:
    if value is None:
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=timezone.utc)
    return value.astimezone(timezone.utc).isoformat(timespec="seconds")


def from_db(value: str | None) -> datetime | None:
    if not value:
        return None
    parsed = datetime.fromisoformat(value)
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=timezone.utc)


def now_db() -> str:
    return to_db(datetime.now(timezone.utc))  # type: ignore[return-value]
