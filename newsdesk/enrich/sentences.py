"""Sentence boundaries as character offsets: a linear regex splitter tuned for news prose.

Quote-aware (a closing quote after the full stop stays with its sentence) and
abbreviation-aware (Mr., Sen., U.S., Jan., initials). Line breaks always end a sentence
because article text keeps one paragraph per block.
"""

from __future__ import annotations

import re

ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "prof", "sen", "rep", "gov", "gen", "lt", "col", "sgt", "capt", "cmdr",
    "adm", "maj", "st", "jr", "sr", "rev", "hon", "pres", "supt", "insp", "det", "fr", "mt", "ft",
    "inc", "co", "corp", "ltd", "llc", "bros", "dept", "univ", "no", "nos", "vs", "v", "etc", "al",
    "approx", "est", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
    "dec", "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun", "ave", "blvd",
    "rd", "hwy", "fig", "op", "cf", "e.g", "i.e", "u.s", "u.k", "u.n", "e.u", "d.c", "a.m", "p.m",
}

# a candidate end: terminal punctuation, optional closing quotes/brackets, then space
_END = re.compile(r"[.!?…]+[\"'”’)\]]*(?=\s)")
_NEXT_START = re.compile(r"\s+[\"'“‘(\[]*[A-Z0-9]")
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)$")


def _is_abbreviation(text: str, dot: int) -> bool:
    """True when the '.' at `dot` closes an abbreviation or an initial rather than a sentence."""
    m = _WORD_BEFORE.search(text, max(0, dot - 12), dot)
    if not m:
        return False
    word = m.group(1).lower().rstrip(".")
    if word in ABBREVIATIONS:
        return True
    # initials: "J." in "John F. Kennedy", "U.S." handled above; single capital letter
    return len(m.group(1)) == 1 and m.group(1).isupper()


def split_sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets of the sentences of `text`, whitespace trimmed."""
    spans: list[tuple[int, int]] = []
    for line in re.finditer(r"[^\n]+", text):
        _split_line(text, line.start(), line.end(), spans)
    return spans


def _split_line(text: str, start: int, end: int, out: list[tuple[int, int]]) -> None:
    pos = start
    for m in _END.finditer(text, start, end):
        cut = m.end()
        if not _NEXT_START.match(text, cut, end):
            continue
        if text[m.start()] == "." and m.end() - m.start() == 1 and _is_abbreviation(text, m.start()):
            continue
        _append(text, pos, cut, out)
        pos = cut
    _append(text, pos, end, out)


def _append(text: str, start: int, end: int, out: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        out.append((start, end))
