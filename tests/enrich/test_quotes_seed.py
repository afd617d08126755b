"""Acceptance on the seed page: the nine full quotes of the main article and their speakers."""

from __future__ import annotations

import pytest

from newsdesk.models import Article

EXPECTED = [
    ("We are proposing", "Vladimir Putin"),
    ("We offer the Kyiv authorities", "Vladimir Putin"),
    ("Our proposal, as they say", "Vladimir Putin"),
    ("A potentially great day", "Donald Trump"),
    ("Think of the hundreds of thousands", "Donald Trump"),
    ("It was not Russia", "Vladimir Putin"),
    ("Russia is ready", "Vladimir Putin"),
    ("I will continue to work", "Donald Trump"),
    ("The USA wants to focus", "Donald Trump"),
]


@pytest.mark.parametrize("variant", ["seed_enriched", "seed_fallback", "seed_inline_enriched"])
def test_nine_full_quotes_have_the_right_speaker(variant: str, request: pytest.FixtureRequest) -> None:
    article: Article = request.getfixturevalue(variant)
    full = [q for q in article.quotes if not q.partial]
    assert [(q.text[: len(opening)], q.speaker) for q, (opening, _) in zip(full, EXPECTED)] == EXPECTED
    assert len(full) == len(EXPECTED)


def test_offsets_and_cues(seed_enriched: Article) -> None:
    text = seed_enriched.text
    for q in seed_enriched.quotes:
        assert text[q.start:q.end] == q.text
        if q.speaker_start is not None:
            assert text[q.speaker_start:q.speaker_end] in ("Putin", "Trump", "he", "Vladimir Putin", "Donald Trump") or q.speaker is None
    first = next(q for q in seed_enriched.quotes if q.text.startswith("We are proposing"))
    assert first.cue == "said" and text[first.speaker_start:first.speaker_end] == "Putin"
    context = next(q for q in seed_enriched.quotes if q.text.startswith("Our proposal"))
    assert context.cue is None and context.speaker_start is None  # speaker from the paragraph before


def test_nested_scare_quote_does_not_split_the_quote(seed_enriched: Article) -> None:
    think = next(q for q in seed_enriched.quotes if q.text.startswith("Think of"))
    assert "'bloodbath' hopefully comes to an end." in think.text
    assert not any(q.text == "bloodbath" and q.start > think.start and q.end <= think.end for q in seed_enriched.quotes)


def test_no_quote_is_made_from_an_apostrophe(seed_enriched: Article) -> None:
    text = seed_enriched.text
    for q in seed_enriched.quotes:
        assert text[q.start - 1] in "'\"‘“" and text[q.end] in "'\"’”", q
        assert not q.text.startswith(("s ", "s'")), q  # Putin's, Reuters'


def test_continued_quote_is_marked(seed_enriched: Article) -> None:
    offer = next(q for q in seed_enriched.quotes if q.text.startswith("We offer"))
    assert offer.continues and offer.speaker == "Vladimir Putin"


def test_partial_quotes_are_flagged(seed_enriched: Article) -> None:
    partial = {q.text: q for q in seed_enriched.quotes if q.partial}
    assert "some new truces, a new ceasefire," in partial
    assert partial["some new truces, a new ceasefire,"].speaker == "Vladimir Putin"
    assert "massive" not in partial or partial["massive"].speaker != "Vladimir Putin"
