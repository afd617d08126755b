from __future__ import annotations

from pathlib import Path

import pytest

from newsdesk.store import open_store
from newsdesk.store.sqlite import SQLiteStorage


@pytest.fixture
def store(tmp_path: Path) -> SQLiteStorage:
    s = open_store(f"sqlite:///{tmp_path / 'db' / 'newsdesk.db'}")
    yield s
    s.close()
