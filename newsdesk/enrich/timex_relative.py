"""Rules for times relative to the reference date: weekdays, yesterday, last week, a year ago,
clock times, vague references (now, recently), durations and sets.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from .timex_calendar import (
    FUTURE, PAST, iso_week, last_quarter, quarter_of, season_value, weekday_date,
)
from .timex_dates import Context, Rule, month_day, month_shift_value
from .timex_lexicon import (
    DAY, DAY_PARTS, MONTH, NUMBER, SEASONS, UNIT, UNITS, UNITS_PLURAL, WEEKDAY, YEAR,
    ORDINALS, number_value, weekday_number,
)

_PART = r"(?P<part>(?i:morning|afternoon|evening|night))"

WEEKDAY_RULE = re.compile(
    rf"\b(?:(?P<pre>(?i:the\s+(?:early|small|wee)\s+hours\s+of|early|late|later|earlier|last|next"
    rf"|this\s+past|this\s+coming|this|coming|past))\s+(?:(?i:on)\s+)?)?(?P<wd>{WEEKDAY})(?![A-Za-z])"
    rf"(?:['’]s)?(?:\s+{_PART}\b)?"
)


def _weekday_date(m: re.Match, ctx: Context, group: str = "wd", pre: str = "") -> date:
    words = pre.lower().split()
    explicit = ""
    if words[:1] == ["last"] or words[-1:] == ["past"]:
        explicit = "last"
    elif words[:1] == ["next"] or words[-1:] == ["coming"]:
        explicit = "next"
    sense = ctx.sense(m)
    if words[:1] == ["later"]:
        sense = FUTURE
    elif words[:1] == ["earlier"]:
        sense = PAST
    return weekday_date(ctx.ref, weekday_number(m.group(group)), sense, explicit)


def weekday(m: re.Match, ctx: Context) -> tuple[str, str] | None:
    if ctx.ref is None:
        return None
    d = _weekday_date(m, ctx, pre=m.group("pre") or "")
    part = m.group("part")
    if part:
        return f"{d.isoformat()}{DAY_PARTS[part.lower()]}", "time"
    return d.isoformat(), "date"


RELATIVE_DAY = re.compile(
    r"\b(?i:(?P<w>today|tonight|yesterday|tomorrow|the\s+day\s+before\s+yesterday"
    r"|the\s+day\s+after\s+tomorrow|last\s+night)(?:\s+" + _PART + r")?"
    r"|(?P<this>this|early\s+this|late\s+this|later\s+this|earlier\s+this)\s+(?P<part2>morning|afternoon|evening))\b"
)
_DAY_OFFSET = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1, "last night": -1,
               "the day before yesterday": -2, "the day after tomorrow": 2}


def relative_day(m: re.Match, ctx: Context) -> tuple[str, str] | None:
    if ctx.ref is None:
        return None
    if m.group("this"):
        return f"{ctx.ref.isoformat()}{DAY_PARTS[m.group('part2').lower()]}", "time"
    w = " ".join(m.group("w").lower().split())
    d = (ctx.ref + timedelta(days=_DAY_OFFSET[w])).isoformat()
    part = m.group("part") or ("night" if w in ("tonight", "last night") else None)
    if part:
        return f"{d}{DAY_PARTS[part.lower()]}", "time"
    return d, "date"


_REL = (
    r"(?P<rel>this\s+past|this\s+coming|the\s+past|the\s+last|the\s+previous|the\s+next|the\s+coming"
    r"|the\s+current|the\s+same|earlier\s+this|later\s+this|early\s+this|late\s+this|early\s+next"
    r"|late\s+next|early\s+last|late\s+last|earlier\s+in\s+the|later\s+in\s+the|early\s+in\s+the"
    r"|late\s+in\s+the|(?:the\s+)?end\s+of\s+(?:the|this|last|next)|the\s+beginning\s+of\s+(?:the|this|last|next)"
    r"|the\s+start\s+of\s+(?:the|this|last|next)|the\s+middle\s+of\s+(?:the|this|last|next)"
    r"|last|next|this|previous|coming|current|the)"
)
RELATIVE_UNIT = re.compile(
    r"\b(?i:" + _REL + r"\s+(?P<unit>week|weekend|month|year|decade|century|spring|summer|fall|autumn|winter))\b"
)


def _rel_offset(rel: str) -> tuple[int, str]:
    """(-1 | 0 | +1, explicit word) for a relative modifier."""
    words = rel.lower().split()
    last = words[-1]
    if last in ("past", "last", "previous") or words[:1] == ["the"] and last == "last":
        return -1, "last"
    if last in ("next", "coming"):
        return 1, "next"
    return 0, "this"


def relative_unit(m: re.Match, ctx: Context) -> tuple[str, str] | None:
    if ctx.ref is None:
        return None
    ref = ctx.ref
    offset, explicit = _rel_offset(m.group("rel"))
    unit = m.group("unit").lower()
    span = _span_of_time(m, ctx, unit)
    if span:
        return span, "duration"
    if m.group("rel").lower() == "the" and unit != "weekend":
        return None  # "the year", "the week": too often not this one
    if unit in SEASONS:
        return season_value(ref, SEASONS[unit], explicit, ctx.sense(m)), "date"
    if unit == "week":
        return iso_week(ref + timedelta(weeks=offset)), "date"
    if unit == "weekend":
        sat = ref + timedelta(days=5 - ref.weekday())  # this week's Saturday
        if offset == -1 or (offset == 0 and ref.weekday() < 5 and ctx.sense(m) == PAST):
            sat -= timedelta(weeks=1)
        elif offset == 1:
            sat += timedelta(weeks=1)
        return f"{iso_week(sat)}-WE", "date"
    if unit == "month":
        return month_shift_value(ref, offset), "date"
    if unit == "year":
        return str(ref.year + offset), "date"
    if unit == "decade":
        return str((ref.year // 10 + offset))[:3], "date"
    return str(ref.year // 100 + offset), "date"


# only words that make it a stretch: TempEval-3 annotates "in the past year" as last year's date
_OVER = re.compile(r"\b(?i:over|for|throughout|within|across)\s+$")
_UNIT_CODE = {"week": "P1W", "month": "P1M", "year": "P1Y", "decade": "P10Y", "century": "P100Y"}


def _span_of_time(m: re.Match, ctx: Context, unit: str) -> str | None:
    """"over the past year", "for the last month": a stretch of time up to now (a duration,
    TimeML P1Y), not the calendar year before this one."""
    rel = " ".join(m.group("rel").lower().split())
    if rel not in ("the past", "the last", "the previous") or unit not in _UNIT_CODE:
        return None
    return _UNIT_CODE[unit] if _OVER.search(ctx.text, max(0, m.start() - 12), m.start()) else None


QUARTER_RELATIVE = re.compile(r"\b(?i:(?P<rel>last|next|this|the\s+current|the\s+previous|the\s+next)\s+quarter)\b")


def quarter_relative(m: re.Match, ctx: Context) -> tuple[str, str] | None:
    if ctx.ref is None:
        return None
    offset, _ = _rel_offset(m.group("rel"))
    if offset == -1:
        year, q = last_quarter(ctx.ref)
    else:
        q = quarter_of(ctx.ref) + offset
        year = ctx.ref.year + (1 if q > 4 else 0)
        q = (q - 1) % 4 + 1
    return f"{year}-Q{q}", "date"


AGO = re.compile(
    rf"\b(?i:(?P<n>{NUMBER}|a|an|several|a\s+few|few|many|some|a\s+couple\s+of)\s+"
    rf"(?P<unit>{UNIT}s?)\s+(?P<dir>ago|earlier|before|later|from\s+now|hence|back))\b"
    r"|\b(?i:(?P<adj>year|month|week)-(?:earlier|ago))\b"
)


def ago(m: re.Match, ctx: Context) -> tuple[str, str] | None:
    if ctx.ref is None:
        return None
    if m.group("adj"):
        n, unit, sign = 1.0, m.group("adj").lower(), -1
    else:
        n = number_value(m.group("n"))
        unit = m.group("unit").lower().rstrip("s")
        sign = 1 if m.group("dir").lower().split()[0] in ("later", "from", "hence") else -1
        if n is None:
            return ("PAST_REF" if sign < 0 else "FUTURE_REF"), "date"
    if n != int(n):
        return None
    k = int(n) * sign
    ref = ctx.ref
    if unit in ("day", "night"):
        return (ref + timedelta(days=k)).isoformat(), "date"
    if unit in ("week", "fortnight"):
        return iso_week(ref + timedelta(weeks=k * (2 if unit == "fortnight" else 1))), "date"
    if unit == "month":
        return month_shift_value(ref, k), "date"
    if unit == "year":
        quarter = _quarter_in_sentence(ctx, m) if k == -1 else None
        if quarter:  # "profit rose in the third quarter from a year earlier": that quarter, last year
            return f"{ref.year - 1}-Q{quarter}", "date"
        return str(ref.year + k), "date"
    if unit == "decade":
        return str(ref.year + 10 * k)[:3], "date"
    if unit in ("hour", "minute", "second"):
        return None  # a clock time we cannot place without the creation hour
    return None


_QUARTER_WORD = re.compile(r"(?i:\b(?:(?P<ord>first|second|third|fourth)[-\s])?quarter(?:ly)?\b)")
_SENTENCE_EDGE = re.compile(r"(?:[.!?]\s|\n)")


def _quarter_in_sentence(ctx: Context, m: re.Match) -> int | None:
    """The quarter a passage reports on (a named one, else the last completed), if it names one."""
    # the sentence, and the paragraph before it: quarterly reports name the quarter once
    lo = max(0, m.start() - 400)
    paragraph = ctx.text.rfind("\n\n", lo, m.start())
    lo = paragraph + 2 if paragraph >= 0 else lo
    hi_edge = _SENTENCE_EDGE.search(ctx.text, m.end(), m.end() + 250)
    hi = hi_edge.start() if hi_edge else min(len(ctx.text), m.end() + 250)
    found = [q for q in _QUARTER_WORD.finditer(ctx.text, lo, hi)]
    if not found:
        return None
    named = [q.group("ord") for q in found if q.group("ord")]
    if named:
        return ORDINALS[named[0].lower()]
    return last_quarter(ctx.ref)[1]


VAGUE = re.compile(
    r"\b(?i:(?P<present>now|right\s+now|currently|at\s+present|presently|nowadays|these\s+days"
    r"|at\s+the\s+moment|current)"
    r"|(?P<past>recently|lately|in\s+the\s+past|the\s+past|recent\s+(?:days|weeks|months|years)|past\s+years"
    r"|(?:the\s+)?(?:past|last)\s+(?:several|few)\s+(?:days|weeks|months|years|quarters))"
    r"|(?P<future>(?:the\s+)?(?:near\s+|foreseeable\s+)?future(?:\s+(?:months|years|quarters))?"
    r"|the\s+(?:near|short)\s+term|in\s+(?:the\s+)?coming\s+(?:days|weeks|months|years)"
    r"|coming\s+(?:days|weeks|months|years|quarters)))\b"
)


def vague(m: re.Match, ctx: Context) -> tuple[str, str] | None:
    if m.group("present"):
        return "PRESENT_REF", "date"
    if m.group("past"):
        return "PAST_REF", "date"
    return "FUTURE_REF", "date"


CLOCK = re.compile(
    rf"\b(?:(?P<wd0>{WEEKDAY})\s+(?i:at\s+)?)?(?:(?i:at|around|about|shortly\s+after|shortly\s+before|before|after)\s+)?"
    r"(?:(?P<h>1[0-2]|0?[1-9])(?:[:.](?P<mi>[0-5]\d))?\s*(?P<ap>(?i:a\.m\.?|p\.m\.?|am|pm))(?![A-Za-z])"
    r"|(?P<word>(?i:noon|midday|midnight))\b)"
    r"(?:\s+(?P<tz>[A-Z]{2,4}T?|(?i:local\s+time)|GMT|UTC)\b)?"
    rf"(?:,?\s+(?:(?i:on)\s+)?(?:(?P<wd>{WEEKDAY})(?![A-Za-z])|(?P<rd>(?i:today|yesterday|tomorrow))\b"
    rf"|(?P<m>{MONTH})\s*(?P<d>{DAY})\b(?:,?\s*(?P<y>{YEAR})\b)?))?"
)


def clock(m: re.Match, ctx: Context) -> tuple[str, str] | None:
    if m.group("m"):
        day_value = month_day(m, ctx)
        if day_value is None:
            return None
        day = date.fromisoformat(day_value[0])
    elif ctx.ref is None:
        return None
    elif m.group("wd"):
        day = _weekday_date(m, ctx, "wd")
    elif m.group("wd0"):
        day = _weekday_date(m, ctx, "wd0")
    elif m.group("rd"):
        day = ctx.ref + timedelta(days=_DAY_OFFSET[m.group("rd").lower()])
    else:
        day = ctx.ref
    if m.group("word"):
        if not (m.group("wd") or m.group("wd0") or m.group("rd") or m.group("m")):
            if m.group("word").lower() != "midday" and not m.group(0)[:1].isalpha():
                return None
        return f"{day.isoformat()}{DAY_PARTS[m.group('word').lower()]}", "time"
    hour = int(m.group("h")) % 12 + (12 if m.group("ap").lower().startswith("p") else 0)
    minute = int(m.group("mi") or 0)
    return f"{day.isoformat()}T{hour:02d}:{minute:02d}", "time"


DURATION = re.compile(
    rf"\b(?i:(?:(?P<rel>the\s+past|the\s+last|the\s+next|the\s+coming|the\s+first|the\s+final)\s+)?"
    rf"(?P<n>{NUMBER}|a|an|several|a\s+few|few|many|a\s+couple\s+of)(?:\s*-\s*|\s+)"
    rf"(?P<unit>{UNIT}|{UNITS_PLURAL})(?:\s*-\s*(?:long|old))?)\b"
)


def duration(m: re.Match, ctx: Context) -> tuple[str, str] | None:
    n = number_value(m.group("n"))
    unit = m.group("unit").lower()
    unit = "century" if unit == "centuries" else unit.rstrip("s")
    designator, is_time = UNITS[unit]
    if unit == "fortnight":
        n = 2 * n if n is not None else None
    amount = "X" if n is None else (str(int(n)) if n == int(n) else str(n))
    if designator in ("DE", "CE"):
        factor = 10 if designator == "DE" else 100
        amount = "X" if n is None else str(int(n * factor))
        designator = "Y"
    return f"P{'T' if is_time else ''}{amount}{designator}", "duration"


SET = re.compile(
    r"\b(?i:(?P<adv>daily|weekly|monthly|yearly|annually|hourly|nightly|biweekly)"
    r"|(?:every|each)\s+(?P<other>other\s+)?(?P<unit>day|week|month|year|morning|night|evening|weekend|hour)"
    r"|(?:every|each)\s+(?P<wd>monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
    r"|(?:a|per)\s+(?P<per>year|month|week))\b"
)
_SET_ADV = {"daily": "P1D", "weekly": "P1W", "monthly": "P1M", "yearly": "P1Y", "annually": "P1Y",
            "hourly": "PT1H", "nightly": "P1D", "biweekly": "P2W"}
_SET_UNIT = {"day": "P1D", "week": "P1W", "month": "P1M", "year": "P1Y", "morning": "P1D",
             "night": "P1D", "evening": "P1D", "weekend": "P1W", "hour": "PT1H"}


def time_set(m: re.Match, ctx: Context) -> tuple[str, str] | None:
    if m.group("adv"):
        return _SET_ADV[m.group("adv").lower()], "set"
    if m.group("wd"):
        return f"XXXX-WXX-{weekday_number(m.group('wd')) + 1}", "set"
    unit = (m.group("unit") or m.group("per")).lower()
    value = _SET_UNIT[unit]
    if m.group("other"):
        value = value.replace("1", "2")
    return value, "set"


RULES: list[Rule] = [
    Rule("clock", CLOCK, clock, 1),
    Rule("weekday", WEEKDAY_RULE, weekday, 2),
    Rule("relative_day", RELATIVE_DAY, relative_day, 2),
    Rule("ago", AGO, ago, 2),
    Rule("quarter_relative", QUARTER_RELATIVE, quarter_relative, 2),
    Rule("relative_unit", RELATIVE_UNIT, relative_unit, 3),
    Rule("set", SET, time_set, 4),
    Rule("duration", DURATION, duration, 5),
    Rule("vague", VAGUE, vague, 6),
]
