"""A PostgreSQL server with pgvector for the vector tests.

The shared server (tests/pg.py) is used when it offers the `vector` extension. Debian's
PostgreSQL 15 here has no pgvector package, so otherwise the tests start a private server
from the `pgserver` wheel (PostgreSQL 16 with pgvector, both shipped inside the PyPI
package) in a temporary folder, listening on a Unix socket only. Without either the tests
skip, saying why.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.pg import PG_URL, pg_unavailable, with_database


def shared_server_has_pgvector() -> bool:
    if pg_unavailable():
        return False
    import psycopg

    with psycopg.connect(PG_URL, connect_timeout=3) as conn:
        return conn.execute("SELECT 1 FROM pg_available_extensions WHERE name = 'vector'").fetchone() is not None


@contextmanager
def private_server(folder: Path) -> Iterator[str]:
    """Start PostgreSQL + pgvector from the pgserver wheel in `folder`; yield its admin URL."""
    import pgserver

    server = pgserver.get_server(folder, cleanup_mode="stop")
    try:
        yield server.get_uri()
    finally:
        server.cleanup()


@contextmanager
def fresh_database(admin_url: str) -> Iterator[str]:
    """A new empty database on the private server, dropped afterwards."""
    import psycopg

    name = f"v_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(admin_url, autocommit=True) as admin:
        admin.execute(f"CREATE DATABASE {name}")
    with psycopg.connect(with_database(admin_url, name), autocommit=True) as db:
        # The wheel's PostgreSQL is built without ICU, so the case-insensitive collation of
        # user names cannot exist there; a plain one stands in (these tests are about vectors).
        db.execute("CREATE COLLATION nocase (provider = libc, locale = 'C')")
    try:
        yield with_database(admin_url, name)
    finally:
        with psycopg.connect(admin_url, autocommit=True) as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")



