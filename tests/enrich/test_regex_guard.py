"""The first-character guard (enrich/regex_guard.py) never changes what a pattern matches."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from newsdesk.enrich.regex_guard import first_chars, guarded
from newsdesk.enrich.timex import RULES
from tests.enrich.test_timex_fuzz import PIECES


def _matches(pattern: re.Pattern[str], text: str) -> list[tuple]:
    return [(m.span(), m.groups(), m.groupdict()) for m in pattern.finditer(text)]


@given(st.lists(st.sampled_from(PIECES + ["K", "\u212a", "ſ", "İ", "x", "Ⅻ", "٣", " "]), max_size=40).map(" ".join))
def test_every_time_rule_matches_the_same_with_its_guard(text: str) -> None:
    for rule in RULES:
        assert _matches(guarded(rule.pattern), text) == _matches(rule.pattern, text), rule.name


def test_every_time_rule_is_guarded() -> None:
    """All the time rules have a bounded first character (else they would scan at the old speed)."""
    assert [r.name for r in RULES if guarded(r.pattern) is r.pattern] == []


@given(st.text(alphabet="abkKsS\u212aſ1 -'’.", max_size=30))
def test_case_folded_first_characters(text: str) -> None:
    # under IGNORECASE 'k' also matches the Kelvin sign and 's' the long s: the guard must let them in
    for source in [r"(?i:kelvin|sa)\b", r"\b(?i:[k-s])\w", r"(?:(?i:s)|\d)+x?", r"(?<!\w)'?(?i:k)"]:
        pattern = re.compile(source)
        assert _matches(guarded(pattern), text) == _matches(pattern, text), source


def test_unbounded_patterns_are_left_alone() -> None:
    for source in [r".x", r"[^a]b", r"a?", r"(a?)\1b", r"(?i)abc", r"\b"]:
        pattern = re.compile(source)
        assert guarded(pattern) is pattern, source
    assert first_chars(re.compile(r"\b(?:ab|\d)c")) == r"(?=[\U00000061\d])"
    # lookbehinds and boundaries consume nothing: the guard looks past them
    assert first_chars(re.compile(r"(?<![\w$])(?:x|y)?z")) == r"(?=[\U00000078\U00000079\U0000007a])"
