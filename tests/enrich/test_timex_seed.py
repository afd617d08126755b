"""Acceptance on the seed page: its time expressions against its publication date (2025-05-11)."""

from __future__ import annotations

import re
from datetime import datetime, timezone

import pytest

from newsdesk.enrich.timex import find_times
from newsdesk.models import TimeMention
from tests.conftest import SEED, need_shared
from tests.enrich.seed import seed_article

PUBLISHED = datetime(2025, 5, 11, 9, 30, tzinfo=timezone.utc)


@pytest.fixture(scope="module")
def seed_times() -> tuple[str, list[TimeMention]]:
    text = seed_article(need_shared(SEED)).text
    return text, find_times(text, PUBLISHED)


def _at(seed_times, phrase: str, occurrence: int = 0) -> TimeMention:
    """The mention overlapping the `occurrence`-th appearance of `phrase` in the seed text."""
    text, times = seed_times
    pos = -1
    for _ in range(occurrence + 1):
        pos = text.index(phrase, pos + 1)
    hits = [t for t in times if t.start < pos + len(phrase) and t.end > pos]
    assert hits, f"no time mention on {phrase!r}"
    return hits[0]


@pytest.mark.parametrize(
    ("phrase", "value", "kind"),
    [
        ("on Thursday", "2025-05-15", "date"),
        ("on Saturday", "2025-05-10", "date"),
        ("In June 2024", "2024-06", "date"),
        ("May 8-10", "2025-05-08/2025-05-10", "range"),
        ("February 2022", "2022-02", "date"),
        ("30-day", "P30D", "duration"),
        ("72-hour", "PT72H", "duration"),
        ("the early hours of Sunday", "2025-05-11", "date"),
        ("later on Sunday", "2025-05-11", "date"),
        ("fell in 1991", "1991", "date"),
        ("on May 11, 2025", "2025-05-11", "date"),
        ("over the past year", "P1Y", "duration"),  # a stretch up to now, not last calendar year
    ],
)
def test_seed_values(seed_times, phrase: str, value: str, kind: str) -> None:
    mention = _at(seed_times, phrase)
    assert (mention.value, mention.kind) == (value, kind), mention


def test_seed_offsets_point_into_the_text(seed_times) -> None:
    text, times = seed_times
    assert len(times) >= 15
    for t in times:
        assert text[t.start:t.end] == t.text


def test_durations_are_never_dates(seed_times) -> None:
    _, times = seed_times
    for t in times:
        if t.text in ("30-day", "72-hour") or re.fullmatch(r"PT?[\dX.]+[A-Z]+", t.value):
            assert t.kind in ("duration", "set"), t
