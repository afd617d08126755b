"""Words of time: month, weekday, number, unit and season vocabularies as regex fragments.

Month and weekday names are matched case-sensitively (capitalised) so that the modal
"may", the noun "march" or "sun" are not read as dates; everything else is case-free
through scoped `(?i:...)` groups. All quantifiers are bounded, so every pattern built
from these pieces scans in linear time.
"""

from __future__ import annotations

MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4,
    "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8, "sep": 9,
    "sept": 9, "september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11,
    "dec": 12, "december": 12,
}
WEEKDAYS = {
    "monday": 0, "mon": 0, "tuesday": 1, "tue": 1, "tues": 1, "wednesday": 2, "wed": 2,
    "thursday": 3, "thu": 3, "thur": 3, "thurs": 3, "friday": 4, "fri": 4, "saturday": 5,
    "sat": 5, "sunday": 6, "sun": 6,
}
NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "a hundred": 100,
    "half a": 0.5, "a half": 0.5,
}
VAGUE_NUMBERS = {"several", "few", "a few", "many", "some", "a couple of", "a couple", "couple of"}
ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4,
}
# unit -> (TimeML duration designator, is a time unit written after "T")
UNITS = {
    "second": ("S", True), "minute": ("M", True), "hour": ("H", True), "day": ("D", False),
    "night": ("D", False), "week": ("W", False), "fortnight": ("W", False),
    "month": ("M", False), "year": ("Y", False), "decade": ("DE", False),
    "century": ("CE", False),
}
SEASONS = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
# first month of each season; winter straddles the year (Dec-Feb) and is filed under December's year
SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
DAY_PARTS = {
    "morning": "TMO", "afternoon": "TAF", "evening": "TEV", "night": "TNI",
    "overnight": "TNI", "midday": "T12:00", "noon": "T12:00", "midnight": "T24:00",
}


def alternation(words: list[str] | set[str] | dict) -> str:
    """A regex alternation of `words`, longest first (so "sept" wins over "sep")."""
    return "|".join(sorted((w.replace(" ", r"\s+") for w in words), key=len, reverse=True))


_MONTH_WORDS = [
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
]
_MONTH_ABBR = ["Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sept", "Sep", "Oct", "Nov", "Dec"]
_WEEKDAY_WORDS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

# "Nov." / "Nov" / "November" / "NOVEMBER"; the abbreviation needs its dot or a digit after it
MONTH = (
    r"(?:" + "|".join(_MONTH_WORDS + [m.upper() for m in _MONTH_WORDS]) + r"|"
    + r"(?:" + "|".join(_MONTH_ABBR) + r")\.?(?=\s*\d)|(?:" + "|".join(_MONTH_ABBR) + r")\.)"
)
WEEKDAY = r"(?:" + "|".join(_WEEKDAY_WORDS + [w.upper() for w in _WEEKDAY_WORDS]) + r")"
DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
YEAR = r"(?:1[6-9]\d\d|20\d\d)"
NUMBER = (
    r"(?:\d{1,4}(?:\.\d{1,2})?|(?i:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
    r"(?:[-\s](?:one|two|three|four|five|six|seven|eight|nine))?|"
    + alternation([k for k in NUMBERS if k not in ("a", "an")]) + r"))"
)
UNIT = r"(?i:second|minute|hour|day|night|week|fortnight|month|year|decade|century)"
UNITS_PLURAL = r"(?i:seconds|minutes|hours|days|nights|weeks|months|years|decades|centuries)"
SEASON = r"(?i:spring|summer|fall|autumn|winter)"
DAY_PART = r"(?i:morning|afternoon|evening|night)"


def number_value(word: str) -> float | None:
    """The value of a number written in digits or words ("72", "twenty-four", "a"); None if vague."""
    w = " ".join(word.lower().replace("-", " ").split())
    if w in VAGUE_NUMBERS:
        return None
    try:
        return float(w)
    except ValueError:
        pass
    if w in NUMBERS:
        return NUMBERS[w]
    parts = w.split()
    if len(parts) == 2 and parts[0] in NUMBERS and parts[1] in NUMBERS:
        return NUMBERS[parts[0]] + NUMBERS[parts[1]]
    return None


def month_number(word: str) -> int:
    return MONTHS[word.lower().rstrip(".")]


def weekday_number(word: str) -> int:
    return WEEKDAYS[word.lower().rstrip(".")]
