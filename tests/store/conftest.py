from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from newsdesk.store import open_store
from newsdesk.store.storage import SQLStorage


@pytest.fixture
def store(db_url: str, tmp_path: Path) -> Iterator[SQLStorage]:
    """The store on each backend (SQLite file, PostgreSQL schema)."""
    s = open_store(db_url, raw_dir=tmp_path / "raw")
    yield s
    s.close()
