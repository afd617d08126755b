"""The learnt line scorer: is a line of a flattened page article body?

Gradient-boosted trees trained offline (bench/train_text_lines.py) on the line
features of line_context.py, with labels from aligning lines to gold article text.
Only the trees ship (line_model.json: split feature, threshold, children, value);
they are evaluated here with numpy, so no learning library is needed at run time.

Two stages: the first scores each line from its own features and its neighbours'
shapes; the second adds what the first stage thinks of the neighbourhood (mean
score around the line, share of body-like words before and after it, distance to
the nearest confident body line), which is what lets it find the article's span.

A lexicon comes first: a linear model over hashed words and word pairs of the line
(boilerplate vocabulary such as 'Advertisement', 'Read more', 'Sign up' is shared
across sites, so it transfers to pages never seen). Its score and the mean score of
the lines around it are three more first-stage inputs; in training they come from
lexicons that did not see that page (cross-fitting), as at run time.

`explain()` splits a line's score into per-feature contributions along the paths
it takes through the trees (the sum of value changes at each split on a feature),
so the debug output can say which features made a line body or not.
"""

from __future__ import annotations

import base64
import json
import re
import zlib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

MODEL_PATH = Path(__file__).with_name("line_model.json")
CONTEXT_WINDOWS = (1, 2, 4, 8)
WORD_CAP = 60
CONFIDENT_WORDS = 8
FAR = 5.0  # log-distance used when there is no confident body line on that side
LEXICON_NAMES = ("lexicon", "lexicon_w1", "lexicon_w3")
LEXICON_WINDOWS = (1, 3)
_TOKEN = re.compile(r"\w+")


# Rule labels of lines a photo or an advert puts between paragraphs: the second stage
# also reads its neighbours' scores with these skipped, so a caption and credit in the
# middle of an article do not make the paragraphs around them look like an edge.
FURNITURE_LABELS = ("caption", "credit", "boilerplate", "furniture", "age", "date", "byline", "duplicate")
CONTENT_WINDOWS = (1, 2, 4)


def context_names(content: bool = False) -> list[str]:
    names = ["stage1"] + [f"stage1_mean_w{w}" for w in CONTEXT_WINDOWS]
    names += ["body_words_before", "body_words_after", "log_dist_prev_body", "log_dist_next_body"]
    if content:
        for w in CONTENT_WINDOWS:
            names += [f"content_before_w{w}", f"content_after_w{w}"]
    return names


def content_mask(X: np.ndarray, features: list[str]) -> np.ndarray:
    """Rows whose rule label is not photo or advert furniture (from the rule one-hot columns)."""
    cols = [features.index(f"rule={label}") for label in FURNITURE_LABELS if f"rule={label}" in features]
    return ~(X[:, cols] > 0.5).any(axis=1) if cols else np.ones(len(X), dtype=bool)


def content_context(p1: np.ndarray, content: np.ndarray) -> np.ndarray:
    """Mean first-stage score of the w content lines before and the w after each line
    (furniture lines skipped; 0 where there are none on that side)."""
    content = content.astype(np.int64)
    c = p1[content > 0]
    sums = np.concatenate([[0.0], np.cumsum(c)])
    m = len(c)
    before_n = np.cumsum(content) - content  # content rows strictly before each row
    after_start = before_n + content  # first content row strictly after it
    cols = []
    for w in CONTENT_WINDOWS:
        lo = np.maximum(before_n - w, 0)
        cols.append((sums[before_n] - sums[lo]) / np.maximum(before_n - lo, 1))
        hi = np.minimum(after_start + w, m)
        cols.append((sums[hi] - sums[after_start]) / np.maximum(hi - after_start, 1))
    return np.column_stack(cols)


def context_features(p1: np.ndarray, words: np.ndarray, content: np.ndarray | None = None) -> np.ndarray:
    """What the first stage thinks of each line's surroundings (with `content`, a mask of the
    rows that are not photo or advert furniture, also over content neighbours only)."""
    n = len(p1)
    weighted = p1 * np.minimum(words, WORD_CAP)
    cum = np.cumsum(weighted)
    total = cum[-1] + 1e-9 if n else 1.0
    sums = np.concatenate([[0.0], np.cumsum(p1)])
    confident = np.flatnonzero((p1 > 0.5) & (words >= CONFIDENT_WORDS))
    idx = np.arange(n)
    cols = [p1]
    for w in CONTEXT_WINDOWS:
        lo, hi = np.maximum(idx - w, 0), np.minimum(idx + w + 1, n)
        cols.append((sums[hi] - sums[lo] - p1) / np.maximum(hi - lo - 1, 1))
    cols += [(cum - weighted) / total, (total - cum) / total]
    if len(confident):
        before = np.searchsorted(confident, idx, side="left")  # confident lines strictly before k
        prev_i = confident[np.maximum(before - 1, 0)]
        prev_dist = np.where(before > 0, np.log1p(np.abs(idx - prev_i)), FAR)
        upto = np.searchsorted(confident, idx, side="right")  # ... at or before k
        next_i = confident[np.minimum(upto, len(confident) - 1)]
        next_dist = np.where(upto < len(confident), np.log1p(np.abs(next_i - idx)), FAR)
    else:
        prev_dist = next_dist = np.full(n, FAR)
    cols += [prev_dist, next_dist]
    out = np.column_stack(cols)
    return out if content is None else np.hstack([out, content_context(p1, content)])


def lexicon_keys(line: str) -> list[str]:
    """What the lexicon looks at: the line's lower-cased words (numbers as '0'), its
    word pairs, and its first and last word marked as such."""
    toks = ["0" if t.isdigit() else t for t in _TOKEN.findall(line.lower())]
    keys = toks + [f"{a} {b}" for a, b in zip(toks, toks[1:])]
    if toks:
        keys += ["^" + toks[0], toks[-1] + "$"]
    return keys


def lexicon_buckets(line: str, bits: int) -> list[int]:
    """The distinct hash buckets of a line's keys (crc32: stable across runs and machines)."""
    mask = (1 << bits) - 1
    return sorted({zlib.crc32(k.encode("utf-8")) & mask for k in lexicon_keys(line)})


def mean_around(s: np.ndarray, windows=LEXICON_WINDOWS) -> np.ndarray:
    """Each value and the mean of its neighbours within each window (itself excluded)."""
    n = len(s)
    sums = np.concatenate([[0.0], np.cumsum(s)])
    idx = np.arange(n)
    cols = [s]
    for w in windows:
        lo, hi = np.maximum(idx - w, 0), np.minimum(idx + w + 1, n)
        cols.append((sums[hi] - sums[lo] - s) / np.maximum(hi - lo - 1, 1))
    return np.column_stack(cols)


@dataclass
class Lexicon:
    """Linear body-or-not score of a line from its hashed words (weights stored as int8)."""

    bits: int
    bias: float
    scale: float
    weights: np.ndarray  # int8, 2**bits
    windows: tuple[int, ...] = LEXICON_WINDOWS  # neighbour means of the score that are features too

    @property
    def names(self) -> list[str]:
        return ["lexicon"] + [f"lexicon_w{w}" for w in self.windows]

    def score(self, lines: list[str]) -> np.ndarray:
        w = self.weights
        return np.array(
            [self.bias + self.scale * float(w[lexicon_buckets(line, self.bits)].sum(dtype=np.int64)) for line in lines]
        )

    def features(self, lines: list[str]) -> np.ndarray:
        return mean_around(self.score(lines), self.windows) if lines else np.zeros((0, len(self.names)))

    @classmethod
    def from_weights(cls, bits: int, bias: float, weights: np.ndarray, windows: tuple[int, ...] = LEXICON_WINDOWS) -> "Lexicon":
        scale = float(np.abs(weights).max()) / 127 or 1.0
        q = np.clip(np.round(weights / scale), -127, 127).astype(np.int8)
        return cls(bits, float(bias), scale, q, tuple(windows))

    @classmethod
    def from_json(cls, spec: dict) -> "Lexicon":
        q = np.frombuffer(base64.b64decode(spec["weights"]), dtype=np.int8)
        windows = tuple(int(w) for w in spec.get("windows", LEXICON_WINDOWS))
        return cls(int(spec["bits"]), float(spec["bias"]), float(spec["scale"]), q, windows)

    def to_json(self) -> dict:
        return {"bits": self.bits, "bias": self.bias, "scale": self.scale, "windows": list(self.windows),
                "weights": base64.b64encode(self.weights.tobytes()).decode("ascii")}


@dataclass
class Forest:
    """One boosted stage: flat node arrays of all its trees."""

    baseline: float
    roots: np.ndarray
    feature: np.ndarray
    threshold: np.ndarray
    left: np.ndarray
    right: np.ndarray
    value: np.ndarray
    leaf: np.ndarray

    @classmethod
    def from_json(cls, spec: dict) -> "Forest":
        nodes = spec["nodes"]  # columns: feature, threshold, left, right, value, is_leaf (children global)
        arr = np.array(nodes, dtype=float).reshape(-1, 6) if nodes else np.zeros((0, 6))
        return cls(
            baseline=float(spec["baseline"]),
            roots=np.array(spec["roots"], dtype=np.int64),
            feature=arr[:, 0].astype(np.int64),
            threshold=arr[:, 1],
            left=arr[:, 2].astype(np.int64),
            right=arr[:, 3].astype(np.int64),
            value=arr[:, 4],
            leaf=arr[:, 5].astype(bool),
        )

    def raw(self, X: np.ndarray, chunk: int = 128) -> np.ndarray:
        """Raw score of every row. Rows go in chunks so memory stays flat on pages of
        thousands of lines (each chunk holds rows x trees node indices)."""
        if len(X) <= chunk:
            return self._raw(X)
        return np.concatenate([self._raw(X[i:i + chunk]) for i in range(0, len(X), chunk)])

    def _raw(self, X: np.ndarray) -> np.ndarray:
        """All rows walk all trees together, one level a step."""
        rows = np.arange(len(X))[:, None]
        node = np.repeat(self.roots[None, :], len(X), axis=0)
        while True:
            inner = ~self.leaf[node]
            if not inner.any():
                break
            go_left = X[rows, self.feature[node]] <= self.threshold[node]
            node = np.where(inner, np.where(go_left, self.left[node], self.right[node]), node)
        return self.baseline + self.value[node].sum(axis=1)

    def contributions(self, x: np.ndarray) -> np.ndarray:
        """Per-feature share of one row's raw score (value changes along its paths)."""
        out = np.zeros(len(x))
        for root in self.roots:
            node = root
            while not self.leaf[node]:
                f = self.feature[node]
                child = self.left[node] if x[f] <= self.threshold[node] else self.right[node]
                out[f] += self.value[child] - self.value[node]
                node = child
        return out


@dataclass
class LineModel:
    features: list[str]
    stage1: Forest
    stage2: Forest
    threshold: float
    lexicon: Lexicon | None = None
    content_context: bool = False  # the second stage also reads content-only neighbour scores

    def score(self, X: np.ndarray, words: np.ndarray, lines: list[str] | None = None) -> tuple[np.ndarray, np.ndarray]:
        """Body probability of each row, and the second-stage input (for explain).
        `lines` (the rows' text) feeds the lexicon when the model has one."""
        if len(X) == 0:
            return np.zeros(0), np.zeros((0, len(self.features) + len(context_names(self.content_context))))
        if self.lexicon is not None:
            X = np.hstack([X, self.lexicon.features(lines or [""] * len(X))]).astype(np.float32)
        p1 = _sigmoid(self.stage1.raw(X))
        content = content_mask(X, self.features) if self.content_context else None
        context = context_features(p1, words, content).astype(np.float32)  # as the trees saw it
        X2 = np.hstack([X.astype(np.float32, copy=False), context])  # no float64 copy of the whole page
        return _sigmoid(self.stage2.raw(X2)), X2

    def explain(self, x2: np.ndarray, top: int = 3) -> str:
        """The features that moved this line's second-stage score most."""
        names = self.features + context_names(self.content_context)
        contrib = self.stage2.contributions(x2)
        order = np.argsort(-np.abs(contrib))[:top]
        return ", ".join(f"{names[i]}={x2[i]:.2g} ({contrib[i]:+.2f})" for i in order if contrib[i])


def _sigmoid(z: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))


@lru_cache(maxsize=1)
def load_model(path: str = str(MODEL_PATH)) -> LineModel | None:
    """The shipped model, or None when it is absent (the rules then decide alone)."""
    p = Path(path)
    if not p.exists():
        return None
    spec = json.loads(p.read_text(encoding="utf-8"))
    return LineModel(
        features=list(spec["features"]),
        stage1=Forest.from_json(spec["stage1"]),
        stage2=Forest.from_json(spec["stage2"]),
        threshold=float(spec["threshold"]),
        lexicon=Lexicon.from_json(spec["lexicon"]) if spec.get("lexicon") else None,
        content_context=bool(spec.get("content_context")),
    )

