"""Database health for `/healthz` and `newsdesk doctor`: a cheap ping, migration state, quick_check.

Lives in `store` because it talks SQL. A backend other than SQLite answers through its
own `ping()` / `applied_migrations()` / `quick_check()` methods when it has them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsdesk.store.db import migration_files


@dataclass
class DatabaseHealth:
    url: str
    reachable: bool
    error: str | None = None
    applied: list[str] = field(default_factory=list)
    pending: list[str] = field(default_factory=list)  # migrations in the package, not yet applied
    unknown: list[str] = field(default_factory=list)  # applied, but not in this version's package
    quick_check: str | None = None  # "ok" or the first problem found


def _one_line(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {' '.join(str(exc).split())}"


def ping(store: Any) -> None:
    """Raise when the store cannot answer a trivial query."""
    own = getattr(store, "ping", None)
    if callable(own):
        own()
    elif hasattr(store, "db"):  # SQLiteStorage
        store.db.conn().execute("SELECT 1").fetchone()
    else:
        store.lease_owner("healthz")  # any cheap read through the Protocol


def quick_check(store: Any) -> str:
    own = getattr(store, "quick_check", None)
    if callable(own):
        return str(own())
    rows = store.db.conn().execute("PRAGMA quick_check").fetchall()
    return "ok" if [r[0] for r in rows] == ["ok"] else "; ".join(str(r[0]) for r in rows[:5])


def inspect_database(url: str) -> DatabaseHealth:
    """Open `url` without creating or migrating anything, and report on it."""
    health = DatabaseHealth(url=url, reachable=False)
    store: Any = None
    try:
        if url.startswith("sqlite:///"):
            from newsdesk.store.sqlite import SQLiteStorage

            path = Path(url[len("sqlite:///"):])
            if not path.is_file():
                health.error = f"{path}: database file does not exist (run `newsdesk init`)"
                return health
            store = SQLiteStorage(path, migrate=False)
        else:
            from newsdesk.store.postgres import PostgresStorage

            store = PostgresStorage(url, Path("data") / "raw", migrate=False)  # raw files are not looked at
        ping(store)
        health.reachable = True
        health.applied = list(store.applied_migrations())
        known = [name for _, name, _ in migration_files()]
        health.pending = [name for name in known if name not in health.applied]
        health.unknown = [name for name in health.applied if name not in known]
        health.quick_check = quick_check(store)
    except Exception as exc:  # noqa: BLE001 - any driver error is the answer
        health.error = _one_line(exc)
    finally:
        if store is not None:
            store.close()
    return health
