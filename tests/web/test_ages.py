from datetime import datetime, timedelta, timezone

import pytest

from newsdesk.web.ages import age_text, date_text

NOW = datetime(2025, 5, 11, 12, 0, tzinfo=timezone.utc)


@pytest.mark.parametrize(
    "delta, expected",
    [
        (timedelta(seconds=5), "just now"),
        (timedelta(seconds=-30), "just now"),  # clock skew reads as now
        (timedelta(minutes=1), "1 minute ago"),
        (timedelta(minutes=59, seconds=59), "59 minutes ago"),
        (timedelta(hours=1), "1 hour ago"),
        (timedelta(hours=23, minutes=59), "23 hours ago"),
        (timedelta(days=1), "1 day ago"),
        (timedelta(days=400), "400 days ago"),
    ],
)
def test_age_text(delta: timedelta, expected: str) -> None:
    assert age_text(NOW - delta, now=NOW) == expected


def test_age_text_naive_is_utc_and_other_zones_convert() -> None:
    naive = datetime(2025, 5, 11, 10, 0)
    assert age_text(naive, now=NOW) == "2 hours ago"
    moscow = datetime(2025, 5, 11, 14, 30, tzinfo=timezone(timedelta(hours=3)))  # 11:30 UTC
    assert age_text(moscow, now=NOW) == "30 minutes ago"


def test_age_text_unknown_and_far_future() -> None:
    assert age_text(None) == ""
    assert age_text(NOW + timedelta(days=3), now=NOW) == "on 14 May 2025"


def test_date_text() -> None:
    assert date_text(datetime(2025, 5, 11, tzinfo=timezone.utc)) == "11 May 2025"
    assert date_text(datetime(2025, 5, 11, 6, 5, tzinfo=timezone.utc)) == "11 May 2025, 06:05 UTC"
    assert date_text(None) == ""


def test_a_tracked_render_notes_when_its_first_age_changes() -> None:
    from newsdesk.web.ages import note_change, only_ages_change, reset_tracking, track_changes

    now = datetime(2026, 5, 11, 12, 0, 0, tzinfo=timezone.utc)
    horizon, token = track_changes()
    try:
        assert age_text(now - timedelta(days=3, hours=2), now) == "3 days ago"
        assert horizon[0] == (now + timedelta(hours=22)).timestamp() and horizon[1] is False
        assert age_text(now - timedelta(hours=5, minutes=10), now) == "5 hours ago"
        assert horizon[0] == (now + timedelta(minutes=50)).timestamp()
        assert age_text(now - timedelta(minutes=7, seconds=30), now) == "7 minutes ago"
        assert horizon[0] == (now + timedelta(seconds=30)).timestamp()
        note_change(now + timedelta(seconds=10))
        only_ages_change()
        assert horizon == [(now + timedelta(seconds=10)).timestamp(), True]
    finally:
        reset_tracking(token)
    age_text(now, now)  # not tracked any more
    assert horizon[0] == (now + timedelta(seconds=10)).timestamp()
