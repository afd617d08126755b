"""PostgreSQL for tests: a fresh schema per test on the dev/CI server.

The server is NEWSDESK_TEST_PG_URL (default postgresql://postgres@127.0.0.1:5432/test,
trust auth). Each test gets its own schema `t_<random>` (put first on the
search_path through the URL), dropped afterwards, so parallel pytest workers never
see each other's tables. Without a server the PostgreSQL half skips, saying why.
"""

from __future__ import annotations

import functools
import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from urllib.parse import quote

import pytest

PG_URL = os.environ.get("NEWSDESK_TEST_PG_URL", "postgresql://postgres@127.0.0.1:5432/test")


@functools.lru_cache(maxsize=1)
def pg_unavailable() -> str | None:
    """Why PostgreSQL cannot be used here, or None when it answers."""
    try:
        import psycopg
    except ImportError as exc:
        return f"psycopg is not installed ({exc})"
    try:
        with psycopg.connect(PG_URL, connect_timeout=3) as conn:
            conn.execute("SELECT 1")
    except psycopg.Error as exc:
        return f"no PostgreSQL server answers at {PG_URL} (set NEWSDESK_TEST_PG_URL): {' '.join(str(exc).split())[:200]}"
    return None


def need_pg() -> None:
    reason = pg_unavailable()
    if reason:
        pytest.skip(reason)


def with_search_path(url: str, schema: str) -> str:
    option = quote(f"-csearch_path={schema},public", safe="")
    return f"{url}{'&' if '?' in url else '?'}options={option}"


@contextmanager
def pg_schema() -> Iterator[str]:
    """A database URL whose tables land in a new, empty schema (dropped on exit)."""
    import psycopg

    need_pg()
    name = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(PG_URL, autocommit=True) as admin:
        admin.execute(f"CREATE SCHEMA {name}")
    try:
        yield with_search_path(PG_URL, name)
    finally:
        with psycopg.connect(PG_URL, autocommit=True) as admin:
            admin.execute(f"DROP SCHEMA IF EXISTS {name} CASCADE")
