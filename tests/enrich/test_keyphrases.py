"""Keyphrases (enrich/keyphrases.py): candidates between stop words, scored by frequency,
position and capitalisation; no stop word at either end; no phrase repeating a chosen one."""

from __future__ import annotations

from newsdesk.enrich.keyphrases import KEYPHRASE_CHARS, keyphrases
from newsdesk.enrich.keyphrases import _STOP as STOP

REPORT = (
    "The harbour authority approved the new ferry terminal on Monday. "
    "The ferry terminal will replace the old pier, the harbour authority said. "
    "Critics of the ferry terminal said the cost of the harbour works had doubled. "
    "Anna Lindqvist, who chairs the harbour authority, said the ferry terminal would open in spring. "
    "A local bakery also reopened."
)


def test_repeated_phrases_rank_first_and_keep_their_written_form() -> None:
    found = keyphrases(REPORT)
    assert found[:2] == ["ferry terminal", "harbour authority"]
    assert "Anna Lindqvist" in found
    assert all(phrase in REPORT for phrase in found)


def test_no_phrase_starts_or_ends_with_a_stop_word_or_filler() -> None:
    for phrase in keyphrases(REPORT, limit=20):
        words = phrase.lower().split()
        assert words[0] not in STOP and words[-1] not in STOP, phrase
        assert "said" not in words and "monday" not in words


def test_a_phrase_covered_by_a_chosen_one_is_left_out() -> None:
    found = [p.lower() for p in keyphrases(REPORT, limit=20)]
    assert len(found) == len(set(found))
    assert "ferry" not in found and "terminal" not in found  # "ferry terminal" holds them
    chosen = [set(p.split()) for p in found]
    assert not any(a <= b for i, a in enumerate(chosen) for j, b in enumerate(chosen) if i != j)


def test_possessives_join_the_name() -> None:
    text = "Putin's proposal surprised Kyiv. Putin said talks could start. Putin's aides agreed."
    found = keyphrases(text)
    assert not any("'s" in p for p in found)
    assert any(p.split()[0] == "Putin" for p in found)


def test_limit_empty_text_and_long_pages() -> None:
    assert keyphrases("") == [] and keyphrases("the of and, it was. 2024 12") == []
    assert len(keyphrases(REPORT, limit=3)) == 3
    # only the lead is read: a term first seen past KEYPHRASE_CHARS is not a keyphrase
    late = REPORT + " filler" * (KEYPHRASE_CHARS // 7) + " zeppelin" * 50
    assert not any("zeppelin" in p.lower() for p in keyphrases(late, limit=20))
