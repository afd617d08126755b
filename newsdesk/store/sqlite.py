"""SQLiteStorage: the store over one SQLite file (WAL) plus raw files beside it."""

from __future__ import annotations

from pathlib import Path

from newsdesk.store.db import SQLiteDatabase
from newsdesk.store.rawfiles import RawFiles
from newsdesk.store.storage import SQLStorage


class SQLiteStorage(SQLStorage):
    def __init__(self, path: str | Path, raw_dir: str | Path | None = None, *, migrate: bool = True) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.db = SQLiteDatabase(self.path)
        self.raw_files = RawFiles(Path(raw_dir) if raw_dir else self.path.parent / "raw")
        if migrate:
            self.migrate()
