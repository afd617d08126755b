"""enrich()/enrich_many(): language, sentences, hashtags, keywords, key points, batching."""

from __future__ import annotations

import re

import pytest

from newsdesk.enrich import enrich, enrich_many
from newsdesk.enrich.sentences import split_sentences
from newsdesk.models import Article


def test_language_and_sentences(seed_enriched: Article) -> None:
    assert seed_enriched.language == "en"
    text = seed_enriched.text
    assert len(seed_enriched.sentences) > 30
    for start, end in seed_enriched.sentences:
        assert text[start:end].strip() == text[start:end] and end > start
    first = text[slice(*seed_enriched.sentences[0])]
    assert first.startswith("Putin sent thousands") and first.endswith("Crisis.")


def test_sentence_splitter_keeps_abbreviations_and_quotes() -> None:
    text = "Sen. Ted Cruz of Texas spoke in the U.S. capital. 'It was Kyiv.' He left.\nNext line"
    parts = [text[s:e] for s, e in split_sentences(text)]
    assert parts == ["Sen. Ted Cruz of Texas spoke in the U.S. capital.", "'It was Kyiv.'", "He left.", "Next line"]


def test_hashtags_name_the_main_actors(seed_enriched: Article) -> None:
    tags = seed_enriched.hashtags
    assert tags[0] == "#VladimirPutin"
    assert "#DonaldTrump" in tags and "#Ukraine" in tags
    assert 3 <= len(tags) <= 6 and len(set(tags)) == len(tags)
    assert all(re.fullmatch(r"#[A-Za-z0-9]+", t) for t in tags)


def test_keywords_and_key_points_come_from_the_text(seed_enriched: Article) -> None:
    assert len(seed_enriched.keywords) >= 5
    points = seed_enriched.key_points
    assert 3 <= len(points) <= 5
    positions = [seed_enriched.text.index(p) for p in points]
    assert positions == sorted(positions)
    assert not any(p[:1].isdigit() for p in points)  # photo captions are not key points


def test_enrich_many_matches_enrich_and_keeps_order(seed_raw: Article, seed_enriched: Article) -> None:
    other = Article(title="Ein Artikel", text="Die Bundesregierung hat am Montag in Berlin neue Regeln beschlossen, sagte Olaf Scholz.")
    empty = Article(text="")
    out = list(enrich_many([other, seed_raw, empty]))
    assert [a.title for a in out] == [other.title, seed_raw.title, None]
    assert out[0].language == "de"
    assert out[1].entities == seed_enriched.entities and out[1].hashtags == seed_enriched.hashtags
    assert out[2].entities == [] and out[2].language is None
    assert seed_raw.entities == []  # the input is not modified


def test_bad_input_is_named() -> None:
    with pytest.raises(TypeError, match="Article"):
        list(enrich_many(["not an article"]))  # type: ignore[list-item]


def test_fallback_switch_by_environment(monkeypatch: pytest.MonkeyPatch, seed_raw: Article, seed_fallback: Article) -> None:
    monkeypatch.setenv("NEWSDESK_ENRICH_NO_MODEL", "1")
    assert enrich(seed_raw).entities == seed_fallback.entities


def test_hashtag_forms() -> None:
    from newsdesk.enrich.salience import to_hashtag

    assert to_hashtag("Vladimir Putin") == "#VladimirPutin"
    assert to_hashtag("NATO") == "#NATO"
    assert to_hashtag("CLEVELAND") == "#Cleveland"
    assert to_hashtag("Istanbul") == "#Istanbul"
    assert to_hashtag("2025") is None
