"""Spine acceptance: the seed page, arriving as flattened text, comes out clean and structured."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import pytest

from newsdesk.extract import extract
from newsdesk.models import RawDocument

NOT_IN_TEXT = [
    "Advertisement",
    "REUTERS",
    "AFP via Getty Images",
    "Shutterstock",
    "Hashtags",
    "Try Our AI Features",
    "Explore what Daily8 AI can do for you:",
    "Comments",
    "No comments yet...",
    "Related Articles",
]


def _raw(path: Path) -> RawDocument:
    return RawDocument(uri=str(path), content=path.read_bytes(), format="text")


@pytest.fixture(scope="module")
def seed_article(request):
    from tests.conftest import SEED, need_shared

    return extract(_raw(need_shared(SEED)))


def _source_lines(path: Path) -> list[str]:
    return [line.strip() for line in path.read_text(encoding="utf-8").splitlines()]


def test_title_and_text_bounds(seed_article):
    assert seed_article.title == "Putin proposes direct peace talks with Ukraine after three years of war"
    assert seed_article.text.startswith("Putin sent thousands of troops into Ukraine")
    assert seed_article.text.endswith("including Ukraine.")


def test_every_article_paragraph_is_kept(seed_article, seed_path):
    lines = _source_lines(seed_path)
    start = next(i for i, l in enumerate(lines) if l.startswith("Putin sent thousands"))
    end = next(i for i, l in enumerate(lines) if l.endswith("...including Ukraine.") or l.endswith("including Ukraine."))
    captions = {img.caption for img in seed_article.images}
    credits = {img.credit for img in seed_article.images}
    paragraphs = set(seed_article.paragraphs)
    for line in lines[start : end + 1]:
        if len(line.split()) >= 12 and not any(c and c in line for c in captions) and line not in credits:
            assert line in paragraphs, line


def test_no_furniture_captions_credits_or_related_in_text(seed_article):
    text = seed_article.text
    for junk in NOT_IN_TEXT:
        assert junk not in text, junk
    for image in seed_article.images:
        assert image.caption not in text
    for item in seed_article.related:
        assert item.title not in text
        assert (item.text or "")[:60] not in text
    assert "<" not in text


def test_subheadings(seed_article):
    assert seed_article.subheadings == ["NO CEASEFIRE?", "PEACE?"]


def test_images_have_caption_and_credit(seed_article):
    assert len(seed_article.images) == 8
    for image in seed_article.images:
        assert image.caption and image.credit
        assert not image.caption[0].isdigit()  # the gallery count is not part of the caption
    credits = [i.credit for i in seed_article.images]
    assert "REUTERS" in credits and "AFP via Getty Images" in credits


def test_related_items(seed_article):
    assert [r.outlet for r in seed_article.related] == ["CNBC", "Newsweek", "Wall Street Journal"]
    assert [r.age_text for r in seed_article.related] == ["11 minutes ago", "11 minutes ago", "42 minutes ago"]
    assert all(r.title and r.text for r in seed_article.related)
    assert seed_article.related[1].title.startswith("Putin Preparing For New Offensive")


def test_published_is_estimated_from_page_dates(seed_article):
    assert seed_article.published.date().isoformat() == "2025-05-11"
    assert seed_article.published_estimated is True


def test_published_argument_wins_over_estimate(seed_path):
    given = datetime(2025, 5, 12, 8, 0, tzinfo=timezone.utc)
    article = extract(_raw(seed_path), published=given)
    assert article.published == given
    assert article.published_estimated is False


def test_wire_stated_in_reporting(seed_article):
    assert seed_article.wire == "Reuters"
