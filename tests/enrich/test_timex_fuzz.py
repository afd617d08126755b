"""Fuzzing the time parser: random date phrases and any text. find_times never raises,
every mention sits at its offsets, and its value is an ISO-style string.

HYPOTHESIS_PROFILE=fuzz (`make fuzz`) runs many more examples than `make test`."""

from __future__ import annotations

import re
import time
from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from newsdesk.enrich.timex import find_times

PIECES = ["on", "Monday", "last", "next", "this", "week", "month", "year", "3", "31", "29", "February", "May", "Sept.",
          "2024", "1999", "0", "9999", "at", "5", "pm", "noon", "midnight", "ago", "two", "twenty-one", "days", "the",
          "spring", "of", "mid-", "1990s", "early", "late", "Q3", "2023-05-01", "12/31/2024", "31/12/2024", "yesterday",
          "tomorrow", "tonight", "'s", "-", "/", ":", ",", ".", "since", "until", "between", "and", "every", "Tuesdays",
          "fiscal", "quarter", "decade", "century", "weekend", "hours", "\n\n", "‘", "’", "“", "”", "a.m.", "10:61"]
# what a TIMEX value may look like: dates, weeks, seasons, quarters, ranges, durations, sets, times
VALUE = re.compile(r"^[0-9A-Za-z:./\-+ ]+$")


def _check(text: str, reference: date | None) -> None:
    started = time.process_time()  # CPU time: robust to a loaded machine
    mentions = find_times(text, reference)
    assert time.process_time() - started < 5
    last_start = -1
    for m in mentions:
        assert 0 <= m.start < m.end <= len(text) and text[m.start:m.end] == m.text
        assert m.value and VALUE.match(m.value), m
        assert m.kind in ("date", "range", "duration", "set", "time")
        assert m.start >= last_start  # in text order
        last_start = m.start


@given(st.lists(st.sampled_from(PIECES), max_size=40), st.none() | st.dates(date(1, 1, 1), date(9999, 12, 31)))
def test_random_date_phrases(pieces: list[str], reference: date | None) -> None:
    _check(" ".join(pieces), reference)


@given(st.text(max_size=600), st.none() | st.dates())
def test_any_text(text: str, reference: date | None) -> None:
    _check(text, reference)
