"""The flattened-text classifier on a page shape it has never seen, line by line."""

from __future__ import annotations

from newsdesk.extract import explain_text, extract
from newsdesk.models import RawDocument

PAGE = """Skip to main content
Home
World
Business
Harbour reopens after storm damage is repaired
By Maria Lopez
March 3, 2024
The harbour reopened to ships on Monday, three weeks after a storm tore away part of the main pier and sank two fishing boats.
Workers rebuilt the pier in record time, the port authority said, using steel beams brought in from a yard down the coast.
Workers fix the pier on Sunday.
John Smith/Getty Images
Share this article
Fishermen welcomed the news. Many had been unable to work since the storm and relied on loans from the local co-operative.
What the fishermen say
"We lost almost a month of work," said one captain, who asked not to be named. "Now we can finally go back out."
The authority said it would review safety rules for the pier before the winter season begins in November.
Sign up for our newsletter
Read more
Most Popular
Town votes to keep its library open on Sundays
2 hours ago
Comments (4)
I think this is great news for the town and everyone who works in it, well done to the workers!
"""


def _labels() -> dict[str, tuple[str, str]]:
    return {line: (label, reason) for line, label, reason in explain_text(PAGE)}


def test_each_line_gets_a_label_and_a_reason():
    rows = explain_text(PAGE)
    assert len(rows) == len(PAGE.splitlines())
    assert all(label and reason for _, label, reason in rows)


def test_labels_follow_the_features():
    labels = _labels()
    assert labels["Harbour reopens after storm damage is repaired"][0] == "title"
    assert labels["John Smith/Getty Images"][0] == "credit"
    assert labels["Workers fix the pier on Sunday."][0] == "caption"
    assert labels["Share this article"][0] in ("boilerplate", "end-marker")
    assert labels["What the fishermen say"][0] == "subheading"
    assert labels["Sign up for our newsletter"][0] == "boilerplate"
    assert labels["2 hours ago"][0] == "age"
    assert labels["Skip to main content"][0] == "boilerplate"
    for line in ("Home", "World", "Business"):
        assert labels[line][0] in ("outside", "boilerplate")
    body = [line for line, (label, _) in labels.items() if label == "body"]
    assert body[0].startswith("The harbour reopened")
    assert body[-1].startswith("The authority said")
    assert not any("great news for the town" in line for line in body)


def test_extract_on_unseen_layout():
    article = extract(RawDocument(uri="harbour.txt", content=PAGE.encode(), format="text"))
    assert article.title == "Harbour reopens after storm damage is repaired"
    assert article.authors == ["Maria Lopez"]
    assert article.published.date().isoformat() == "2024-03-03"
    assert article.published_estimated is False
    assert article.subheadings == ["What the fishermen say"]
    assert len(article.paragraphs) == 6
    assert [(i.caption, i.credit) for i in article.images] == [("Workers fix the pier on Sunday.", "John Smith/Getty Images")]
    assert [r.title for r in article.related] == ["Town votes to keep its library open on Sundays"]


def test_hard_wrapped_paragraphs_are_rejoined():
    wrapped = (
        "Harbour reopens\n\n"
        "The harbour reopened to ships on Monday, three weeks after a storm tore away\n"
        "part of the main pier and sank two fishing boats in the bay, officials said.\n\n"
        "Workers rebuilt the pier in record time, the port authority said, using the\n"
        "steel beams brought in from a yard down the coast.\n"
    )
    rows = [(line, label) for line, label, _ in explain_text(wrapped) if label == "body"]
    assert [line for line, _ in rows] == [
        "The harbour reopened to ships on Monday, three weeks after a storm tore away part of the main pier"
        " and sank two fishing boats in the bay, officials said.",
        "Workers rebuilt the pier in record time, the port authority said, using the steel beams brought in"
        " from a yard down the coast.",
    ]
