"""Timelines drawn on a time axis: the layout of a small server-side SVG.

`layout_timeline(items)` places each dated item on a horizontal time axis: a day is a dot,
anything longer (a month, a year, "May 8-10") a bar from its first to its last day. News
timelines mix 1991 with last Thursday, so the axis is broken: dates more than a year apart
from the rest form their own segment, and the empty years between are drawn as a short
zigzag instead of most of the width. Marks are numbered and stacked in lanes so they never
overlap; the numbers match the text list printed under the drawing (for screen readers and
for reading). This module computes coordinates only: the `_timeline.html` macro writes the
SVG through Jinja autoescape, so no text here becomes markup.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from newsdesk.enrich.timespan import value_span

WIDTH = 720.0
MARGIN = 16.0
BREAK = 26.0  # width of the zigzag standing for the empty years between two segments
MIN_SEGMENT = 56.0
LANE = 18.0
TOP = 12.0
MARK_GAP = 16.0  # px between two numbered marks in one lane
MAX_LANES = 6
SEGMENT_GAP = timedelta(days=60)
MAX_SEGMENTS = 8
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
MONTH_NAMES = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
               "October", "November", "December"]


@dataclass
class TimelineItem:
    value: str  # ISO/TimeML date value
    label: str  # what happened (a sentence)
    links: list[tuple[str, str]] = field(default_factory=list)  # (our page path, outlet or title) that reported it

    @property
    def href(self) -> str | None:
        return self.links[0][0] if self.links else None


@dataclass
class Mark:
    number: int
    item: TimelineItem
    date_text: str
    x: float
    width: float  # 0: a single day, drawn as a dot
    y: float


@dataclass
class Tick:
    x: float
    label: str


@dataclass
class Timeline:
    title: str
    width: float
    height: float
    axis_y: float
    marks: list[Mark]
    ticks: list[Tick]
    segments: list[tuple[float, float]]  # drawn axis pieces (x0, x1)
    breaks: list[float]  # x of each zigzag
    undated: list[TimelineItem] = field(default_factory=list)  # no calendar day (listed, not drawn)


def date_text(value: str) -> str:
    """A reader's form of an ISO value: 15 May 2025, June 2024, 8 May 2025 – 10 May 2025."""
    if "/" in value:
        left, _, right = value.partition("/")
        return f"{date_text(left)} – {date_text(right)}"
    if value in _REFS:
        return _REFS[value]
    body = value.split("T", 1)[0]
    try:
        if len(body) == 10:
            d = date.fromisoformat(body)
            return f"{d.day} {MONTH_NAMES[d.month - 1]} {d.year}"
        if len(body) == 7 and body[4] == "-" and body[5:].isdigit():
            return f"{MONTH_NAMES[int(body[5:]) - 1]} {body[:4]}"
    except (ValueError, IndexError):
        pass
    return _coarse_text(body) or value


_SEASONS = {"SP": "spring", "SU": "summer", "FA": "autumn", "WI": "winter"}
_HALVES = {"H1": "first half of", "H2": "second half of"}
_REFS = {"PAST_REF": "the past", "FUTURE_REF": "the future", "PRESENT_REF": "now"}


def _coarse_text(value: str) -> str | None:
    """TimeML values coarser than a month: 2022-SP -> spring 2022, 2025-Q2 -> Q2 2025,
    2025-W19 -> week 19 of 2025, 198X -> the 1980s."""
    year, _, part = value.partition("-")
    if len(year) != 4:
        return None
    if year.isdigit() and not part:
        return year
    if year[:3].isdigit() and year[3] == "X" and not part:
        return f"the {year[:3]}0s"
    if not year.isdigit():
        return None
    if part in _SEASONS:
        return f"{_SEASONS[part]} {year}"
    if part in _HALVES:
        return f"{_HALVES[part]} {year}"
    if len(part) == 2 and part[0] == "Q" and part[1] in "1234":
        return f"{part} {year}"
    if len(part) == 3 and part[0] == "W" and part[1:].isdigit():
        return f"week {int(part[1:])} of {year}"
    return None


def layout_timeline(items: list[TimelineItem], title: str = "Timeline", width: float = WIDTH) -> Timeline | None:
    """Coordinates for the drawing; None when no item has a calendar date."""
    dated = [(span, item) for item in items if (span := value_span(item.value))]  # type: ignore[misc]
    undated = [item for item in items if not value_span(item.value)]
    if not dated:
        return None
    dated.sort(key=lambda pair: (pair[0][0], pair[0][1]))
    segments = _segments([span for span, _ in dated])
    scale = _Scale(segments, width)
    marks: list[Mark] = []
    lanes: list[float] = []  # right edge of the last mark in each lane
    for number, ((first, last), item) in enumerate(dated, start=1):
        x0, x1 = scale.x(first), scale.x(last + timedelta(days=1))
        if last == first:  # a day is a dot in the middle of its width
            x0 = x1 = (x0 + x1) / 2
        lane = next((i for i, edge in enumerate(lanes) if edge + MARK_GAP <= x0), None)
        if lane is None:
            lane = len(lanes) if len(lanes) < MAX_LANES else min(range(len(lanes)), key=lanes.__getitem__)
            if lane == len(lanes):
                lanes.append(0.0)
        lanes[lane] = max(lanes[lane], x1, x0 + 2)
        marks.append(Mark(number, item, date_text(item.value), round(x0, 1), round(max(x1 - x0, 0.0), 1),
                          TOP + lane * LANE))
    axis_y = TOP + max(len(lanes), 1) * LANE + 4
    return Timeline(
        title=title, width=width, height=axis_y + 30, axis_y=axis_y, marks=marks, ticks=scale.ticks(),
        segments=[(round(a, 1), round(b, 1)) for a, b in scale.pixels], breaks=scale.breaks(), undated=undated,
    )


def _segments(spans: list[tuple[date, date]]) -> list[tuple[date, date, int]]:
    """Runs of dates with no gap longer than SEGMENT_GAP between them (at most MAX_SEGMENTS:
    the closest runs are joined first), end-exclusive, with how many items each holds."""
    out: list[list] = []  # type: ignore[type-arg]
    for first, last in spans:
        if out and first - out[-1][1] <= SEGMENT_GAP:
            out[-1][1] = max(out[-1][1], last)
            out[-1][2] += 1
        else:
            out.append([first, last, 1])
    while len(out) > MAX_SEGMENTS:
        i = min(range(len(out) - 1), key=lambda k: out[k + 1][0] - out[k][1])
        out[i: i + 2] = [[out[i][0], max(out[i][1], out[i + 1][1]), out[i][2] + out[i + 1][2]]]
    return [(a, b + timedelta(days=1), n) for a, b, n in out]  # a day has a width


class _Scale:
    """Dates to x: each segment gets a width growing with the number of items it holds (a busy
    fortnight gets room, a lone 1991 a readable minimum), zigzags between segments."""

    def __init__(self, segments: list[tuple[date, date, int]], width: float) -> None:
        self.segments = [(a, b) for a, b, _ in segments]
        usable = width - 2 * MARGIN - BREAK * (len(segments) - 1)
        weights = [float(n) for _, _, n in segments]
        spare = max(usable - MIN_SEGMENT * len(segments), 0.0)
        x = MARGIN
        self.pixels: list[tuple[float, float]] = []
        for w in weights:
            length = MIN_SEGMENT + spare * w / sum(weights) if len(segments) > 1 else usable
            self.pixels.append((x, x + length))
            x += length + BREAK

    def x(self, day: date) -> float:
        for (a, b), (x0, x1) in zip(self.segments, self.pixels):
            if a <= day <= b:
                return x0 + (x1 - x0) * (day - a).days / max((b - a).days, 1)
        return self.pixels[-1][1]

    def breaks(self) -> list[float]:
        return [round(x1 + BREAK / 2, 1) for _, x1 in self.pixels[:-1]]

    def ticks(self) -> list[Tick]:
        out: list[Tick] = []
        for (a, b), (x0, x1) in zip(self.segments, self.pixels):
            out.extend(_segment_ticks(a, b, x0, x1, self.x))
        return out


def _segment_ticks(a: date, b: date, x0: float, x1: float, to_x) -> list[Tick]:  # type: ignore[no-untyped-def]
    """Tick labels for one segment, about one per 70 px: years, months or days."""
    room = max(int((x1 - x0) // 70), 1)
    days = (b - a).days
    b = b - timedelta(days=1)  # the segment's last day (its end is exclusive)
    if a.day == 1 and (a.year, a.month) == (b.year, b.month) and (b + timedelta(days=1)).day == 1:
        return [Tick(round(x0, 1), f"{MONTHS[a.month - 1]} {a.year}")]  # exactly one month
    if days > 3 * 365 or (days >= 365 and room < 4) or (a.month, a.day, b.month, b.day) == (1, 1, 1, 1):
        step = max(-(-(b.year - a.year + 1) // room), 1)
        marks = [date(y, 1, 1) for y in range(a.year, b.year + 1, step)]
        marks[0] = max(marks[0], a)
        return [Tick(round(to_x(d), 1), str(d.year)) for d in marks]
    if days > 45:
        months = (b.year - a.year) * 12 + b.month - a.month + 1
        step = max(-(-months // room), 1)
        out, (year, month) = [], (a.year, a.month)
        for i in range(0, months, step):
            y, m = year + (month - 1 + i) // 12, (month - 1 + i) % 12 + 1
            d = max(date(y, m, 1), a)
            label = MONTHS[m - 1] + (f" {y}" if i == 0 or m == 1 else "")
            out.append(Tick(round(to_x(d), 1), label))
        return out
    step = max(-(-days // room), 1)
    return [
        Tick(round(to_x(a + timedelta(days=i)), 1),
             f"{(a + timedelta(days=i)).day} {MONTHS[(a + timedelta(days=i)).month - 1]}" + (f" {a.year}" if i == 0 else ""))
        for i in range(0, days, step)
    ]
