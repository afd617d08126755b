"""The post-rule that gives back an article's last paragraphs when a photo stood between
them and the body the scorer kept (text_lines._readmit_across_images)."""

from __future__ import annotations

import pytest

from newsdesk.extract.features import line_features
from newsdesk.extract.text_lines import Labelled, _readmit_across_images

PARA_1 = "The harbour reopened to ships on Monday, three weeks after a storm tore away part of the pier."
PARA_2 = "Fishermen welcomed the news, saying many of them had been unable to work since the storm hit."
PARA_3 = "The port authority said it would review the safety rules before the winter season begins."
CAPTION = "Workers fix the pier on Sunday."
CREDIT = "John Smith/Getty Images"


def _items(rows: list[tuple[str, str, str]]) -> tuple[list[Labelled], list[tuple[str, str]]]:
    """(line, label after the scorer, rule label) rows as the classifier's items and the rules' labels."""
    items = [Labelled(line, label, "test", line_features(line)) for line, label, _ in rows]
    return items, [(rule, "test") for _, _, rule in rows]


def _labels(items: list[Labelled]) -> list[str]:
    return [it.label for it in items]


def test_dropped_paragraphs_after_a_photo_at_the_page_end_are_body_again():
    items, rules = _items([
        (PARA_1, "body", "body"),
        (CAPTION, "caption", "caption"),
        (CREDIT, "credit", "credit"),
        ("", "blank", "blank"),
        (PARA_2, "noise", "body"),
        (PARA_3, "noise", "body"),
    ])
    _readmit_across_images(items, rules)
    assert _labels(items) == ["body", "caption", "credit", "blank", "body", "body"]
    assert "across a photo" in items[4].reason


@pytest.mark.parametrize(("last", "expected"), [
    (("Share this article", "end-marker", "end-marker"), "body"),
    # related teasers follow: the scorer's call stands
    (("Most Popular Town votes to keep its library open", "related", "related"), "noise"),
], ids=["end-marker", "related"])
def test_the_run_must_end_in_body_or_an_end_marker(last: tuple[str, str, str], expected: str) -> None:
    items, rules = _items([
        (PARA_1, "body", "body"),
        (CAPTION, "caption", "caption"),
        (CREDIT, "credit", "credit"),
        (PARA_2, "noise", "body"),
        last,
    ])
    _readmit_across_images(items, rules)
    assert _labels(items)[3] == expected


def test_no_photo_between_or_no_rule_prose_means_no_change():
    items, rules = _items([(PARA_1, "body", "body"), ("", "blank", "blank"), (PARA_2, "noise", "body")])
    _readmit_across_images(items, rules)
    assert _labels(items) == ["body", "blank", "noise"]  # nothing but a blank between: not a photo
    items, rules = _items([
        (PARA_1, "body", "body"), (CAPTION, "caption", "caption"), (CREDIT, "credit", "credit"),
        (PARA_2, "noise", "tail"),
    ])
    _readmit_across_images(items, rules)
    assert _labels(items)[3] == "noise"  # the rules did not take it as body either
