"""Shared test fixtures: where the shared data is, and skips when it is absent."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

# Property tests stay small in `make test`; `make fuzz` (HYPOTHESIS_PROFILE=fuzz) runs many more.
# Tests that set their own max_examples keep it.
settings.register_profile("default", max_examples=25, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
settings.register_profile("fuzz", max_examples=2000, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

from tests.pg import PgPool, pg_schema  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEED = SHARED / "corpus" / "text" / "daily8-2025-05-11-putin-istanbul.txt"


def need_shared(path: Path) -> Path:
    """Skip the calling test with a clear reason when shared data is absent (a user's machine)."""
    if not path.exists():
        pytest.skip(f"shared data not present: {path} (only on the project's dev/CI machines)")
    return path


@pytest.fixture
def seed_path() -> Path:
    return need_shared(SEED)


@pytest.fixture
def shared_dir() -> Path:
    return need_shared(SHARED)


BACKENDS = ["sqlite", "postgresql"]


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "sqlite_only(reason): a store test that runs on SQLite only, because it is about SQLite itself")


@pytest.fixture(scope="session")
def pg_pool() -> Iterator[PgPool]:
    """This process's PostgreSQL databases; nothing touches the server until a test asks for one."""
    pool = PgPool()
    yield pool
    pool.close()


@contextmanager
def database_url(backend: str, folder: Path, pool: PgPool) -> Iterator[str]:
    if backend == "sqlite":
        yield f"sqlite:///{folder / 'db' / 'newsdesk.db'}"
        return
    with pool.database() as url:
        yield url


@pytest.fixture(params=BACKENDS)
def db_url(request: pytest.FixtureRequest, tmp_path: Path, pg_pool: PgPool) -> Iterator[str]:
    """A migrated, empty database of each backend (tests using it run once per backend)."""
    with database_url(request.param, tmp_path, pg_pool) as url:
        yield url


@pytest.fixture
def store(db_url: str, tmp_path: Path) -> Iterator[object]:
    """The store on each backend (SQLite file, PostgreSQL database); pipeline and stories tests
    define their own (opened from a Config)."""
    from newsdesk.store import open_store

    s = open_store(db_url, raw_dir=tmp_path / "raw")
    yield s
    s.close()


@pytest.fixture(params=BACKENDS)
def db_urls(request: pytest.FixtureRequest, tmp_path: Path, pg_pool: PgPool) -> Iterator[Callable[[str], str]]:
    """db_urls(name) -> a database of this run's backend per name, for tests comparing two stores."""
    with ExitStack() as stack:
        made: dict[str, str] = {}

        def url(name: str) -> str:
            if name not in made:
                made[name] = stack.enter_context(database_url(request.param, tmp_path / f"db-{name}", pg_pool))
            return made[name]

        yield url


@pytest.fixture(scope="module", params=BACKENDS)
def module_db_url(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory,
                  pg_pool: PgPool) -> Iterator[str]:
    """db_url shared by the tests of one module (a store filled once, then only read)."""
    with database_url(request.param, tmp_path_factory.mktemp(request.param), pg_pool) as url:
        yield url


@pytest.fixture
def pg_db_url(pg_pool: PgPool) -> Iterator[str]:
    """A migrated, empty PostgreSQL database, for a test about PostgreSQL only (skips without a server)."""
    with pg_pool.database() as url:
        yield url


@pytest.fixture(params=BACKENDS)
def unmigrated_db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A database of each backend with no tables yet, for the tests about migrating."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'db' / 'newsdesk.db'}"
        return
    with pg_schema() as url:
        yield url
