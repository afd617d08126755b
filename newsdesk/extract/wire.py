"""The original news agency of a story, when the page states it."""

from __future__ import annotations

import re

# Agency names are matched case-sensitively ("AP", not "ap"); the words around them are not.
_AGENCIES = {
    "Reuters": r"Reuters|REUTERS",
    "AP": r"AP|(?:[Tt]he )?Associated Press|ASSOCIATED PRESS",
    "AFP": r"AFP|Agence France-Presse|Agence France Presse",
}
# Datelines "KYIV (Reuters) -", notes "Reuters contributed", "Copyright 2025 The Associated Press".
_STRONG = (
    r"\((?:{a})\)\s*[-–—]",
    r"^\s*(?i:©|copyright)\s*(?:\d{{4}}\s*)?(?:{a})\b",
    r"\b(?:{a})\s+(?i:contributed|reported this)\b",
    r"^\s*(?:{a})\s*$",
)
# The agency as the reporter inside the story: "did not respond to Reuters' request", "told AFP".
_WEAK = (
    r"\b(?i:respond(?:ed)?|replied) to (?:a |an )?(?:{a})(?:'s|’s|'|’)? (?i:request)",
    r"\b(?i:told) (?:{a})\b",
    r"\b(?:{a}) (?i:has seen|had seen)\b",
    r"\b(?i:seen by) (?:{a})\b",
)


def _compiled(shapes: tuple[str, ...]) -> list[tuple[str, re.Pattern[str]]]:
    return [(name, re.compile("|".join(shape.format(a=alias) for shape in shapes))) for name, alias in _AGENCIES.items()]


_STRONG_RE = _compiled(_STRONG)
_WEAK_RE = _compiled(_WEAK)


_ANY_AGENCY = re.compile("|".join(_AGENCIES.values()))


def _first_match(lines: list[str], patterns: list[tuple[str, re.Pattern[str]]]) -> str | None:
    for line in lines:
        if not _ANY_AGENCY.search(line):
            continue
        for name, pattern in patterns:
            if pattern.search(line):
                return name
    return None


def detect_wire(body_lines: list[str]) -> str | None:
    """Reuters/AP/AFP when a dateline, closing note or the reporting itself names it.

    Photo credits do not count: a Reuters photo does not make a Reuters story.
    """
    ends = body_lines[:3] + body_lines[-4:]
    return _first_match(ends, _STRONG_RE) or _first_match(body_lines, _WEAK_RE)
