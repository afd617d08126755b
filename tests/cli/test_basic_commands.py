"""init, add-feed, config errors: the real entry point in a clean folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from .helpers import backend_env, json_lines, run_newsdesk


@pytest.mark.sqlite_only(reason="where the default SQLite file goes")
def test_init_creates_the_database_under_the_current_folder(tmp_path: Path) -> None:
    result = run_newsdesk("init", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "data" / "newsdesk.db").is_file()
    again = run_newsdesk("init", cwd=tmp_path)  # idempotent
    assert again.returncode == 0, again.stderr


@pytest.mark.sqlite_only(reason="where the default SQLite file goes")
def test_data_dir_from_env_and_config_file(tmp_path: Path) -> None:
    assert run_newsdesk("init", cwd=tmp_path, env={"NEWSDESK_DATA_DIR": "elsewhere"}).returncode == 0
    assert (tmp_path / "elsewhere" / "newsdesk.db").is_file()
    (tmp_path / "custom.toml").write_text('data_dir = "fromtoml"\n')
    assert run_newsdesk("--config", "custom.toml", "init", cwd=tmp_path).returncode == 0
    assert (tmp_path / "fromtoml" / "newsdesk.db").is_file()


def test_bad_config_is_one_line_error(tmp_path: Path) -> None:
    (tmp_path / "bad.toml").write_text("data_dir = [unterminated\n")
    result = run_newsdesk("--config", "bad.toml", "init", cwd=tmp_path)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "bad.toml" in lines[0] and "Traceback" not in result.stderr
    unknown = tmp_path / "unknown.toml"
    unknown.write_text("colour = 'blue'\n")
    result = run_newsdesk("--config", str(unknown), "init", cwd=tmp_path)
    assert result.returncode == 2 and "colour" in result.stderr


def test_add_feed_records_source_and_rejects_non_http(tmp_path: Path, db_url: str) -> None:
    result = run_newsdesk("add-feed", "https://example.org/rss.xml", "--json", cwd=tmp_path, env=backend_env(db_url))
    assert result.returncode == 0, result.stderr
    [source] = json_lines(result.stdout)
    assert source["url"] == "https://example.org/rss.xml" and source["kind"] == "feed" and source["id"]
    bad = run_newsdesk("add-feed", "file:///etc/passwd", cwd=tmp_path, env=backend_env(db_url))
    assert bad.returncode == 2 and "file:///etc/passwd" in bad.stderr


def test_bad_published_and_format_are_usage_errors(tmp_path: Path) -> None:
    result = run_newsdesk("extract", "x.txt", "--published", "last tuesday", cwd=tmp_path)
    assert result.returncode == 2 and "last tuesday" in result.stderr
    result = run_newsdesk("extract", "x.txt", "--format", "pdf", cwd=tmp_path)
    assert result.returncode == 2 and "pdf" in result.stderr
