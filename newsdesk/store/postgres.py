"""PostgresStorage: the same store SQL over PostgreSQL (pg.py); raw bytes stay on disk."""

from __future__ import annotations

from pathlib import Path

from newsdesk.store.pg import PostgresDatabase
from newsdesk.store.rawfiles import RawFiles
from newsdesk.store.storage import SQLStorage


class PostgresStorage(SQLStorage):
    def __init__(self, url: str, raw_dir: str | Path, *, migrate: bool = True) -> None:
        self.url = url
        self.db = PostgresDatabase(url)
        self.raw_files = RawFiles(Path(raw_dir))
        if migrate:
            self.migrate()
