from __future__ import annotations

from pathlib import Path

import pytest

from newsdesk.config import Config
from newsdesk.store import open_store


@pytest.fixture
def config(tmp_path: Path) -> Config:
    return Config(data_dir=str(tmp_path / "data"))


@pytest.fixture
def store(config: Config):
    s = open_store(config.db_url)
    yield s
    s.close()
