"""Per-line (or per-block) features that say what kind of text a line is."""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsdesk.extract import patterns as P

_WORD = re.compile(r"\w+", re.U)
_DATE_ONLY = re.compile(
    r"^(?:(?:published|updated|posted|last updated|first published|date)\s*:?\s*)?"
    r"(?:(?:mon|tue|wed|thu|fri|sat|sun)\w*,?\s+)?"
    r"(?:\w{3,9}\.?\s+\d{1,2},?\s+\d{4}|\d{1,2}\s+\w{3,9}\.?,?\s+\d{4}|\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/\d{2,4})"
    r"(?:\s*(?:at\s*)?[,|·•-]?\s*\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?\s*(?:[A-Z]{2,4}(?:[+-]\d+)?)?)?\.?$",
    re.I,
)


@dataclass
class LineFeatures:
    text: str
    words: int
    chars: int
    sentence_end: bool
    caps_ratio: float  # upper-case share of letters
    title_ratio: float  # share of words starting with a capital
    bullet: bool
    boilerplate: str | None  # the reason, when the line is page furniture
    credit: str | None  # the reason, when the line is a photo/agency credit
    age: bool
    date_only: bool
    byline: str | None
    end_marker: bool
    comment: bool
    related_marker: bool
    gallery_count: bool

    @property
    def blank(self) -> bool:
        return not self.text

    @property
    def prose(self) -> bool:
        """Reads like running text: a sentence of some length."""
        if self.words >= 8 and self.title_ratio > 0.65:  # Title Case runs: menus, teaser lists
            return False
        if self.words >= 30 and self.caps_ratio < 0.5:
            return True
        return self.sentence_end and self.words >= 5 and self.caps_ratio < 0.5


def credit_reason(text: str, words: int, sentence_end: bool) -> str | None:
    if not text or words > 14 or len(text) > 120:
        return None
    stripped = text.strip("() ")
    if P.SLASH_CREDIT.match(stripped) and "/" in stripped and not re.search(r"\d/\d", stripped):
        return "NAME/AGENCY credit shape"
    if P.CREDIT_PHRASE.search(text) and (words <= 10 or not sentence_end):
        return "credit phrase (via Getty/Photo:/©)"
    if P.AGENCY_WORDS.fullmatch(stripped):
        return "agency name alone"
    return None


def boilerplate_reason(text: str, words: int) -> str | None:
    if not text:
        return None
    if words <= 10 and P.BOILERPLATE.match(text):
        return "boilerplate vocabulary"
    if words <= 20 and P.BOILERPLATE_PHRASE.search(text):
        return "boilerplate phrase"
    return None


def word_count(text: str) -> int:
    """Words as line_features counts them."""
    return len(_WORD.findall(text))


def line_features(text: str) -> LineFeatures:
    text = " ".join(text.split())
    tokens = _WORD.findall(text)
    letters = sum(map(str.isalpha, text))
    upper = sum(map(str.isupper, text))
    words = len(tokens)
    sentence_end = bool(P.SENTENCE_END.search(text))
    short = words <= 12  # furniture shapes only ever match short lines: skip the regexes otherwise
    byline = P.BYLINE.match(text) if short else None
    return LineFeatures(
        text=text,
        words=words,
        chars=len(text),
        sentence_end=sentence_end,
        caps_ratio=upper / letters if letters else 0.0,
        title_ratio=(sum(t[0].isupper() for t in tokens) / words) if words else 0.0,
        bullet=bool(P.LIST_BULLET.match(text)),
        boilerplate=boilerplate_reason(text, words),
        credit=credit_reason(text, words, sentence_end),
        age=short and bool(P.AGE.match(text)),
        date_only=short and bool(_DATE_ONLY.match(text)),
        byline=byline.group(1) if byline else None,
        end_marker=short and bool(P.END_MARKER.match(text)),
        comment=short and bool(P.COMMENT_FURNITURE.match(text)),
        related_marker=short and bool(P.RELATED_MARKER.match(text)),
        gallery_count=bool(P.GALLERY_COUNT.match(text)),
    )
