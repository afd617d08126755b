"""Enrich test fixtures: the seed article enriched once per session, with and without the model."""

from __future__ import annotations

import pytest

from newsdesk.enrich import enrich
from newsdesk.models import Article
from tests.conftest import SEED, need_shared
from tests.enrich.seed import seed_article, seed_extracted


@pytest.fixture(scope="session")
def seed_raw() -> Article:
    return seed_extracted(need_shared(SEED))


@pytest.fixture(scope="session")
def seed_enriched(seed_raw: Article) -> Article:
    return enrich(seed_raw)


@pytest.fixture(scope="session")
def seed_fallback(seed_raw: Article) -> Article:
    return enrich(seed_raw, use_model=False)


@pytest.fixture(scope="session")
def seed_inline_enriched() -> Article:
    """The seed with its captions inline in the body (flattened text, no extract step)."""
    return enrich(seed_article(need_shared(SEED)))
