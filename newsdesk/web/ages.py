"""Human ages ("5 minutes ago") and dates for pages and the API."""

from __future__ import annotations

from datetime import datetime, timezone


def as_utc(moment: datetime) -> datetime:
    """Naive datetimes are taken as UTC (the store keeps UTC)."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(timezone.utc)


def _plural(count: int, unit: str) -> str:
    return f"{count} {unit}{'' if count == 1 else 's'} ago"


def age_text(moment: datetime | None, now: datetime | None = None) -> str:
    """'just now', 'N minutes ago', 'N hours ago', 'N days ago'; '' when unknown.

    A moment slightly in the future (clock skew between outlets) reads 'just now';
    one far in the future is shown as a date rather than a negative age.
    """
    if moment is None:
        return ""
    now = as_utc(now or datetime.now(timezone.utc))
    seconds = (now - as_utc(moment)).total_seconds()
    if seconds < -3600:
        return as_utc(moment).strftime("on %d %b %Y")
    if seconds < 60:
        return "just now"
    minutes = int(seconds // 60)
    if minutes < 60:
        return _plural(minutes, "minute")
    hours = minutes // 60
    if hours < 24:
        return _plural(hours, "hour")
    return _plural(hours // 24, "day")


def date_text(moment: datetime | None) -> str:
    """A reader's date: '11 May 2025, 06:30 UTC' (date only when the time is midnight)."""
    if moment is None:
        return ""
    moment = as_utc(moment)
    if (moment.hour, moment.minute, moment.second) == (0, 0, 0):
        return moment.strftime("%-d %b %Y")
    return moment.strftime("%-d %b %Y, %H:%M UTC")
