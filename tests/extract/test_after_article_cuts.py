"""The post-rules that drop what the scorer keeps line by line after or inside an article:
an aside heading (author box, reader poll, archive teasers) ends it, a thread of
date-stamped entries is a comment thread, and 'Related: <title>' lines are teasers
(text_lines._cut_at_aside_heading, _drop_stamped_entries, _drop_teaser_lines)."""

from __future__ import annotations

import pytest

from newsdesk.extract.features import line_features
from newsdesk.extract.text_lines import (
    Labelled, _cut_after_article_end, _cut_at_aside_heading, _drop_stamped_entries, _drop_teaser_lines,
    _drop_buttons, _mark_credited_captions,
)

# An article of some 200 words (the cuts wait for END_MIN_WORDS body words).
ARTICLE = [
    "The city council voted on Tuesday to rebuild the old harbour bridge, which has been closed to traffic since "
    "a storm damaged two of its pillars in March.",
    "Engineers told the council that repairs would cost less than a new bridge but would only extend the life of "
    "the structure by about fifteen years, after which it would have to be replaced anyway.",
    "The new bridge will carry two lanes of traffic, a bus lane and a wide path for cyclists and pedestrians, "
    "and it is expected to open in the spring of 2028 if the contracts are signed this year.",
    "Shop owners on both banks of the river said the closure had cost them customers, and several of them asked "
    "the council to run a free ferry until the new bridge opens to the public.",
    "The mayor said the ferry would be considered at the next meeting, along with a plan to help the businesses "
    "that lost most of their trade while the bridge was closed to cars and buses.",
    "Work on the foundations is due to start in the autumn, once the river is low enough for the machines.",
]


def _items(rows: list[tuple[str, str]]) -> list[Labelled]:
    return [Labelled(line, label, "test", line_features(line)) for line, label in rows]


def _article() -> list[tuple[str, str]]:
    return [(line, "body") for line in ARTICLE]


def _labels(items: list[Labelled]) -> list[str]:
    return [it.label for it in items]


def test_an_author_box_after_the_article_is_cut():
    items = _items(_article() + [
        ("About Jane Doe", "subheading"),
        ("Jane Doe is a freelance writer who covers city politics and transport for regional papers.", "body"),
        ("Popular Articles", "list"),
        ("Ten bridges worth a detour this summer", "list"),
    ])
    _cut_at_aside_heading(items)
    assert _labels(items) == ["body"] * len(ARTICLE) + ["tail"] * 4
    assert "aside heading 'About Jane Doe'" in items[len(ARTICLE)].reason


@pytest.mark.parametrize("heading", ["About The Bridge", "Further reading", "Related Articles"])
def test_headings_that_are_article_sections_or_judged_elsewhere_stay(heading: str) -> None:
    # 'About the <thing>' is an article subheading; 'Related Articles' is a related marker,
    # which _cut_after_article_end judges with the furniture after it
    items = _items(_article() + [(heading, "subheading"), (ARTICLE[0], "body")])
    _cut_at_aside_heading(items)
    assert _labels(items) == ["body"] * len(ARTICLE) + ["subheading", "body"]


def test_an_aside_heading_with_most_of_the_body_still_to_come_stays():
    items = _items(_article()[:2] + [("Written by", "list")] + _article())
    _cut_at_aside_heading(items)
    assert "tail" not in _labels(items)


TEASERS = [
    ("The ferry that never came: a town waits for its bridge", "body"),
    ("Why the council keeps the old tram line in its budget, year after year.", "body"),
]


def test_more_from_an_author_ends_the_article_without_furniture_after_it():
    items = _items(_article() + [("More From Jane Doe", "list")] + TEASERS)
    _cut_after_article_end(items)
    assert _labels(items) == ["body"] * len(ARTICLE) + ["list", "tail", "tail"]


def test_a_related_box_without_furniture_after_it_stays():
    # an inline 'Related' box is common in mid-article: the furniture after it must show a section
    items = _items(_article() + [("Related Articles", "list")] + TEASERS)
    _cut_after_article_end(items)
    assert "tail" not in _labels(items)


def test_a_thread_of_date_stamped_comments_is_tail():
    thread = []
    for day, text in (
        ("October 17, 2008 at 11:22 am", "Truly a good read, thanks for writing this."),
        ("November 7, 2008 at 12:48 pm", "I think you could have covered the costs a lot more."),
        ("January 22, 2009 at 1:14 am", "We had the same problem with our bridge last year."),
    ):
        thread += [(day, "subheading"), (text, "body")]
    items = _items(_article() + thread)
    _drop_stamped_entries(items)
    assert _labels(items) == ["body"] * len(ARTICLE) + ["date", "tail"] * 3


def test_a_forum_thread_of_comment_headers_is_tail():
    thread = [
        ("by harbourfan ( 1311177 ) writes:", "list"),
        ("They should have fixed the pillars ten years ago, everyone knew it.", "body"),
        ("Re: Ten years ago (Score: 3, Insightful)", "list"),
        ("The money was never there, and the council said so at the time.", "body"),
        ("by bridgewatcher ( 596061 ) writes:", "list"),
        ("A ferry would be cheaper than the bus lane anyway.", "body"),
    ]
    items = _items(_article() + thread)
    _drop_stamped_entries(items)
    assert _labels(items) == ["body"] * len(ARTICLE) + ["date", "tail"] * 3


def test_a_lone_date_stamp_is_dropped_but_the_body_around_it_stays():
    items = _items(_article()[:3] + [("March 12, 2024", "subheading")] + _article()[3:])
    _drop_stamped_entries(items)
    assert _labels(items) == ["body"] * 3 + ["date"] + ["body"] * (len(ARTICLE) - 3)


def test_teaser_lines_inside_the_body_are_dropped():
    items = _items([
        (ARTICLE[0], "body"),
        ("Related: Ten bridges worth a detour this summer", "subheading"),
        (ARTICLE[1], "body"),
        ("See also: How the storm closed the harbour", "list"),
        ("Also read: The council's budget for 2026", "list"),
        ("SEE MORE: Storm closes the harbour for a week", "list"),
        (ARTICLE[2], "body"),
    ])
    _drop_teaser_lines(items)
    assert _labels(items) == ["body", "furniture", "body", "furniture", "furniture", "furniture", "body"]


@pytest.mark.parametrize("line", [
    "Related to this, the council also approved a new bus route across the river.",
    "See the full plan on the council's website before the meeting on Thursday.",
    "Recommended dose: two tablets a day.",
])
def test_lines_that_only_start_like_a_teaser_stay(line: str) -> None:
    items = _items([(line, "body")])
    _drop_teaser_lines(items)
    assert _labels(items) == ["body"]


def test_a_line_ending_in_its_photo_credit_is_a_caption():
    items = _items([
        (ARTICLE[0], "body"),
        ("Workers fix the pier on Sunday after the storm (Image: Getty )", "subheading"),
        ("The bridge was built in 1931 (and repaired twice since).", "body"),
        ("The new design came from a local firm (source: the council's own report).", "body"),
    ])
    _mark_credited_captions(items)
    # a parenthesis that is not a credit, or that does not end the line, is prose
    assert _labels(items) == ["body", "caption", "body", "body"]


def test_shop_buttons_are_dropped_and_prose_about_prices_stays():
    items = _items([
        ("The Trailmaster 2 is the lightest tent we tested, at just under a kilo.", "body"),
        ("Check Price at Amazon", "list"),
        ("Book now", "list"),
        ("Read full review", "list"),
        ("Check prices before you buy: they change every week.", "body"),
        ("Book now and pay later, the airline told passengers on Monday.", "body"),
    ])
    _drop_buttons(items)
    assert _labels(items) == ["body", "furniture", "furniture", "furniture", "body", "body"]
