"""Fixtures for the accounts tests: the real app over a real store (SQLite file or PostgreSQL database,
one run each), driven like a browser (forms carry the CSRF token read from the page, cookies are kept
by the client)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator

import pytest
from fastapi.testclient import TestClient

from newsdesk.config import Config
from newsdesk.store import open_store
from newsdesk.web.app import create_app
from tests.web.conftest import sample_articles

PASSWORD = "correct horse battery"
TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')


class Browser:
    """One visitor: a TestClient with its own cookie jar."""

    def __init__(self, client: TestClient) -> None:
        self.client = client

    def token(self, page: str = "/login") -> str:
        response = self.client.get(page)
        found = TOKEN.search(response.text)
        assert found, f"no CSRF token on {page} ({response.status_code})"
        return found.group(1)

    def submit(self, page: str, action: str, data: dict[str, Any], **kwargs: Any) -> Any:
        """Loads `page`, then posts the form to `action` with the page's token, like a browser."""
        return self.client.post(action, data={**data, "csrf_token": self.token(page)}, follow_redirects=False, **kwargs)

    def signup(self, name: str, password: str = PASSWORD, **extra: str) -> Any:
        return self.submit("/signup", "/signup", {"username": name, "password": password, **extra})

    def login(self, name: str, password: str = PASSWORD) -> Any:
        return self.submit("/login", "/login", {"username": name, "password": password})

    def api(self, method: str, path: str, **kwargs: Any) -> Any:
        """A JSON API call with the header token from the page's meta tag."""
        token = re.search(r'name="csrf-token" content="([^"]+)"', self.client.get("/login").text).group(1)
        return self.client.request(method, path, headers={"X-CSRF-Token": token}, **kwargs)


@dataclass
class Site:
    config: Config
    store: Any
    app: Any
    ids: dict[str, int]
    clients: list[TestClient]

    def browser(self) -> Browser:
        client = TestClient(self.app)
        client.__enter__()
        self.clients.append(client)
        return Browser(client)


def make_site(folder: Path, db_url: str, **accounts: Any) -> Iterator[Site]:
    config = Config(data_dir=str(folder), database_url=db_url)
    # cheaper argon2 than production so the suite stays fast on a busy machine (still argon2id)
    config.accounts.argon2_time_cost, config.accounts.argon2_memory_kib = 1, 8192
    for key, value in accounts.items():
        setattr(config.accounts, key, value)
    store = open_store(config)
    first, second = sample_articles()
    ids = {"a": store.save_article(first).article_id, "b": store.save_article(second).article_id}
    from newsdesk.models import Assignment

    ids["story"] = store.save_story_assignment(
        ids["a"], Assignment(story_id=None, score=1.0, new_story=True, reason="first"), first.title
    )
    site = Site(config, store, create_app(config, store), ids, [])
    try:
        yield site
    finally:
        for client in site.clients:
            client.__exit__(None, None, None)
        store.close()


@pytest.fixture
def site(tmp_path: Path, db_url: str) -> Iterator[Site]:
    yield from make_site(tmp_path, db_url)


@pytest.fixture
def make_user(site: Site):  # noqa: ANN201
    """make_user(name, role) -> a signed-in Browser for a new user of that role."""
    def make(name: str, role: str = "reader") -> Browser:
        browser = site.browser()
        assert browser.signup(name).status_code == 303
        if role != "reader":
            site.store.update_user(site.store.get_user_by_name(name).id, role=role)
        return browser
    return make
