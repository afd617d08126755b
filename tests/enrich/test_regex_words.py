"""Word-start scanning (enrich/regex_words.py) finds what `pattern.finditer` finds."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from newsdesk.enrich.regex_words import Scanner, WordIndex, word_prefixes
from newsdesk.enrich.timex import RULES, _scanner
from tests.enrich.test_timex_fuzz import PIECES


def _matches(found: object) -> list[tuple]:
    return [(m.span(), m.groups(), m.groupdict()) for m in found]  # type: ignore[attr-defined]


def _same_as_finditer(text: str) -> None:
    index = WordIndex([Scanner(rule.pattern, _scanner(rule.pattern)) for rule in RULES])
    for rule, scanner, positions in zip(RULES, index.scanners, index.positions(text)):
        assert _matches(scanner.finditer(text, positions)) == _matches(rule.pattern.finditer(text)), rule.name


# case folding onto ASCII (Kelvin sign, long s, dotted I), other digits, glued words
@given(st.lists(st.sampled_from(PIECES + ["K", "\u212a", "ſ", "İ", "x", "Ⅻ", "٣", "_", "-", "9", "'s", "’"]),
                max_size=40).map(lambda parts: "".join(p + (" " if i % 3 else "") for i, p in enumerate(parts))))
def test_every_time_rule_matches_the_same_at_its_words(text: str) -> None:
    _same_as_finditer(text)


def test_same_matches_on_news_prose() -> None:
    text = ("On Monday, March 3, 2025, the council said that last week's vote was delayed until the end of May; "
            "in the 1990s and early 2000s, daily flights ran twice a week. MONDAY'S meeting: 3pm, 10:30 a.m., "
            "2024-05-01, 5/3/2024, the past three years, two decades ago, this spring, ſeptember, \u212aelvin.")
    _same_as_finditer(text)
    _same_as_finditer(text.upper())
    _same_as_finditer(text.replace(" ", "_"))


def test_most_time_rules_are_word_scanned() -> None:
    """A rule left to the full scan costs ~0.3 ms per article: keep them few."""
    assert sum(word_prefixes(rule.pattern) is None for rule in RULES) <= 2


def test_prefixes_are_what_a_match_can_begin_with() -> None:
    assert word_prefixes(re.compile(r"\b(?i:today|tonight|yesterday)\b")) == {"tod", "ton", "yes"}
    assert word_prefixes(re.compile(r"\b(?:\d{1,2}|[A-C]x)")) == {*"0123456789", "ax", "bx", "cx"}
    # not at a word start, or beginning with something other than a word character: None
    assert word_prefixes(re.compile(r"(?<![\d/.-])\d+")) is None
    assert word_prefixes(re.compile(r"\b's")) is None
    assert word_prefixes(re.compile(r"\b\w+")) is None
    assert word_prefixes(re.compile(r"x?")) is None
