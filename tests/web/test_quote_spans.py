"""Quotes highlighted from text offsets: right offsets used, wrong ones fall back, overlaps dropped."""

from __future__ import annotations

from newsdesk.models import Article, Quote
from newsdesk.web.body import article_body


def quote(text: str, start: int, end: int) -> Quote:
    return Quote(text, "X", None, None, "said", False, start, end)


def test_offsets_cut_paragraphs_into_plain_and_quoted_spans() -> None:
    text = "First line here.\n\n“It will <b>open</b> soon,” she said. Later “it may close”."
    at = text.index("It will")
    article = Article(text=text, quotes=[quote("It will <b>open</b> soon,", at, at + 25),
                                         quote("it may close", 0, 3)])  # wrong offsets: found by its text
    body = article_body(article)
    assert body.spans[0] == [("First line here.", None)]
    assert body.spans[1] == [("“", None), ("It will <b>open</b> soon,", 0), ("” she said. Later “", None),
                             ("it may close", 1), ("”.", None)]


def test_overlapping_or_missing_quotes_are_not_highlighted_twice() -> None:
    text = "He said the plan is good and the plan is cheap."
    article = Article(text=text, quotes=[quote("the plan is good", 8, 24), quote("plan is good and", 12, 28),
                                         quote("never in the text", 0, 5)])
    assert article_body(article).spans[0] == [("He said ", None), ("the plan is good", 0),
                                              (" and the plan is cheap.", None)]
