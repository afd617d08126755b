"""Sources tests: a real local HTTP server and a fetcher allowed to reach it, with short timeouts."""

from __future__ import annotations

from typing import Iterator

import pytest

from newsdesk.config import FetchConfig
from newsdesk.sources import Fetcher
from tests.httpserver import local_server  # noqa: F401  (fixture)


def make_config(**overrides: object) -> FetchConfig:
    config = FetchConfig(
        timeout_s=1.0,
        connect_timeout_s=1.0,
        per_host_delay_s=0.0,
        retries=2,
        backoff_s=0.05,
        max_retry_after_s=5.0,
        allow_private=["127.0.0.1"],
    )
    for name, value in overrides.items():
        setattr(config, name, value)
    return config


@pytest.fixture
def fetch_config() -> FetchConfig:
    return make_config()


@pytest.fixture
def fetcher(fetch_config: FetchConfig) -> Iterator[Fetcher]:
    with Fetcher(fetch_config) as f:
        yield f
