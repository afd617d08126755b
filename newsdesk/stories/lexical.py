"""The lexical side of story similarity: TF-IDF over the whole text with online IDF.

Sentence embeddings of the lead say what kind of event a report is about; the words
of the whole text (names, numbers, dates) say which one. Document frequencies are
counted online and halved every `half_life` documents, so memory stays bounded and
the weights follow what is being written about now.
"""

from __future__ import annotations

import math
import re
from collections import Counter

from newsdesk.models import Article

from .embed import _STOP, text_words, words

_NAME = re.compile(r"(?<![.!?]\s)(?<!^)\b([A-Z][a-z]+(?:\s[A-Z][a-z]+)*|\d+(?:[.,]\d+)?)", re.M)
_ISO = re.compile(r"^\d{4}(-\d\d)?(-\d\d)?$")


def article_terms(article: Article) -> dict[str, float]:
    """Sublinear term frequencies of content words, names and numbers (as units), and dates."""
    # the words of title + line break + body are the title's then the body's (a word never spans
    # a line break): the body's come from the cache its shingles filled
    parts = (words(article.title or ""), text_words(article.text or ""))
    counts: Counter[str] = Counter(w for part in parts for w in part if w not in _STOP and len(w) > 2)
    counts.update("n:" + m.replace(" ", "_").lower() for m in _NAME.findall(article.text or ""))
    dates = [t.value for t in article.times if _ISO.match(t.value or "")]
    if article.published and not article.published_estimated:
        dates.append(article.published.date().isoformat())
    for d in dates:  # the year and month an article talks about tell event instances apart
        counts["y:" + d[:4]] += 3
        if len(d) >= 7:
            counts["m:" + d[:7]] += 3
    return {t: 1.0 + math.log(n) for t, n in counts.items()}


class LexicalIndex:
    def __init__(self, half_life: int = 20_000) -> None:
        self.df: Counter[str] = Counter()
        self.docs = 0.0
        self.half_life = half_life
        self._since = 0

    def add(self, terms: dict[str, float]) -> None:
        self.df.update(terms.keys())
        self.docs += 1
        self._since += 1
        if self._since >= self.half_life:  # forget slowly: old vocabulary fades, memory stays bounded
            self._since = 0
            self.docs /= 2
            self.df = Counter({t: n / 2 for t, n in self.df.items() if n >= 2})

    def idf(self, term: str) -> float:
        return math.log((1.0 + self.docs) / (1.0 + self.df.get(term, 0.0))) + 1.0

    def weigh(self, terms: dict[str, float]) -> tuple[dict[str, float], float]:
        """TF-IDF weights of an article's terms and their norm (computed once per article)."""
        out = {t: w * self.idf(t) for t, w in terms.items()}
        return out, math.sqrt(sum(v * v for v in out.values()))
