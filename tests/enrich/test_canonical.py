"""The pure cross-store merge functions: entity_key and same_entity."""

from __future__ import annotations

from newsdesk.enrich.canonical import candidate_key, entity_key, same_entity


def test_spelling_variants_and_transliterations_share_a_key() -> None:
    base = entity_key("Volodymyr Zelensky", "PERSON")
    for variant in ["Volodomyr Zelensky", "Volodymyr Zelenskyy", "Volodymyr Zelenskiy", "President Volodymyr Zelensky", "Volodymyr Zelensky's"]:
        assert entity_key(variant, "PERSON") == base, variant
    assert entity_key("Donald J. Trump", "PERSON") == entity_key("Donald Trump", "PERSON")
    assert entity_key("Zelenskyy", "PERSON") == entity_key("Zelensky", "PERSON")


def test_keys_keep_people_apart() -> None:
    assert entity_key("Donald Trump Jr.", "PERSON") != entity_key("Donald Trump", "PERSON")
    assert entity_key("Hillary Clinton", "PERSON") != entity_key("Bill Clinton", "PERSON")
    assert entity_key("Georgia", "GPE") != entity_key("Georgia", "PERSON")


def test_aliases_of_places() -> None:
    assert entity_key("U.S.", "GPE") == entity_key("United States", "GPE") == entity_key("USA", "GPE")


def test_same_entity_needs_evidence() -> None:
    assert same_entity("Volodymyr Zelensky", ["Zelensky"], "Volodomyr Zelenskyy", [])
    assert same_entity("Tayyip Erdogan", [], "Recep Tayyip Erdogan", ["Erdogan"])
    assert same_entity("Joe Biden", [], "Joseph Biden", [])
    # a shared surname is not evidence
    assert not same_entity("Hillary Clinton", ["Clinton"], "Bill Clinton", ["Clinton"])
    assert not same_entity("Trump", [], "Donald Trump", [])
    assert not same_entity("Donald Trump", [], "Donald Trump Jr.", [])
    assert not same_entity("Ivanka Trump", [], "Donald Trump", ["Trump"])
    # organisations may merge on a one-word alias
    assert same_entity("United Nations", [], "UN", [], type="ORG")


def test_candidate_key_groups_rows_to_compare() -> None:
    assert candidate_key("Recep Tayyip Erdogan", "PERSON") == candidate_key("Tayyip Erdogan", "PERSON")
    assert candidate_key("Hillary Clinton", "PERSON") == candidate_key("Bill Clinton", "PERSON")  # compared, not merged
    assert candidate_key("Donald Trump Jr.", "PERSON") == candidate_key("Donald Trump", "PERSON")
    assert candidate_key("United Nations", "ORG") == entity_key("UN", "ORG")


def test_resolve_article_joins_longer_forms_and_keeps_namesakes_apart() -> None:
    from newsdesk.enrich.canonical import Mention, resolve_article

    names = [("Tayyip Erdogan", "PERSON"), ("Hillary Clinton", "PERSON"), ("Recep Tayyip Erdogan", "PERSON"),
             ("Bill Clinton", "PERSON"), ("Erdogan", "ORG"), ("Clinton", "PERSON"), ("Donald Trump Jr.", "PERSON"),
             ("Donald Trump", "PERSON")]
    mentions = [Mention(i * 100, i * 100 + len(n), t, n) for i, (n, t) in enumerate(names)]
    assert resolve_article(mentions) == [
        ("Tayyip Erdogan", "PERSON"), ("Hillary Clinton", "PERSON"), ("Tayyip Erdogan", "PERSON"),
        ("Bill Clinton", "PERSON"), ("Tayyip Erdogan", "PERSON"), ("Bill Clinton", "PERSON"),
        ("Donald Trump Jr.", "PERSON"), ("Donald Trump", "PERSON")]
