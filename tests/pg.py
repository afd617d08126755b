"""PostgreSQL for tests, on the dev/CI server.

The server is NEWSDESK_TEST_PG_URL (default postgresql://postgres@127.0.0.1:5432/test,
trust auth). `PgPool` lends each test (the `db_url` fixtures in tests/conftest.py) a
migrated, empty database of its own, cloned from a per-process template. `pg_schema()`
gives a new, unmigrated schema `t_<random>` (put first on the search_path through the
URL, dropped afterwards) to the tests about migrating itself. Parallel pytest workers
never see each other's tables. Without a server the PostgreSQL half skips, saying why.
"""

from __future__ import annotations

import contextlib
import functools
import os
import tempfile
import threading
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


# ---------------------------------------------------------------------------------------------
# Per-test databases from a template: the suite's PostgreSQL half.
#
# Migrating a new schema per test costs about a second on a busy machine, and CREATE/DROP
# DATABASE both checkpoint the server (seconds each). So each test process migrates once into
# a template database, clones it (CREATE DATABASE ... TEMPLATE, no checkpoint with the default
# WAL_LOG strategy) only when its pool has no free database, and between tests empties the
# database it lent (tens of milliseconds) instead of dropping it. Names carry the prefix and the
# owning process id, so parallel workers and other checkouts on the same server never collide,
# and a later session drops what a killed one left behind.

DB_PREFIX = "nd_t_"


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def with_database(url: str, database: str) -> str:
    """`url` pointing at another database on the same server (user, host and options kept)."""
    from urllib.parse import urlsplit, urlunsplit

    return urlunsplit(urlsplit(url)._replace(path=f"/{database}"))


def _url_for(database: str) -> str:
    return with_database(PG_URL, database)


class PgPool:
    """Migrated, empty databases for one test process: `with pool.database() as url:`."""

    def __init__(self) -> None:
        self.pid = os.getpid()
        self.template = f"{DB_PREFIX}{self.pid}_tpl"
        self.free: list[str] = []
        self.made: list[str] = []
        self.fingerprint: str | None = None  # schema of the template; a lent database must still match
        self.superuser = True
        self.started = False  # the template may exist (dropped by close())

    def _admin(self):  # noqa: ANN202 - a psycopg connection to the server's maintenance database
        import psycopg

        return psycopg.connect(PG_URL, autocommit=True)

    def _start(self) -> None:
        """Drop what dead sessions left behind, then migrate this process's template once."""
        if self.fingerprint is not None:
            return
        self._drop_leftovers()
        self.started = True
        from newsdesk.store import open_store

        with self._admin() as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {self.template}")
            admin.execute(f"CREATE DATABASE {self.template}")
        with tempfile.TemporaryDirectory() as raw:
            open_store(_url_for(self.template), raw_dir=raw).close()  # the migrations, through the store
        import psycopg

        with psycopg.connect(_url_for(self.template), autocommit=True) as conn:
            self.fingerprint = _fingerprint(conn)
            self.superuser = conn.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user").fetchone()[0]

    def _drop_leftovers(self) -> None:
        with self._admin() as admin:
            names = [r[0] for r in admin.execute(
                "SELECT datname FROM pg_database WHERE datname LIKE %s", (DB_PREFIX.replace("_", r"\_") + "%",))]
            for name in names:
                pid = name[len(DB_PREFIX):].split("_", 1)[0]
                if not pid.isdigit() or _pid_alive(int(pid)):
                    continue
                with contextlib.suppress(Exception):  # still in use somewhere: the next session tries again
                    admin.execute(f"DROP DATABASE IF EXISTS {name}")

    @contextmanager
    def database(self) -> Iterator[str]:
        need_pg()
        self._start()
        name = self.free.pop() if self.free else self._create()
        try:
            yield _url_for(name)
        finally:
            if self._empty(name):
                self.free.append(name)
            else:
                self._drop([name])

    def _create(self) -> str:
        name = f"{DB_PREFIX}{self.pid}_{len(self.made)}"
        with self._admin() as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {name}")
            admin.execute(f"CREATE DATABASE {name} TEMPLATE {self.template}")
        self.made.append(name)
        return name

    def _empty(self, name: str) -> bool:
        """Make a lent database like a new clone again; False when that is not possible."""
        import psycopg

        try:
            with psycopg.connect(_url_for(name), autocommit=True) as conn:
                # connections the test left open (a store not closed, a child server) would hold locks
                conn.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                             "WHERE datname = current_database() AND pid <> pg_backend_pid()")
                if _fingerprint(conn) != self.fingerprint:
                    return False  # the test changed the schema
                tables = [r[0] for r in conn.execute(
                    "SELECT format('%I.%I', schemaname, tablename) FROM pg_tables "
                    "WHERE schemaname NOT IN ('pg_catalog', 'information_schema') AND tablename <> 'schema_migrations'")]
                sequences = [r[0] for r in conn.execute(
                    "SELECT format('%I.%I', schemaname, sequencename) FROM pg_sequences "
                    "WHERE schemaname NOT IN ('pg_catalog', 'information_schema')")]
                restart = "".join(f"ALTER SEQUENCE {sequence} RESTART;" for sequence in sequences)
                if self.superuser:
                    # DELETE with triggers and foreign keys off (superuser only): far cheaper than
                    # TRUNCATE, which gives every table new files. One round trip.
                    conn.execute("BEGIN; SET LOCAL session_replication_role = replica;"
                                 + "".join(f"DELETE FROM {table};" for table in tables) + restart + "COMMIT")
                else:
                    conn.execute(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE")
            return True
        except psycopg.Error:
            return False

    def _drop(self, names: list[str]) -> None:
        """DROP DATABASE waits for a checkpoint: drop them together so one checkpoint serves all."""
        def drop(name: str) -> None:
            with contextlib.suppress(Exception), self._admin() as admin:
                admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")

        threads = [threading.Thread(target=drop, args=(n,)) for n in names]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        self.free = [n for n in self.free if n not in names]

    def close(self) -> None:
        if self.started:
            self._drop([*self.made, self.template])


def _fingerprint(conn) -> str:  # noqa: ANN001 - a psycopg connection
    """Tables, columns, indexes and applied migrations, as one hash."""
    return conn.execute(
        "SELECT md5(coalesce(string_agg(n.nspname || '.' || c.relname || ':' || c.relkind::text || ':' || c.relnatts::text, ','"
        "  ORDER BY n.nspname, c.relname), '') || (SELECT count(*) FROM schema_migrations)::text) "
        "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
        "WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast') AND c.relkind IN ('r', 'i', 'S', 'v', 'm')"
    ).fetchone()[0]
