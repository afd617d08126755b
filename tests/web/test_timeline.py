"""The timeline drawing's layout: a time axis, dots for days, bars for longer dates, no overlaps."""

from __future__ import annotations

from newsdesk.web.timeline import TimelineItem, date_text, layout_timeline


def test_days_are_dots_ranges_are_bars_in_calendar_order() -> None:
    t = layout_timeline([
        TimelineItem("2025-05-15", "Talks in Istanbul"),
        TimelineItem("2025-05-08/2025-05-10", "The May 8-10 ceasefire"),
        TimelineItem("2025-05-11", "Putin proposes talks"),
        TimelineItem("P30D", "a 30-day ceasefire"),  # a duration is never put on the calendar
    ])
    assert t is not None
    assert [m.item.label for m in t.marks] == ["The May 8-10 ceasefire", "Putin proposes talks", "Talks in Istanbul"]
    ceasefire, sunday, thursday = t.marks
    assert ceasefire.width > 0 and sunday.width == 0 == thursday.width
    assert ceasefire.x < ceasefire.x + ceasefire.width < sunday.x < thursday.x  # a real time axis
    # 3 days of bar, 4 days from the 11th to the 15th: distances keep their proportion
    assert abs(ceasefire.width / (thursday.x - sunday.x) - 3 / 4) < 0.05
    assert [i.value for i in t.undated] == ["P30D"]
    assert t.ticks[0].label == "8 May 2025" and t.breaks == []


def test_distant_years_get_their_own_segment_and_marks_never_overlap() -> None:
    items = [TimelineItem("1991", "The Soviet Union fell"), TimelineItem("2024-06", "Conditions set")]
    items += [TimelineItem("2025-05-11", f"Event {i}") for i in range(4)]
    t = layout_timeline(items)
    assert t is not None and len(t.segments) == 3 and len(t.breaks) == 2
    assert [tick.label for tick in t.ticks][:2] == ["1991", "Jun 2024"]
    same_day = [m for m in t.marks if m.item.value == "2025-05-11"]
    assert len({m.y for m in same_day}) == 4  # stacked in lanes, not drawn on top of each other
    busy = t.segments[-1][1] - t.segments[-1][0]
    assert busy > t.segments[0][1] - t.segments[0][0]  # the busiest stretch gets the most room
    assert all(t.segments[0][0] <= m.x <= t.segments[-1][1] for m in t.marks)


def test_nothing_dated_draws_nothing_and_dates_read_well() -> None:
    assert layout_timeline([TimelineItem("PAST_REF", "recently")]) is None
    assert layout_timeline([]) is None
    assert date_text("2024-06") == "June 2024"
    assert date_text("2025-05-08/2025-05-10") == "8 May 2025 – 10 May 2025"
    assert date_text("2025-05-15") == "15 May 2025" and date_text("2022") == "2022"


def test_coarse_timeml_values_read_as_words() -> None:
    assert date_text("2022-SP") == "spring 2022"
    assert date_text("2025-FA") == "autumn 2025"
    assert date_text("2025-Q2") == "Q2 2025"
    assert date_text("2025-H1") == "first half of 2025"
    assert date_text("2025-W19") == "week 19 of 2025"
    assert date_text("198X") == "the 1980s"
    assert date_text("PAST_REF") == "the past"
    assert date_text("2025-XX") == "2025-XX"  # nothing better to say: the value as it is
