"""Keyphrases of an article: candidate phrases between stop words, scored by frequency,
position and capitalisation. Replaces yake (same role, less time: one regex pass and
a few counters instead of yake's per-term graph statistics).

A candidate is a run of one or two content words inside one clause (stop words, numbers
and punctuation split runs). A word's weight is how often it occurs, more when it first
occurs early (news puts the point first) and when it is capitalised mid-sentence (a name);
a two-word phrase counts when it repeats, or when both its words are salient. The best
phrases come out in score order, a phrase whose words an earlier one already covers left out.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field

from spacy.lang.en.stop_words import STOP_WORDS

KEYPHRASE_CHARS = 5000  # the lead carries the keyphrases; the cost stays flat on long pages
# reporting verbs and news filler: frequent in every article, the point of none
_FILLER = {
    "said", "says", "say", "told", "tell", "according", "added", "asked", "including", "like", "also",
    "year", "years", "time", "times", "people", "new", "percent", "week", "weeks", "day", "days",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "mr", "mrs", "ms",
    "dr", "image", "photo", "getty", "images", "reuters", "ap", "afp", "caption", "copyright", "shutterstock", "advertisement",
}
_STOP = {w.lower() for w in STOP_WORDS} | _FILLER
# words (letters, inner apostrophes and hyphens) or a clause break: punctuation, a number, a line break
_TOKEN = re.compile(r"[A-Za-z][A-Za-z'’\-]*[A-Za-z]|[A-Za-z]|[0-9][0-9.,]*|[.!?;:,()\"“”\[\]—–]|\n")
_SENTENCE_END = {".", "!", "?"}
_POSSESSIVE_ENDS = ("'s", "’s")  # tokens end with a letter: the end of the token is the end


@dataclass
class _Word:
    count: int = 0
    first: int = 0  # token index of the first occurrence
    capitalised: int = 0  # occurrences capitalised but not first in their sentence
    forms: set[str] = field(default_factory=set)  # the spellings met (only which: a name is always capitalised)


def keyphrases(text: str, limit: int = 10) -> list[str]:
    """Up to `limit` keyphrases of `text`, best first, each as it is written in the text."""
    runs, words = _candidates(text[:KEYPHRASE_CHARS])
    if not words:
        return []
    total = max(1, sum(w.count for w in words.values()))
    weight = {key: _weight(w, total) for key, w in words.items()}
    # always capitalised: a name, even at a sentence start ("Anna Lindqvist, who chairs...")
    names = {key for key, w in words.items() if all(form[0].isupper() for form in w.forms)}
    phrases: Counter[tuple[str, ...]] = Counter()
    surface: dict[tuple[str, ...], str] = {}
    for run in runs:
        for n in (1, 2):
            for i in range(len(run) - n + 1):
                key = tuple(w.lower() for w in run[i:i + n])
                phrases[key] += 1
                surface.setdefault(key, " ".join(run[i:i + n]))
    scored = sorted(((_score(key, count, weight, names), key) for key, count in phrases.items()), reverse=True)
    return _distinct([(key, surface[key]) for score, key in scored if score > 0], limit)


def _candidates(text: str) -> tuple[list[list[str]], dict[str, _Word]]:
    """Runs of content words (clause by clause) and each word's statistics."""
    runs: list[list[str]] = []
    run: list[str] = []
    words: dict[str, _Word] = {}
    sentence_start = True
    for index, match in enumerate(_TOKEN.finditer(text)):
        token = match.group()
        if token.endswith(_POSSESSIVE_ENDS):  # "Putin's proposal" is about Putin (a str test, not a regex per token)
            token = token[:-2]
        low = token.lower()
        if not token[0].isalpha() or low in _STOP or len(token) < 3:
            if run:
                runs.append(run)
                run = []
            sentence_start = token in _SENTENCE_END or token == "\n" or (sentence_start and not token[0].isalpha())
            continue
        stats = words.get(low)
        if stats is None:  # not setdefault: that built a _Word for every token, kept or not
            stats = words[low] = _Word(first=index)
        stats.count += 1
        stats.forms.add(token)
        if token[0].isupper() and not sentence_start:
            stats.capitalised += 1
        sentence_start = False
        run.append(token)
    if run:
        runs.append(run)
    return runs, words


def _weight(word: _Word, total: int) -> float:
    """Frequency, raised for an early first occurrence and for names (capitalised mid-sentence)."""
    early = 1.0 + 1.0 / (1.0 + word.first / 100.0)  # 2 at the start, ~1.2 after 400 tokens
    name = 1.0 + 0.5 * word.capitalised / word.count
    return math.log1p(word.count) * early * name * (1.0 + word.count / total)


def _score(key: tuple[str, ...], count: int, weight: dict[str, float], names: set[str]) -> float:
    if len(key) == 1:
        return weight[key[0]]
    # a pair is a phrase when it repeats or is a name ("Anna Lindqvist"); another pair counts a little
    parts = [weight[w] for w in key]
    phrase = count > 1 or all(w in names for w in key)
    return (sum(parts) / len(parts)) * (1.2 if phrase else 0.6) * math.log1p(count) / math.log(2)


def _distinct(ranked: list[tuple[tuple[str, ...], str]], limit: int) -> list[str]:
    """Best first; leave out a phrase whose words are all in a chosen one, and a word that a
    chosen pair already holds ("Istanbul" after "Istanbul talks")."""
    chosen: list[tuple[str, ...]] = []
    out: list[str] = []
    for key, text in ranked:
        words = set(key)
        if any(words <= set(c) or set(c) <= words for c in chosen):
            continue
        chosen.append(key)
        out.append(text)
        if len(out) == limit:
            break
    return out
