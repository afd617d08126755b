from datetime import datetime, timedelta, timezone

from newsdesk.store.base import StorySummary
from newsdesk.stories import rank_stories

NOW = datetime(2025, 5, 12, 18, 0, tzinfo=timezone.utc)


def summary(id, first_h, last_h, articles, outlets):
    return StorySummary(id=id, title=f"s{id}", first_seen=NOW - timedelta(hours=first_h),
                        last_seen=NOW - timedelta(hours=last_h), article_count=articles, outlet_count=outlets)


def test_recent_broad_fast_stories_rank_first_and_are_developing():
    breaking = summary(1, 3, 0.5, 8, 6)
    stale = summary(2, 72, 48, 20, 10)
    single = summary(3, 1, 1, 1, 1)
    ranked = rank_stories([stale, single, breaking], NOW)
    assert [s.id for s in ranked] == [1, 3, 2]
    assert ranked[0].developing and not ranked[1].developing and not ranked[2].developing
    assert ranked[0].rank > ranked[1].rank > ranked[2].rank > 0


def test_breadth_breaks_ties_and_naive_times_are_utc():
    a = summary(1, 2, 1, 4, 1)
    b = summary(2, 2, 1, 4, 4)
    b.last_seen = b.last_seen.replace(tzinfo=None)
    assert [s.id for s in rank_stories([a, b], NOW)] == [2, 1]
    assert rank_stories([], NOW) == []
