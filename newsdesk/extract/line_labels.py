"""Training labels for the line scorer: which lines of a flattened page are article body.

A line is body when most of its 4-word shingles occur in the gold article text (lines
of fewer than four words: when its words occur there as one run). Used offline only
(bench/train_text_lines.py); nothing from the gold pages ships with the package.
"""

from __future__ import annotations

import re

_TOKEN = re.compile(r"\w+")
N = 4
MIN_SHARE = 0.5


def tokens(text: str) -> list[str]:
    return _TOKEN.findall((text or "").lower())


class GoldText:
    """The gold article, indexed for line lookups."""

    def __init__(self, gold: str) -> None:
        toks = tokens(gold)
        self.shingles = {tuple(toks[i : i + N]) for i in range(len(toks) - N + 1)}
        self.joined = " " + " ".join(toks) + " "

    def contains(self, line: str) -> bool:
        toks = tokens(line)
        if not toks:
            return False
        if len(toks) < N:
            return f" {' '.join(toks)} " in self.joined
        grams = [tuple(toks[i : i + N]) for i in range(len(toks) - N + 1)]
        return sum(g in self.shingles for g in grams) / len(grams) >= MIN_SHARE


def align_labels(lines: list[str], gold: str) -> list[bool]:
    """For each line: is it part of the gold article text?"""
    index = GoldText(gold)
    return [index.contains(line) for line in lines]
