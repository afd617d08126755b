from __future__ import annotations

from pathlib import Path

import pytest

from newsdesk.config import Config
from newsdesk.store import open_store


@pytest.fixture
def config(tmp_path: Path, db_url: str) -> Config:
    """SQLite at the default place under data_dir, or a fresh PostgreSQL schema."""
    return Config(data_dir=str(tmp_path / "data"), database_url="" if db_url.startswith("sqlite") else db_url)


@pytest.fixture
def store(config: Config):
    s = open_store(config)
    yield s
    s.close()
