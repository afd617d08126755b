"""find_times on our own sentences, one family of expressions at a time (reference: Sun 2025-05-11)."""

from __future__ import annotations

import time

from datetime import date, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsdesk.enrich.timex import find_times

REF = datetime(2025, 5, 11, 12, 0)  # a Sunday


def one(sentence: str, reference=REF) -> tuple[str, str, str]:
    """(text, value, kind) of the single time mention in `sentence`."""
    times = find_times(sentence, reference)
    assert len(times) == 1, times
    t = times[0]
    assert sentence[t.start:t.end] == t.text
    return t.text, t.value, t.kind


@pytest.mark.parametrize(
    ("sentence", "value"),
    [
        ("The minister resigned on Friday after a vote.", "2025-05-09"),
        ("The minister said on Monday that talks had failed.", "2025-05-05"),
        ("The summit will take place on Wednesday in Geneva.", "2025-05-14"),
        ("Leaders plan to meet again on Tuesday.", "2025-05-13"),
        ("Rescuers worked through the early hours of Sunday.", "2025-05-11"),
        ("The vote is expected to pass next Friday.", "2025-05-16"),
        ("Police made arrests last Sunday.", "2025-05-04"),
        ("Protesters gathered outside parliament Saturday.", "2025-05-10"),
        # the quoted words' tense, not the reporting verb's after the closing quote
        ('"I will be waiting for Putin in Turkey on Thursday," Zelensky said.', "2025-05-15"),
        ('"We met them," he said on Thursday.', "2025-05-08"),
        # a subordinate clause after the comma does not set the main clause's tense
        ("He is ready to meet Putin in Istanbul on Thursday, after Moscow proposed talks.", "2025-05-15"),
    ],
)
def test_weekdays_follow_the_tense(sentence: str, value: str) -> None:
    assert one(sentence)[1:] == (value, "date")


@pytest.mark.parametrize(
    ("sentence", "value", "kind"),
    [
        ("The deal was signed on Nov. 9, 2023, in Paris.", "2023-11-09", "date"),
        ("The deadline passed on April 30.", "2025-04-30", "date"),
        ("Parliament will vote on June 3.", "2025-06-03", "date"),
        ("Elections were held on 4 July 2024 across Britain.", "2024-07-04", "date"),
        ("A truce held from March 3-5 in the north.", "2025-03-03/2025-03-05", "range"),
        ("The festival runs Aug. 30-Sept. 2 in Leeds.", "2025-08-30/2025-09-02", "range"),
        ("The file is dated 2024-12-31.", "2024-12-31", "date"),
    ],
)
def test_month_day(sentence: str, value: str, kind: str) -> None:
    assert one(sentence)[1:] == (value, kind)


@pytest.mark.parametrize(
    ("sentence", "value"),
    [
        ("Inflation peaked in October 2022.", "2022-10"),
        ("Shipments resumed in January.", "2025-01"),
        ("The plant should open in September.", "2025-09"),
        ("Sales fell last December.", "2024-12"),
        ("The law passed in early March.", "2025-03"),
    ],
)
def test_months_keep_month_granularity(sentence: str, value: str) -> None:
    assert one(sentence)[1:] == (value, "date")


def test_may_the_modal_is_not_a_month() -> None:
    assert find_times("Officials May reconsider. March on, they said; the march went on.", REF) == []
    assert one("The vote was held in May.")[1] == "2025-05"


@pytest.mark.parametrize(
    ("sentence", "value"),
    [
        ("The company was founded in 1998.", "1998"),
        ("Fiscal 2023 results were weak.", "2023"),
        ("Prices soared in the 1970s.", "197"),
        ("The 2019-2021 period was hard.", "2019/2021"),
    ],
)
def test_years_and_decades(sentence: str, value: str) -> None:
    assert one(sentence)[1] == value


def test_numbers_that_are_not_years() -> None:
    assert find_times("About 2000 troops and 1,995 police, costing $2024 each.", REF) == []


@pytest.mark.parametrize(
    ("sentence", "value"),
    [
        ("Exports rose last week.", "2025-W18"),
        ("The team arrives this week.", "2025-W19"),
        ("Talks collapsed earlier this month.", "2025-05"),
        ("Rents climbed last month.", "2025-04"),
        ("Unemployment fell last year.", "2024"),
        ("The bill comes up next year.", "2026"),
        ("A decision is due this fall.", "2025-FA"),
        ("Output will grow in the third quarter.", "2025-Q3"),
        ("Output fell in the first quarter.", "2025-Q1"),
        ("Output fell in the third quarter.", "2024-Q3"),
        ("Profit doubled in the first half of 2024.", "2024-H1"),
        ("Prices were lower two months ago.", "2025-03"),
        ("He left the party three years ago.", "2022"),
        ("It happened yesterday.", "2025-05-10"),
        ("The court rules tomorrow.", "2025-05-12"),
    ],
)
def test_relative_phrases(sentence: str, value: str) -> None:
    assert one(sentence)[1:] == (value, "date")


@pytest.mark.parametrize(
    ("sentence", "value"),
    [
        ("The economy is recovering now.", "PRESENT_REF"),
        ("Markets have recently calmed.", "PAST_REF"),
        ("Rates could rise in the future.", "FUTURE_REF"),
    ],
)
def test_vague_references(sentence: str, value: str) -> None:
    assert one(sentence)[1] == value


@pytest.mark.parametrize(
    ("sentence", "value"),
    [
        ("They agreed a 30-day ceasefire.", "P30D"),
        ("A 72-hour truce began.", "PT72H"),
        ("The war has lasted three years.", "P3Y"),
        ("It took several weeks to repair.", "PXW"),
        ("A five-minute break followed.", "PT5M"),
        ("The project took two decades.", "P20Y"),
    ],
)
def test_durations_stay_durations(sentence: str, value: str) -> None:
    assert one(sentence)[1:] == (value, "duration")


@pytest.mark.parametrize(
    ("sentence", "value"),
    [("The paper is printed daily.", "P1D"), ("She visits every Monday.", "XXXX-WXX-1")],
)
def test_sets(sentence: str, value: str) -> None:
    assert one(sentence)[1:] == (value, "set")


@pytest.mark.parametrize(
    ("sentence", "value"),
    [
        ("The polls will close at 8 p.m. Tuesday.", "2025-05-13T20:00"),
        ("The blast happened at 10:35 a.m.", "2025-05-11T10:35"),
        ("Fighting continued on Friday night.", "2025-05-09TNI"),
        ("He spoke this morning.", "2025-05-11TMO"),
    ],
)
def test_clock_times_and_day_parts(sentence: str, value: str) -> None:
    assert one(sentence)[1:] == (value, "time")


def test_without_reference_only_absolute_values() -> None:
    times = find_times("On Thursday, after the June 2024 vote, a 30-day truce began.", None)
    assert [(t.text, t.value) for t in times] == [("June 2024", "2024-06"), ("30-day", "P30D")]


def test_reference_may_be_a_date() -> None:
    assert one("It rained yesterday.", date(2024, 3, 1))[1] == "2024-02-29"


def test_values_off_the_calendar_are_skipped_not_raised() -> None:
    """A page may claim year 9999 (or 1): relative days past the calendar's ends have no value;
    the other expressions of the text are still found."""
    late = find_times("Talks resumed 3 days later, next week, in 2031.", date(9999, 12, 30))
    assert [(t.text, t.value) for t in late] == [("3 days", "P3D"), ("2031", "2031")]  # the span, as a duration
    early = find_times("It rained last week and 9999 days ago.", date(1, 1, 2))
    assert [(t.text, t.value) for t in early] == [("9999 days", "P9999D")]
    # a month and day without a year on a page dated 0001-01-01: its nearest year would be 0
    first = find_times("The vote is on May 5, for 2 years.", date(1, 1, 1))
    assert [(t.text, t.value) for t in first] == [("2 years", "P2Y")]


def test_bad_input_is_named() -> None:
    with pytest.raises(TypeError, match="find_times expects text as str"):
        find_times(b"bytes", REF)  # type: ignore[arg-type]


def test_pathological_input_is_fast() -> None:
    """100k characters of digits and month names: linear scanning, no backtracking blow-up
    (a blow-up is minutes of CPU; counted in CPU time so a loaded machine cannot fail it)."""
    started = time.process_time()
    chunk = "May 2024 12 June 1999-2 Nov. 3 4 5 -- 17 7777 January March 31 1 2 "
    text = (chunk * (100_000 // len(chunk) + 1))[:100_000]
    times = find_times(text, REF)
    assert times and all(text[t.start:t.end] == t.text for t in times)
    digits = "9" * 100_000
    assert find_times(digits, REF) == []
    assert time.process_time() - started < 20


_TOKENS = [
    "May", "Feb.", "Sept", "31", "29", "30-", "2024", "1999", "on", "Sunday", "last", "next", "week",
    "the", "early", "hours", "of", "-", "to", "a.m.", "10:35", "quarter", "third", "ago", "a", "year",
    "will", "said", "Christmas", "the 1990s", "every", "fall", "72-hour", ",", ".", "\n\n", "Q4",
]


@given(st.lists(st.sampled_from(_TOKENS), max_size=40), st.dates(date(1900, 1, 1), date(2100, 12, 31)))
@settings(max_examples=300, deadline=None)
def test_any_token_soup_gives_valid_mentions(tokens: list[str], ref: date) -> None:
    text = " ".join(tokens)
    previous_end = 0
    for t in find_times(text, ref):
        assert text[t.start:t.end] == t.text and t.start >= previous_end and t.value
        previous_end = t.end
