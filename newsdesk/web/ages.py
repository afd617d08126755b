"""Human ages ("5 minutes ago") and dates for pages and the API."""

from __future__ import annotations

from contextvars import ContextVar, Token
from datetime import datetime, timedelta, timezone

# While a page is built for the response cache: [the moment (epoch s) at which the first age it
# shows would read differently, whether the page opted in (its only dependence on the clock is
# through ages and `note_change`)]. The list is shared with the worker thread that renders.
_HORIZON: ContextVar[list | None] = ContextVar("newsdesk_age_horizon", default=None)


def track_changes() -> tuple[list, Token]:
    """Start noting when the ages rendered from here on change; `reset_tracking(token)` ends it."""
    horizon = [float("inf"), False]
    return horizon, _HORIZON.set(horizon)


def reset_tracking(token: Token) -> None:
    _HORIZON.reset(token)


def only_ages_change() -> None:
    """Said by a page whose content moves with the clock only through the ages it renders
    (and `note_change`): the response cache may keep it while none of them would change."""
    horizon = _HORIZON.get()
    if horizon is not None:
        horizon[1] = True


def note_change(at: datetime) -> None:
    """The page shows something that reads differently from `at` on (a "developing" flag)."""
    horizon = _HORIZON.get()
    if horizon is not None:
        horizon[0] = min(horizon[0], as_utc(at).timestamp())


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
    moment = as_utc(moment)
    seconds = (now - moment).total_seconds()
    if seconds < -3600:
        text, changes = moment.strftime("on %d %b %Y"), -3600
    elif seconds < 60:
        text, changes = "just now", 60
    elif (minutes := int(seconds // 60)) < 60:
        text, changes = _plural(minutes, "minute"), (minutes + 1) * 60
    elif (hours := minutes // 60) < 24:
        text, changes = _plural(hours, "hour"), (hours + 1) * 3600
    else:
        text, changes = _plural(hours // 24, "day"), (hours // 24 + 1) * 86400
    if _HORIZON.get() is not None:
        note_change(moment + timedelta(seconds=changes))
    return text


def date_text(moment: datetime | None) -> str:
    """A reader's date: '11 May 2025, 06:30 UTC' (date only when the time is midnight)."""
    if moment is None:
        return ""
    moment = as_utc(moment)
    if (moment.hour, moment.minute, moment.second) == (0, 0, 0):
        return moment.strftime("%-d %b %Y")
    return moment.strftime("%-d %b %Y, %H:%M UTC")
