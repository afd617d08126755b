"""Numeric features of each line in its page context, for the learnt line scorer.

A line's own shape (length, sentence end, capitals, furniture vocabulary), the rule
classifier's label for it, where it sits (inside the rule's main segment or how far
from it, how far down the page) and what its neighbours look like (how much prose
lies around it). Every feature has a name so the scorer can say which ones moved a
line's score (`line_model.explain`).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator

import numpy as np

# The rule labels a line can carry when the scorer sees it (text_lines.classify_lines).
RULE_LABELS = (
    "body", "subheading", "list", "title", "caption", "credit", "outside", "tail", "related",
    "duplicate", "furniture", "boilerplate", "end-marker", "age", "date", "byline", "comment-furniture",
)
WINDOWS = (1, 3, 8)

_DIGIT = re.compile(r"\d")
_SEPARATOR = re.compile(r"\s[|»›•·/]\s|\s[-–—]\s")
_URLISH = re.compile(r"https?://|www\.|\.com\b|@\w")


def _own(f, label: str) -> list[float]:
    text = f.text
    words = max(f.words, 1)
    return [
        math.log1p(f.words),
        math.log1p(f.chars),
        float(f.sentence_end),
        f.caps_ratio,
        f.title_ratio,
        float(f.bullet),
        float(bool(f.boilerplate)),
        float(bool(f.credit)),
        float(f.age),
        float(f.date_only),
        float(bool(f.byline)),
        float(f.end_marker),
        float(f.comment),
        float(f.related_marker),
        float(text.endswith(":")),
        float(f.prose),
        len(_DIGIT.findall(text)) / max(f.chars, 1),
        text.count(",") / words,
        float(bool(_SEPARATOR.search(text))),
        float(bool(_URLISH.search(text))),
        float(bool(text) and text[0].islower()),
        float(bool(text) and text[-1] in "?!"),
        f.chars / words / 10.0,
    ]


OWN_NAMES = (
    "log_words", "log_chars", "sentence_end", "caps_ratio", "title_ratio", "bullet", "boilerplate_vocab",
    "credit_shape", "age_stamp", "date_only", "byline", "end_marker", "comment_furniture", "related_marker",
    "ends_colon", "prose", "digit_share", "commas_per_word", "separator", "url_or_handle", "starts_lower",
    "ends_question", "mean_word_len",
)


def feature_names() -> list[str]:
    names = list(OWN_NAMES) + [f"rule={label}" for label in RULE_LABELS]
    names += ["in_segment", "seg_distance", "page_pos", "words_before_share", "page_log_words", "page_prose_share"]
    for w in WINDOWS:
        names += [f"prose_share_w{w}", f"log_words_w{w}", f"furniture_w{w}"]
    names += ["prev_prose", "next_prose", "prev_log_words", "next_log_words", "prev_same_shape", "next_same_shape"]
    return names


def _shape(f) -> tuple[bool, bool]:
    return (f.prose, f.words <= 6)


def line_vectors(items: list, start: int, end: int) -> list[list[float]]:
    """One feature vector per non-blank item (blank items get an empty list)."""
    out: list[list[float]] = [[] for _ in items]
    for i, row in _rows(items, start, end):
        out[i] = row
    return out


def feature_matrix(items: list, start: int, end: int) -> tuple[list[int], np.ndarray]:
    """(indices of the non-blank items, their vectors as one array): filled row by row, so a
    page of many thousands of lines never holds its features as Python floats all at once."""
    rows = [i for i, it in enumerate(items) if not it.feats.blank]
    X = np.empty((len(rows), len(feature_names())), dtype=np.float32)  # what the trees were trained on
    for k, (_, row) in enumerate(_rows(items, start, end)):
        X[k] = row
    return rows, X


def _rows(items: list, start: int, end: int) -> Iterator[tuple[int, list[float]]]:
    idx = [i for i, it in enumerate(items) if not it.feats.blank]
    n = len(idx)
    feats = [items[i].feats for i in idx]
    prose = [float(f.prose) for f in feats]
    logw = [math.log1p(f.words) for f in feats]
    furn = [float(items[i].label in ("boilerplate", "end-marker", "age", "comment-furniture", "credit")) for i in idx]
    total_words = sum(f.words for f in feats) or 1
    page = [math.log1p(total_words), sum(prose) / max(n, 1)]
    cum_words = 0
    for k, i in enumerate(idx):
        it, f = items[i], feats[k]
        label = it.label
        row = _own(f, label)
        row += [float(label == name) for name in RULE_LABELS]
        inside = start <= i <= end
        dist = 0 if inside else (start - i if i < start else i - end)
        row += [float(inside), math.log1p(dist), k / max(n - 1, 1), cum_words / total_words] + page
        for w in WINDOWS:
            lo, hi = max(0, k - w), min(n, k + w + 1)
            span = (hi - lo - 1) or 1
            row += [
                (sum(prose[lo:hi]) - prose[k]) / span,
                (sum(logw[lo:hi]) - logw[k]) / span,
                (sum(furn[lo:hi]) - furn[k]) / span,
            ]
        prev = feats[k - 1] if k > 0 else None
        nxt = feats[k + 1] if k + 1 < n else None
        row += [
            float(prev.prose) if prev else 0.0,
            float(nxt.prose) if nxt else 0.0,
            logw[k - 1] if prev else 0.0,
            logw[k + 1] if nxt else 0.0,
            float(prev is not None and _shape(prev) == _shape(f)),
            float(nxt is not None and _shape(nxt) == _shape(f)),
        ]
        yield i, row
        cum_words += f.words
