"""A cheap guard in front of a costly regex: the characters a match can start with.

Python's `re` tries the whole pattern at every position of the text. The time rules start
with a word boundary and a long alternation ("twenty|thirty|...", "Monday|Tuesday|..."), so
at each of the ~2 word boundaries per word the engine tries every alternative before it
fails. `guarded(pattern)` puts a lookahead of the pattern's possible first characters in
front (computed from the parsed pattern: a superset, so it never rejects a real match); the
engine then fails most positions on one character-class test. The matches are the same,
position for position; a pattern whose first character cannot be bounded (it may match the
empty string, starts with `.` or a negated class...) is returned unchanged.
"""

from __future__ import annotations

import re
from typing import Any

try:  # Python 3.11+: the parser is re._parser (sre_parse is its deprecated alias)
    from re import _constants as C  # type: ignore[attr-defined]
    from re import _parser as P  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - older Pythons
    import sre_constants as C  # type: ignore[no-redef]
    import sre_parse as P  # type: ignore[no-redef]


class _Unbounded(Exception):
    """The first character of a match cannot be bounded to a class."""


_CATEGORIES = {C.CATEGORY_DIGIT: r"\d", C.CATEGORY_NOT_DIGIT: r"\D", C.CATEGORY_SPACE: r"\s",
               C.CATEGORY_NOT_SPACE: r"\S", C.CATEGORY_WORD: r"\w", C.CATEGORY_NOT_WORD: r"\W"}
_ZERO_WIDTH = (C.AT, C.ASSERT, C.ASSERT_NOT)


def _char(code: int) -> str:
    return f"\\U{code:08x}"


def _items(items: list[tuple[Any, Any]]) -> list[str]:
    """An IN set's members as class text (a NEGATE set cannot be bounded)."""
    out = []
    for op, av in items:
        if op is C.LITERAL:
            out.append(_char(av))
        elif op is C.RANGE:
            out.append(f"{_char(av[0])}-{_char(av[1])}")
        elif op is C.CATEGORY and av in _CATEGORIES:
            out.append(_CATEGORIES[av])
        else:  # NEGATE, or something this guard does not know
            raise _Unbounded
    return out


def _first(seq: Any, ignorecase: bool, cased: list[str], folded: list[str]) -> bool:
    """Add the possible first characters of `seq` to `cased` / `folded` (those under
    IGNORECASE); True when `seq` can match the empty string."""
    for op, av in seq:
        if op in _ZERO_WIDTH:
            continue  # consumes nothing: the first character comes from what follows
        if op is C.LITERAL:
            (folded if ignorecase else cased).append(_char(av))
            return False
        if op is C.IN:
            (folded if ignorecase else cased).extend(_items(av))
            return False
        if op is C.BRANCH:
            empty = False
            for alternative in av[1]:
                empty |= _first(alternative, ignorecase, cased, folded)
            if not empty:
                return False
            continue
        if op is C.SUBPATTERN:
            _group, add, remove, sub = av
            flags_ic = (ignorecase or bool(add & C.SRE_FLAG_IGNORECASE)) and not (remove & C.SRE_FLAG_IGNORECASE)
            if not _first(sub, flags_ic, cased, folded):
                return False
            continue
        if op in (C.MAX_REPEAT, C.MIN_REPEAT, getattr(C, "POSSESSIVE_REPEAT", None)):
            low, _high, sub = av
            if not _first(sub, ignorecase, cased, folded) and low > 0:
                return False
            continue
        if op is getattr(C, "ATOMIC_GROUP", None):
            if not _first(av, ignorecase, cased, folded):
                return False
            continue
        raise _Unbounded  # ANY, NOT_LITERAL, GROUPREF, conditionals...
    return True


def first_chars(pattern: re.Pattern[str]) -> str | None:
    """A lookahead matching every character a non-empty match of `pattern` can start with,
    or None when that cannot be bounded."""
    if pattern.flags & (re.IGNORECASE | re.VERBOSE | re.LOCALE) or not isinstance(pattern.pattern, str):
        return None  # keep to what the rules use: scoped (?i:...) flags, plain syntax
    try:
        cased: list[str] = []
        folded: list[str] = []
        if _first(P.parse(pattern.pattern, pattern.flags), False, cased, folded):
            return None  # can match the empty string
    except (_Unbounded, re.error, RecursionError):
        return None
    parts = [f"[{''.join(cased)}]"] if cased else []
    if folded:
        parts.append(f"(?i:[{''.join(folded)}])")
    return f"(?={'|'.join(parts)})"


def guarded(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """`pattern` with its first-character lookahead in front (the same matches, found faster),
    or `pattern` itself when its first character cannot be bounded or the guard would not parse."""
    look = first_chars(pattern)
    if look is None or pattern.pattern.startswith("(?") and re.match(r"\(\?[aiLmsux]+\)", pattern.pattern):
        return pattern  # global inline flags must stay first
    try:
        return re.compile(f"{look}(?:{pattern.pattern})", pattern.flags)
    except re.error:
        return pattern
