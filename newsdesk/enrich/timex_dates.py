"""Rules for calendar dates: explicit dates, ranges, months, years, decades, quarters, holidays.

Each rule is a compiled pattern and a handler turning its match into (value, kind), or None
when the match is not a time after all. Handlers read the `Context` (text, reference date).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from dateutil.easter import easter

from .timex_calendar import (
    FUTURE, PAST, UNKNOWN, direction, nearest_year, quarter_of, season_value, shift_month,
)
from .timex_lexicon import DAY, MONTH, NUMBERS, ORDINALS, SEASONS, WEEKDAY, YEAR, month_number


@dataclass
class Context:
    text: str
    ref: date | None

    def sense(self, m: re.Match) -> int:
        return direction(self.text, m.start(), m.end())


Handler = Callable[[re.Match, Context], "tuple[str, str] | None"]


@dataclass
class Rule:
    name: str
    pattern: re.Pattern
    handler: Handler
    priority: int = 5  # lower wins between equally long overlapping matches


def _day(s: str) -> int:
    return int(re.match(r"\d+", s).group())


def _valid(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _year_for(m: re.Match, ctx: Context, month: int, day: int | None) -> int | None:
    if m.group("y"):
        return int(m.group("y"))
    if ctx.ref is None:
        return None
    return nearest_year(ctx.ref, month, day, ctx.sense(m))


_NOT_WORD = r"(?![A-Za-z])"
_WD_PREFIX = rf"(?:{WEEKDAY},?\s+(?:(?i:the)\s+)?)?"
_YEAR_SUFFIX = rf"(?:,?\s*(?P<y>{YEAR})\b)?"

MONTH_DAY_RANGE = re.compile(
    rf"\b(?P<m>{MONTH})\s*(?P<d1>{DAY})\s*(?:(?:-|–|—)\s*(?:(?P<m2>{MONTH})\s*)?|(?i:to|through|and)\s+)"
    rf"(?P<d2>{DAY})\b(?!\s*{MONTH}){_YEAR_SUFFIX}"
)


def month_day_range(m: re.Match, ctx: Context) -> tuple[str, str] | None:
    month = month_number(m.group("m"))
    month2 = month_number(m.group("m2")) if m.group("m2") else month
    d1, d2 = _day(m.group("d1")), _day(m.group("d2"))
    year = _year_for(m, ctx, month, d1)
    if year is None:
        return None
    start = _valid(year, month, d1)
    end = _valid(year + (1 if month2 < month else 0), month2, d2)
    if not start or not end or end < start:
        return None
    return f"{start.isoformat()}/{end.isoformat()}", "range"


MONTH_DAY = re.compile(
    rf"\b{_WD_PREFIX}(?P<m>{MONTH})\s*(?P<d>{DAY})(?!\d|:\d)\b(?!\s*(?i:percent|%)){_YEAR_SUFFIX}"
)
DAY_MONTH = re.compile(
    rf"\b{_WD_PREFIX}(?P<d>{DAY})\s+(?:(?i:of)\s+)?(?P<m>{MONTH}){_NOT_WORD}{_YEAR_SUFFIX}"
)


def month_day(m: re.Match, ctx: Context) -> tuple[str, str] | None:
    month, day = month_number(m.group("m")), _day(m.group("d"))
    year = _year_for(m, ctx, month, day)
    d = _valid(year, month, day) if year is not None else None
    return (d.isoformat(), "date") if d else None


NUMERIC_DATE = re.compile(
    r"(?<![\d/.-])(?:(?P<iy>(?:19|20)\d\d)-(?P<im>[01]\d)-(?P<id>[0-3]\d)"
    r"|(?P<um>1[0-2]|0?[1-9])/(?P<ud>[12]\d|3[01]|0?[1-9])/(?P<uy>(?:19|20)\d\d))(?![\d/])"
)


def numeric_date(m: re.Match, ctx: Context) -> tuple[str, str] | None:
    if m.group("iy"):
        d = _valid(int(m.group("iy")), int(m.group("im")), int(m.group("id")))
    else:  # US order, as in the American press
        d = _valid(int(m.group("uy")), int(m.group("um")), int(m.group("ud")))
    return (d.isoformat(), "date") if d else None


_MOD = r"(?i:early|late|mid|the\s+end\s+of|the\s+beginning\s+of|the\s+start\s+of|the\s+middle\s+of)"
MONTH_YEAR = re.compile(rf"\b(?:{_MOD}[-\s]+)?(?P<m>{MONTH}){_NOT_WORD},?\s*(?:(?i:of)\s+)?(?P<y>{YEAR})\b")


def month_year(m: re.Match, ctx: Context) -> tuple[str, str] | None:
    return f"{m.group('y')}-{month_number(m.group('m')):02d}", "date"


MONTH_THIS_YEAR = re.compile(
    rf"\b(?:{_MOD}[-\s]+)?(?P<m>{MONTH}){_NOT_WORD},?\s+(?:(?i:of)\s+)?(?P<rel>(?i:this|last|next))\s+(?i:year)\b"
)


def month_this_year(m: re.Match, ctx: Context) -> tuple[str, str] | None:
    if ctx.ref is None:
        return None
    year = ctx.ref.year + {"this": 0, "last": -1, "next": 1}[m.group("rel").lower()]
    return f"{year}-{month_number(m.group('m')):02d}", "date"


# A bare month name; "May" (the modal) and "March" (the verb) need a temporal word before them.
MONTH_ALONE = re.compile(
    rf"\b(?:(?P<rel>(?i:last|next|this\s+past|this\s+coming|this|early|late|mid|the\s+end\s+of"
    rf"|the\s+beginning\s+of|the\s+start\s+of|the\s+middle\s+of))[-\s]+)?(?P<m>{MONTH}){_NOT_WORD}(?!\s*\d)"
)
_MONTH_INTRO = re.compile(
    r"(?i:\b(?:in|since|until|till|by|from|during|through|of|before|after|between|and|or|to|early|late|mid"
    r"|last|next|this|since|throughout|on|for)\s*-?)$"
)


def month_alone(m: re.Match, ctx: Context) -> tuple[str, str] | None:
    word = m.group("m")
    if ctx.ref is None:
        return None
    if word in ("May", "March", "MAY", "MARCH") and not m.group("rel"):
        if not _MONTH_INTRO.search(ctx.text, max(0, m.start() - 12), m.start()):
            return None
    month = month_number(word)
    rel = (m.group("rel") or "").lower().split()
    ref = ctx.ref
    if rel[:1] == ["last"] or rel[-1:] == ["past"]:
        year = ref.year if month < ref.month else ref.year - 1
    elif rel[:1] == ["next"] or rel[-1:] == ["coming"]:
        year = ref.year if month > ref.month else ref.year + 1
    elif rel == ["this"]:
        year = ref.year
    else:
        year = nearest_year(ref, month, None, ctx.sense(m))
    return f"{year}-{month:02d}", "date"


_YEAR_UNITS = (
    r"percent|per\s+cent|people|persons|troops|soldiers|votes|dollars|euros|pounds|tonnes|tons|km"
    r"|kilometers|kilometres|miles|meters|metres|feet|points|units|cars|homes|houses|jobs|workers"
    r"|residents|students|members|delegates|calories|pages|words|acres|hectares|barrels|shares"
)
YEAR_ALONE = re.compile(
    rf"(?<![\w$€£#.,/:'-])(?:(?P<pre>(?i:fiscal|calendar|FY|the\s+year|early|late|mid|the\s+end\s+of"
    rf"|the\s+beginning\s+of|the\s+start\s+of|the\s+middle\s+of))[-\s]+)?(?P<y>{YEAR})"
    rf"(?![\w%]|[.,:/]\d|-\d|\s*(?i:{_YEAR_UNITS})\b)"
)


def year_alone(m: re.Match, ctx: Context) -> tuple[str, str] | None:
    return m.group("y"), "date"


YEAR_RANGE = re.compile(
    rf"(?<![\w$.,/-])(?P<y1>{YEAR})\s*(?:-|–)\s*(?P<y2>{YEAR}|\d\d)(?![\w%]|[.,]\d|-\d)"
)


def year_range(m: re.Match, ctx: Context) -> tuple[str, str] | None:
    y1, y2 = m.group("y1"), m.group("y2")
    if len(y2) == 2:
        y2 = y1[:2] + y2
    if int(y2) <= int(y1):
        return None
    return f"{y1}/{y2}", "range"


DECADE = re.compile(
    r"\b(?:(?i:the)\s+)?(?:(?i:early|late|mid)[-\s]?)?(?P<dec>(?:1[6-9]|20)\d0)'?s\b"
    r"|(?<!\w)(?:(?i:the)\s+)?(?:(?i:early|late|mid)[-\s]?)?['’](?P<short>\d0)s\b"
    r"|\b(?:(?i:the)\s+)?(?P<cent>1[5-9]|2[01])(?:st|nd|rd|th)\s+(?i:century)\b"
)


def decade(m: re.Match, ctx: Context) -> tuple[str, str] | None:
    if m.group("dec"):
        return m.group("dec")[:3], "date"
    if m.group("short"):
        return "19" + m.group("short")[0], "date"
    return f"{int(m.group('cent')) - 1:02d}", "date"


_ORD = r"(?i:first|second|third|fourth|1st|2nd|3rd|4th|last|final)"
QUARTER = re.compile(
    rf"\b(?:(?P<y0>{YEAR})(?:'s)?\s+|(?i:this\s+year's|last\s+year's|next\s+year's"
    rf"|(?:the\s+)?(?:comparable\s+)?year-(?:ago|earlier))\s+)?"
    rf"(?:(?i:the)\s+)?(?:(?P<ord>{_ORD})[-\s](?P<unit>(?i:quarter|half))"
    rf"|Q(?P<qn>[1-4])|(?P<h>[12])H|H(?P<hn>[12]))\b"
    rf"(?:,?\s*(?:(?i:of)\s+)?(?P<y>{YEAR})\b)?"
)


def quarter(m: re.Match, ctx: Context) -> tuple[str, str] | None:
    half = bool(m.group("h") or m.group("hn")) or (m.group("unit") or "").lower() == "half"
    if m.group("ord"):
        n = ORDINALS.get(m.group("ord").lower()) or (2 if half else 4)  # "last", "final"
    else:
        n = int(m.group("qn") or m.group("h") or m.group("hn"))
    if half and n > 2:
        return None
    prefix = m.group(0)[: m.start("ord") - m.start() if m.group("ord") else 0].lower()
    year: int | None = None
    if m.group("y") or m.group("y0"):
        year = int(m.group("y") or m.group("y0"))
    elif ctx.ref is not None:
        year = ctx.ref.year
        if "last year" in prefix or "year-" in prefix:
            year -= 1
        elif "next year" in prefix:
            year += 1
        elif "this year" not in prefix:
            current = quarter_of(ctx.ref) if not half else (1 if ctx.ref.month <= 6 else 2)
            # a later quarter of the year, spoken of in the past, is last year's
            if n > current and ctx.sense(m) == PAST:
                year -= 1
    if year is None:
        return None
    return (f"{year}-H{n}" if half else f"{year}-Q{n}"), "date"


# "the quarter", "the latest quarter", "the year-earlier quarter": reported quarters
REPORTED_QUARTER = re.compile(
    r"\b(?i:(?:the|this|that)\s+(?P<yr>(?:19|20)\d\d\s+)?"
    r"(?P<which>latest\s+|most\s+recent\s+|recent\s+|current\s+|year-earlier\s+"
    r"|year-ago\s+|previous\s+|prior\s+|same\s+|just-ended\s+|just\s+ended\s+)?quarter)\b"
)


def reported_quarter(m: re.Match, ctx: Context) -> tuple[str, str] | None:
    if ctx.ref is None:
        return None
    which = (m.group("which") or "").strip().lower()
    ref_q = quarter_of(ctx.ref)
    if which == "current" or m.group(0).lower().startswith("this") and not which:
        return f"{ctx.ref.year}-Q{ref_q}", "date"
    year, q = (ctx.ref.year, ref_q - 1) if ref_q > 1 else (ctx.ref.year - 1, 4)
    if m.group("yr"):  # "the 1988 quarter": the reported quarter, that year
        return f"{int(m.group('yr'))}-Q{q}", "date"
    if which in ("year-earlier", "year-ago", "same"):
        year -= 1
    elif which in ("previous", "prior"):
        year, q = (year, q - 1) if q > 1 else (year - 1, 4)
    return f"{year}-Q{q}", "date"


SEASON_ALONE = re.compile(
    rf"\b(?:(?P<the>(?i:the))\s+)?(?:(?i:early|late|mid)[-\s]?)?(?P<s>(?i:spring|summer|fall|autumn|winter))"
    rf"(?:\s+(?:(?i:of)\s+)?(?P<y>{YEAR})\b)?(?![-\w])"
)


def season_alone(m: re.Match, ctx: Context) -> tuple[str, str] | None:
    code = SEASONS[m.group("s").lower()]
    if m.group("y"):
        return f"{m.group('y')}-{code}", "date"
    if not m.group("the") or ctx.ref is None:
        return None  # "prices fall", "spring" the verb
    return season_value(ctx.ref, code, "", ctx.sense(m)), "date"


_TENS = (
    r"ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty"
    r"|forty|fifty|sixty|seventy|eighty|ninety"
)
_UNITS = r"one|two|three|four|five|six|seven|eight|nine"
SPELLED_YEAR = re.compile(
    rf"\b(?i:(?P<c>nineteen|eighteen)[-\s](?P<t>{_TENS})(?:[-\s](?P<u>{_UNITS}))?"
    rf"|(?:the\s+)?year\s+two\s+thousand(?:\s+and)?(?:[-\s](?P<u2>{_UNITS}))?"
    rf"|(?:the\s+)?(?:(?P<c2>nineteen|eighteen)[-\s]?)?"
    rf"(?P<dw>twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties))\b"
)


def spelled_year(m: re.Match, ctx: Context) -> tuple[str, str] | None:
    if m.group("dw"):
        century = NUMBERS[(m.group("c2") or "nineteen").lower()]
        tens = NUMBERS[m.group("dw").lower()[:-3] + "y"]  # "nineties" -> "ninety"
        return f"{century}{tens // 10}", "date"
    if m.group("c"):
        year = NUMBERS[m.group("c").lower()] * 100 + NUMBERS[m.group("t").lower()]
        year += NUMBERS[m.group("u").lower()] if m.group("u") else 0
        return str(year), "date"
    return str(2000 + (NUMBERS[m.group("u2").lower()] if m.group("u2") else 0)), "date"


def _thanksgiving(year: int) -> date:
    first = date(year, 11, 1)
    return first + timedelta(days=(3 - first.weekday()) % 7 + 21)


_HOLIDAYS: dict[str, Callable[[int], date]] = {
    "christmas eve": lambda y: date(y, 12, 24),
    "christmas day": lambda y: date(y, 12, 25),
    "christmas": lambda y: date(y, 12, 25),
    "new year's eve": lambda y: date(y, 12, 31),
    "new year's day": lambda y: date(y, 1, 1),
    "valentine's day": lambda y: date(y, 2, 14),
    "halloween": lambda y: date(y, 10, 31),
    "thanksgiving day": _thanksgiving,
    "thanksgiving": _thanksgiving,
    "easter sunday": easter,
    "easter": easter,
}
HOLIDAY = re.compile(
    r"\b(?P<h>Christmas\s+(?:Eve|Day)|Christmas|New\s+Year['’]s\s+(?:Eve|Day)|Valentine['’]s\s+Day"
    r"|Halloween|Thanksgiving(?:\s+Day)?|Easter(?:\s+Sunday)?)\b(?:,?\s*(?P<y>" + YEAR + r")\b)?"
)


def holiday(m: re.Match, ctx: Context) -> tuple[str, str] | None:
    name = " ".join(m.group("h").lower().replace("’", "'").split())
    when = _HOLIDAYS[name]
    if m.group("y"):
        return when(int(m.group("y"))).isoformat(), "date"
    if ctx.ref is None:
        return None
    this_year = when(ctx.ref.year)
    sense = ctx.sense(m)
    year = nearest_year(ctx.ref, this_year.month, this_year.day, sense if sense != UNKNOWN else PAST)
    if sense == FUTURE and when(year) < ctx.ref:
        year += 1
    return when(year).isoformat(), "date"


def month_shift_value(ref: date, months: int) -> str:
    y, mo = shift_month(ref.year, ref.month, months)
    return f"{y}-{mo:02d}"


RULES: list[Rule] = [
    Rule("month_day_range", MONTH_DAY_RANGE, month_day_range, 1),
    Rule("numeric_date", NUMERIC_DATE, numeric_date, 1),
    Rule("month_day", MONTH_DAY, month_day, 2),
    Rule("day_month", DAY_MONTH, month_day, 3),
    Rule("month_year", MONTH_YEAR, month_year, 2),
    Rule("month_this_year", MONTH_THIS_YEAR, month_this_year, 2),
    Rule("quarter", QUARTER, quarter, 2),
    Rule("reported_quarter", REPORTED_QUARTER, reported_quarter, 4),
    Rule("holiday", HOLIDAY, holiday, 3),
    Rule("year_range", YEAR_RANGE, year_range, 3),
    Rule("decade", DECADE, decade, 3),
    Rule("month_alone", MONTH_ALONE, month_alone, 6),
    Rule("season_alone", SEASON_ALONE, season_alone, 6),
    Rule("spelled_year", SPELLED_YEAR, spelled_year, 4),
    Rule("year_alone", YEAR_ALONE, year_alone, 7),
]
