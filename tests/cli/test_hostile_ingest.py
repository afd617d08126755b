"""The spine's hostile-input acceptance, through the real `newsdesk ingest` entry point:
each bad input gets a one-line error naming it, a non-zero exit, and what the database
already held is still there afterwards (same article, still searchable, integrity ok)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from tests.httpserver import LocalServer

from .helpers import json_lines, page, run_newsdesk

FAST_LOCAL = {
    "NEWSDESK_FETCH__ALLOW_PRIVATE": "127.0.0.1",
    "NEWSDESK_FETCH__PER_HOST_DELAY_S": "0",
    "NEWSDESK_FETCH__RETRIES": "0",
    "NEWSDESK_FETCH__TIMEOUT_S": "2",
    "NEWSDESK_FETCH__CONNECT_TIMEOUT_S": "2",
}

BOMB = """<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<rss version="2.0"><channel><title>&lol9;</title>
<item><title>x</title><link>http://127.0.0.1/x</link></item></channel></rss>
"""


# The hostile inputs are refused before anything reaches the store; that a refused batch loses nothing
# stored is checked on both backends in tests/pipeline/test_hostile_batch.py.
pytestmark = pytest.mark.sqlite_only(reason="checks the SQLite file itself (PRAGMA integrity_check) after each refusal")


@pytest.fixture(scope="module")
def desk(tmp_path_factory: pytest.TempPathFactory):
    """A folder with a database already holding one good article, and a hostile local server."""
    folder = tmp_path_factory.mktemp("desk")
    (folder / "good.html").write_text(page("Harbourton ferry resumes service", "Harbourton", "Ada Quill", 14))
    first = run_newsdesk("ingest", "good.html", "--json", cwd=folder)
    assert first.returncode == 0, first.stderr
    assert json_lines(first.stdout)[0]["new"] == 1
    with LocalServer() as server:
        server.add("/bomb.xml", BOMB, content_type="application/rss+xml")
        server.add_huge("/huge.html")
        server.add_hang("/hang.html")
        server.add_redirect_loop("/loop.html")
        server.add("/robots.txt", "", content_type="text/plain")
        yield folder, server


def _one_failure(folder: Path, target: str, env: dict[str, str] | None = None) -> str:
    result = run_newsdesk("ingest", target, "--json", cwd=folder, env=env, timeout=120)
    assert result.returncode != 0, result.stdout
    [summary] = json_lines(result.stdout)
    assert summary["new"] == 0 and summary["failed"] >= 1
    error = summary["failures"][0]["error"]
    assert "\n" not in error and target in error, error
    return error


def _database_intact(folder: Path) -> None:
    with sqlite3.connect(folder / "data" / "newsdesk.db") as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        titles = [row[0] for row in db.execute("SELECT title FROM articles")]
    assert titles == ["Harbourton ferry resumes service"]
    found = run_newsdesk("search", "Harbourton", "--json", cwd=folder)
    assert [hit["title"] for hit in json_lines(found.stdout)] == ["Harbourton ferry resumes service"]


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("empty.html", b"", "empty"),
        ("picture.html", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40, "binary"),
        ("nobody.html", b"<html><head><title>Nothing here</title></head></html>", "no article body"),
    ],
)
def test_bad_files(desk, name: str, content: bytes, expected: str) -> None:
    folder, _ = desk
    (folder / name).write_bytes(content)
    assert expected in _one_failure(folder, name)
    _database_intact(folder)


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/huge.html", "10"),  # the size cap (10 MB) is named
        ("/bomb.xml", "entit"),
        ("/hang.html", "timed out"),
        ("/loop.html", "redirect"),
    ],
)
def test_hostile_server(desk, path: str, expected: str) -> None:
    folder, server = desk
    error = _one_failure(folder, server.url(path), env=FAST_LOCAL)
    assert expected in error.lower(), error
    _database_intact(folder)


def test_private_address_refused_without_allow_list(desk) -> None:
    folder, server = desk
    before = len(server.requests)
    no_allow = {k: v for k, v in FAST_LOCAL.items() if k != "NEWSDESK_FETCH__ALLOW_PRIVATE"}
    error = _one_failure(folder, server.url("/bomb.xml"), env=no_allow)
    assert "private" in error.lower() or "loopback" in error.lower(), error
    assert len(server.requests) == before  # refused before any byte was sent
    _database_intact(folder)
