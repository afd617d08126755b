"""ingest, search, add-feed + poll through the real entry point, on each backend (a real SQLite file,
a real PostgreSQL database) and a real HTTP server on 127.0.0.1."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.httpserver import LocalServer

from .helpers import backend_env, json_lines, page, run_newsdesk

# fetch from the local server: private address allowed, no politeness delay in tests
LOCAL_FETCH = {"NEWSDESK_FETCH__ALLOW_PRIVATE": "127.0.0.1", "NEWSDESK_FETCH__PER_HOST_DELAY_S": "0",
               "NEWSDESK_FETCH__RETRIES": "0"}


def rss(base: str, items: list[tuple[str, str]]) -> str:
    entries = "".join(f"<item><title>{t}</title><link>{base}{p}</link></item>" for p, t in items)
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>Gazette</title>{entries}</channel></rss>'


def test_ingest_files_then_search(tmp_path: Path, db_url: str) -> None:
    env = backend_env(db_url)
    (tmp_path / "bridge.html").write_text(page("Quarrytown bridge opens next month", "Quarrytown", "Ellen Marsh", 12))
    (tmp_path / "empty.html").write_text("")
    result = run_newsdesk("ingest", "bridge.html", "nothere.html", "empty.html", "--json", cwd=tmp_path, env=env)
    assert result.returncode == 1, result.stderr  # failed inputs, reported after the others were stored
    [summary] = json_lines(result.stdout)
    assert summary["new"] == 1 and summary["failed"] == 2
    assert {f["input"] for f in summary["failures"]} == {"nothere.html", "empty.html"}
    assert all(f["error"].startswith(f["input"]) for f in summary["failures"])

    again = run_newsdesk("ingest", "bridge.html", "--json", cwd=tmp_path, env=env)  # idempotent: nothing new
    assert again.returncode == 0, again.stderr
    assert json_lines(again.stdout)[0]["new"] == 0

    found = run_newsdesk("search", "Quarrytown", "--json", cwd=tmp_path, env=env)
    assert found.returncode == 0, found.stderr
    [hit] = json_lines(found.stdout)
    assert hit["title"] == "Quarrytown bridge opens next month" and "<mark>" in hit["snippet"]
    text = run_newsdesk("search", "Quarrytown", cwd=tmp_path, env=env)
    assert "Quarrytown bridge opens next month" in text.stdout and "<mark>" not in text.stdout
    assert json_lines(run_newsdesk("search", "zzzznotaword", "--json", cwd=tmp_path, env=env).stdout) == []


def test_ingest_outlet_names_the_publisher_of_local_files(tmp_path: Path, db_url: str) -> None:
    env = backend_env(db_url)
    (tmp_path / "ferry.txt").write_text("Ferry strike ends in Harbourtown\n\n" + "Crews returned to the ferries on Saturday "
                                        "after the port authority offered new rosters, officials said. " * 6)
    stored = run_newsdesk("ingest", "ferry.txt", "--outlet", "  Harbour   Gazette ", "--json", cwd=tmp_path, env=env)
    assert stored.returncode == 0, stored.stderr
    [hit] = json_lines(run_newsdesk("search", "rosters", "--json", cwd=tmp_path, env=env).stdout)
    assert hit["outlet"] == "Harbour Gazette"


def test_add_feed_then_poll(tmp_path: Path, db_url: str) -> None:
    fetch = backend_env(db_url, **LOCAL_FETCH)
    with LocalServer() as server:
        server.add("/news/1.html", page("Millbrook bridge opens next month", "Millbrook", "Tom Hale", 12))
        server.add("/news/2.html", page("Millbrook council approves tram line", "Millbrook", "Tom Hale", 13, thing="tram line to the station"))
        feed_url = server.add(
            "/feed.xml",
            rss(server.base, [("/news/1.html", "Millbrook bridge"), ("/news/2.html", "Millbrook tram")]),
            content_type="application/rss+xml",
            etag='"v1"',
        )
        added = run_newsdesk("add-feed", feed_url, cwd=tmp_path, env=fetch)
        assert added.returncode == 0, added.stderr

        first = run_newsdesk("poll", "--json", cwd=tmp_path, env=fetch)
        assert first.returncode == 0, first.stderr
        assert json_lines(first.stdout)[0]["new"] == 2
        assert len(server.hits("/news/1.html")) == 1

        second = run_newsdesk("poll", "--json", cwd=tmp_path, env=fetch)  # nothing due yet
        assert second.returncode == 0, second.stderr
        assert json_lines(second.stdout)[0]["new"] == 0
        assert len(server.hits("/feed.xml")) == 1

    hits = json_lines(run_newsdesk("search", "Millbrook", "--json", cwd=tmp_path, env=backend_env(db_url)).stdout)
    assert {h["title"] for h in hits} == {"Millbrook bridge opens next month", "Millbrook council approves tram line"}


@pytest.mark.sqlite_only(reason="about the default SQLite file under ./data when ./data cannot be a folder")
@pytest.mark.parametrize("command", [["poll"], ["search", "x"], ["init"]])
def test_unusable_database_is_one_line_error(tmp_path: Path, command: list[str]) -> None:
    (tmp_path / "data").write_text("a file where the data folder should be")
    result = run_newsdesk(*command, cwd=tmp_path)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr


def test_unreachable_postgresql_is_one_line_error_without_the_password(tmp_path: Path) -> None:
    result = run_newsdesk("init", cwd=tmp_path, env={"NEWSDESK_DATABASE_URL": "postgresql://newsdesk:s3cret@127.0.0.1:1/nd"})
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert "postgresql://newsdesk:***@127.0.0.1:1/nd" in result.stderr and "s3cret" not in result.stderr
