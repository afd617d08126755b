"""Entities with canonical names on the seed page, with the model and with the rule-based fallback."""

from __future__ import annotations

import pytest

from newsdesk.models import Article

PEOPLE = {
    "Putin": "Vladimir Putin",
    "Trump": "Donald Trump",
    "Zelensky": "Volodymyr Zelensky",
    "Erdogan": "Tayyip Erdogan",
    "Macron": "Emmanuel Macron",
    "Starmer": "Keir Starmer",
    "Biden": "Joe Biden",
}


def _people(article: Article) -> dict[str, set[str]]:
    """surname -> the canonical names its PERSON mentions came out under."""
    out: dict[str, set[str]] = {}
    for e in article.entities:
        for surname in PEOPLE:
            if surname in e.name and e.type == "PERSON":
                out.setdefault(surname, set()).add(e.canonical or e.name)
    return out


@pytest.mark.parametrize("variant", ["seed_enriched", "seed_fallback", "seed_inline_enriched"])
def test_each_person_once_under_full_name(variant: str, request: pytest.FixtureRequest) -> None:
    article = request.getfixturevalue(variant)
    people = _people(article)
    for surname, full in PEOPLE.items():
        assert people.get(surname) == {full}, (variant, surname, people.get(surname))


@pytest.mark.parametrize("variant", ["seed_enriched", "seed_fallback", "seed_inline_enriched"])
def test_offsets_point_at_the_names(variant: str, request: pytest.FixtureRequest) -> None:
    article = request.getfixturevalue(variant)
    assert len([e for e in article.entities if e.where == "text"]) > 30
    assert {e.where for e in article.entities} >= ({"text", "title", "caption:0"} if article.images else {"text", "title"})
    for e in article.entities:
        where = article.text if e.where == "text" else article.title if e.where == "title" else (
            article.images[int(e.where.split(":")[1])].caption
        )
        assert where[e.start:e.end] == e.name, e


def test_both_zelensky_spellings_in_text_share_one_canonical(seed_enriched: Article) -> None:
    spellings = {e.name for e in seed_enriched.entities if e.canonical == "Volodymyr Zelensky"}
    assert {"Volodymyr Zelensky", "Volodomyr Zelensky", "Zelensky"} <= spellings


def test_surname_mentions_become_person_type(seed_enriched: Article) -> None:
    putin = [e for e in seed_enriched.entities if e.name == "Putin" and e.where == "text"]
    assert len(putin) >= 8
    assert all(e.type == "PERSON" and e.canonical == "Vladimir Putin" for e in putin)


def test_places_keep_place_type(seed_enriched: Article) -> None:
    kinds = {e.canonical: e.type for e in seed_enriched.entities}
    assert kinds["Istanbul"] == "GPE" and kinds["Kyiv"] == "GPE" and kinds["Russia"] == "GPE"


@pytest.mark.parametrize("variant", ["seed_enriched", "seed_inline_enriched"])
def test_a_saints_church_is_a_place_not_a_person(variant: str, request: pytest.FixtureRequest) -> None:
    """The seed's caption "inside Saint Peter's Basilica": no person "Peter", one facility."""
    article = request.getfixturevalue(variant)
    assert not [e for e in article.entities if e.type == "PERSON" and "Peter" in e.name]
    basilica = [e for e in article.entities if "Basilica" in e.name]
    assert [(e.canonical, e.type) for e in basilica] == [("Saint Peter's Basilica", "FAC")]


def test_building_join_needs_a_saint_or_a_church_word() -> None:
    from newsdesk.enrich.entities import build_mentions

    text = "Crowds filled St. Peter's Square. Putin's Palace was shown on TV. Trump's statement came later."
    spans = [(text.index(n), text.index(n) + len(n), "PERSON") for n in ("Peter", "Putin", "Trump")]
    got = [(e.name, e.type) for e in build_mentions(text, spans)]
    assert got == [("St. Peter's Square", "FAC"), ("Putin", "PERSON"), ("Trump", "PERSON")]


def test_the_model_runs_ner_alone() -> None:
    """NER has its own token embedding in en_core_web_sm: the shared tok2vec (for the tagger
    and parser we do not run) is not loaded, and NER still finds the names."""
    from newsdesk.enrich.nlp import get_nlp

    nlp = get_nlp(use_model=True)
    if nlp is None:
        pytest.skip("spaCy model not installed")
    assert nlp.pipe_names == ["ner"]
    doc = nlp("Russian President Vladimir Putin met Recep Tayyip Erdogan in Istanbul on Monday.")
    assert ("Vladimir Putin", "PERSON") in [(e.text, e.label_) for e in doc.ents]


def test_model_reads_the_lead_and_headline_and_rules_the_rest() -> None:
    from newsdesk.enrich.pipeline import combine, model_windows

    body = "\n\n".join("Filler sentence here. " * 20 for _ in range(30))  # paragraphs of 440 characters
    full, _ = combine(Article(title="Headline", text=body))
    windows = model_windows(full, len(body), 8_000)
    assert windows[0][0] == 0 and 7_500 < windows[0][1] <= 8_000 and full[windows[0][1]:].startswith("\n\n")
    assert windows[1] == (len(body), len(full))  # the headline is read by the model, not the rules
    short = "A short report."
    assert model_windows(short, len(short), 8_000) == [(0, len(short))]


def test_speaker_of_a_quote_past_the_model_cap_resolves(monkeypatch: pytest.MonkeyPatch) -> None:
    """Past the model's share the rule tagger finds the surname, and the canonical name
    joins it to the full name the model found in the lead."""
    from newsdesk.enrich import enrich

    monkeypatch.setenv("NEWSDESK_ENRICH_MODEL_CHARS", "2000")
    lead = "Russian President Vladimir Putin arrived in Istanbul on Monday for talks with Ukraine.\n\n"
    filler = "".join(f"Delegates met in room {i} and talked about the harbour and the grain trade.\n\n" for i in range(60))
    late = '"We are ready to talk without conditions," Putin told reporters after the meeting.'
    article = enrich(Article(title="Talks in Istanbul", text=lead + filler + late))
    [quote] = [q for q in article.quotes if "without conditions" in q.text]
    assert quote.speaker == "Vladimir Putin"
    assert quote.speaker_start is not None and quote.speaker_start > 2000


def test_shouted_subheadings_are_not_names_but_acronyms_the_body_uses_are() -> None:
    from newsdesk.enrich.entities import build_mentions

    text = "PEACE?\nNATO members met in Brussels on Monday.\nNATO AND PEACE\nThe talks went on."
    def span(name: str, typ: str, after: int = 0) -> tuple[int, int, str]:
        start = text.index(name, after)
        return start, start + len(name), typ

    spans = [span("PEACE", "LOC"), span("NATO", "ORG"), span("Brussels", "GPE"), span("NATO", "ORG", 20),
             span("PEACE", "LOC", 20)]
    names = [(m.name, m.start) for m in build_mentions(text, spans)]
    assert names == [("NATO", 7), ("Brussels", 27), ("NATO", 47)]


def test_the_seed_has_no_place_called_peace(seed_enriched: Article) -> None:
    assert "PEACE" not in {e.name for e in seed_enriched.entities}
    assert "NATO" in {e.name for e in seed_enriched.entities}
