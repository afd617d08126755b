"""Where a word-start regex can match: the words whose first letters it can begin with.

The time rules (timex.py) each scanned the whole text: ~24 patterns x ~10,000 characters,
even behind their first-character guards (regex_guard.py) most of an article's time-rule CPU.
Most rules can only match at the start of a word (they begin with `\\b`, or with a lookbehind
that refuses a word character, and their first character is a letter or digit) and only when
that word begins with one of a small set of strings ("the", "las", "mon", "1"...).
`word_prefixes(pattern)` reads that set off the parsed pattern (lowercase, up to 3
characters; a superset: it never leaves out a real match), and `WordIndex` splits a text into
words once, so each rule is tried with `pattern.match(text, pos)` at its candidate words only.
`Scanner.finditer` gives the same matches as `pattern.finditer(text)`, position for position:
finditer takes the leftmost match at or after the last match's end, and no position that is
not a candidate can start one. Words holding a character outside ASCII are candidates of
every rule (case-insensitive matching folds some of them onto ASCII letters: "ſ" ~ "s").
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from .regex_guard import C, P, first_chars

K = 3  # prefix length: "the"/"thi"/"tod" apart, few strings per rule
_CAP = 5000  # more prefixes than this: the rule is scanned as before
_WORD = re.compile(r"\w+")
_ASCII_WORD = frozenset("abcdefghijklmnopqrstuvwxyz0123456789_")
_REPEATS = (C.MAX_REPEAT, C.MIN_REPEAT, getattr(C, "POSSESSIVE_REPEAT", None))


class _Unbounded(Exception):
    pass


def _class_chars(items: list[tuple[Any, Any]]) -> set[str]:
    """The lowercase ASCII word characters of a class, or _Unbounded when it holds anything else."""
    out: set[str] = set()
    for op, av in items:
        if op is C.LITERAL:
            out.add(chr(av).lower())
        elif op is C.RANGE and av[1] - av[0] <= 64:
            out.update(chr(c).lower() for c in range(av[0], av[1] + 1))
        elif op is C.CATEGORY and av is C.CATEGORY_DIGIT:
            out.update("0123456789")  # other digits are not ASCII: their words are everyone's candidates
        else:
            raise _Unbounded
    if not out <= _ASCII_WORD:
        raise _Unbounded
    return out


def _pieces(op: Any, av: Any) -> set[tuple[str, bool]]:
    """What one element can consume first: (string, complete); complete=False means the match
    may go on with anything after it (the prefix stops there)."""
    if op in (C.AT, C.ASSERT, C.ASSERT_NOT):
        return {("", True)}  # zero width
    if op is C.LITERAL:
        ch = chr(av).lower()
        return {(ch, True)} if ch in _ASCII_WORD else {("", False)}
    if op is C.IN:
        try:
            return {(ch, True) for ch in _class_chars(av)}
        except _Unbounded:
            return {("", False)}
    if op is C.SUBPATTERN:
        return _sequence(av[3])
    if op is getattr(C, "ATOMIC_GROUP", None):
        return _sequence(av)
    if op is C.BRANCH:
        out: set[tuple[str, bool]] = set()
        for alternative in av[1]:
            out |= _sequence(alternative)
        return out
    if op in _REPEATS:
        low, high, sub = av
        once = _sequence(sub)
        if high != 1:  # more iterations may follow: the prefix stops after the first
            once = {(s, False) for s, _ in once}
        return once | {("", True)} if low == 0 else once
    return {("", False)}  # ANY, NOT_LITERAL, back references...


def _sequence(items: Any) -> set[tuple[str, bool]]:
    states = {("", True)}
    for op, av in items:
        if not any(done for _, done in states):
            break
        pieces = _pieces(op, av)
        grown: set[tuple[str, bool]] = set()
        for s, done in states:
            if not done:
                grown.add((s, False))
                continue
            for piece, complete in pieces:
                t = s + piece
                grown.add((t[:K], False) if len(t) >= K else (t, complete))
        states = grown
        if len(states) > _CAP:
            raise _Unbounded
    return states


def _starts_at_word(items: Any) -> bool:
    """Every match starts where the previous character is not a word character (\\b before a
    word character, or a lookbehind refusing \\w)."""
    for op, av in items:
        if op is C.AT:
            return av is C.AT_BOUNDARY
        if op is C.ASSERT_NOT:
            direction, sub = av
            return direction == -1 and _refuses_word(sub)
        if op is C.SUBPATTERN:
            return _starts_at_word(av[3])
        if op is C.BRANCH:
            return all(_starts_at_word(alternative) for alternative in av[1])
        return False
    return False


def _refuses_word(sub: Any) -> bool:
    items = list(sub)
    return len(items) == 1 and items[0][0] is C.IN and any(
        op is C.CATEGORY and arg is C.CATEGORY_WORD for op, arg in items[0][1])


def word_prefixes(pattern: re.Pattern[str]) -> frozenset[str] | None:
    """Lowercase strings (1-3 word characters) one of which every match begins with, every
    match starting at a word start; None when that cannot be read off the pattern."""
    if first_chars(pattern) is None:  # may match the empty string, or global flags: not bounded
        return None
    try:
        parsed = P.parse(pattern.pattern, pattern.flags)
        if not _starts_at_word(parsed):
            return None
        prefixes = {s for s, _ in _sequence(parsed)}
    except (_Unbounded, re.error, RecursionError):
        return None
    return None if "" in prefixes or not prefixes else frozenset(prefixes)


class WordIndex:
    """Which scanners may match at a word, by the word's first K characters (cached: the same
    few thousand word beginnings come back in every article)."""

    def __init__(self, scanners: list[Scanner]) -> None:
        self.scanners = scanners
        self.everyone = tuple(i for i, s in enumerate(scanners) if s.prefixes is not None)
        self._by_prefix: dict[str, set[int]] = {}  # prefix -> scanners that may begin with it
        for i in self.everyone:
            for prefix in scanners[i].prefixes or ():
                self._by_prefix.setdefault(prefix, set()).add(i)
        self._table: dict[str, tuple[int, ...]] = {}

    def positions(self, text: str) -> list[list[int]]:
        """Per scanner, the word starts of `text` it may match at, in order."""
        out: list[list[int]] = [[] for _ in self.scanners]
        table = self._table
        for m in _WORD.finditer(text):
            p = m.start()
            key = text[p:p + K]
            hit = table.get(key)
            if hit is None:
                hit = self._matching(key)
                if len(table) < 100_000:
                    table[key] = hit
            for i in hit:
                out[i].append(p)
        return out

    def _matching(self, key: str) -> tuple[int, ...]:
        if not key.isascii():  # case folding may map it onto ASCII letters: every rule tries it
            return self.everyone
        low = key.lower()
        hits: set[int] = set()
        for n in range(1, len(low) + 1):  # the prefixes a word of this beginning starts with
            hits |= self._by_prefix.get(low[:n], set())
        return tuple(sorted(hits))


class Scanner:
    """`pattern`'s matches in a text: at its candidate words when it has word prefixes, else
    by `fallback` (its guarded form) over the whole text."""

    def __init__(self, pattern: re.Pattern[str], fallback: re.Pattern[str]) -> None:
        self.pattern, self.fallback = pattern, fallback
        self.prefixes = word_prefixes(pattern)

    def finditer(self, text: str, positions: list[int]) -> Iterator[re.Match[str]]:
        if self.prefixes is None:
            yield from self.fallback.finditer(text)
            return
        end = 0
        match = self.pattern.match
        for p in positions:
            if p < end:
                continue  # inside the last match: finditer goes on from its end
            m = match(text, p)
            if m is not None:
                end = m.end()
                yield m
