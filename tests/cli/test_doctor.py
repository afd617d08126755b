"""`newsdesk doctor`: the real command on real folders and databases (each backend), healthy and broken."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from newsdesk.cli.doctor import check_spacy, check_vectors, run_checks
from newsdesk.store import open_store
from newsdesk.store.db import migration_files

from .helpers import backend_env, command_db_url, json_lines, run_newsdesk

LAST_MIGRATION = migration_files()[-1][1]


def _by_name(checks) -> dict[str, tuple[str, str]]:
    return {c["name"]: (c["status"], c["detail"]) for c in checks}


def _checks(folder: Path, **env: str):
    return {c.name: (c.status, c.detail) for c in run_checks(None, {"NEWSDESK_DATA_DIR": str(folder / "data"), **env},
                                                             models=False)}


@pytest.mark.sqlite_only(reason="a missing SQLite file is reported and not created")
def test_missing_database_fails_and_is_not_created(tmp_path: Path) -> None:
    result = run_newsdesk("doctor", "--json", "--no-models", cwd=tmp_path)
    assert result.returncode == 1
    [report] = json_lines(result.stdout)
    checks = _by_name(report["checks"])
    assert report["ok"] is False
    assert checks["database"][0] == "fail" and "does not exist" in checks["database"][1]
    assert not (tmp_path / "data").exists()  # the doctor looks, it does not create


def test_healthy_installation_passes_with_models(tmp_path: Path, db_url: str) -> None:
    assert run_newsdesk("init", cwd=tmp_path, env=backend_env(db_url)).returncode == 0
    (tmp_path / "data" / "raw").mkdir(parents=True, exist_ok=True)  # the first ingest makes it
    result = run_newsdesk("doctor", "--json", "--no-models", cwd=tmp_path,
                          env=backend_env(db_url, NEWSDESK_FETCH__TIMEOUT_S="5"))
    [report] = json_lines(result.stdout)
    checks = _by_name(report["checks"])
    assert result.returncode == 0 and report["ok"] is True, checks
    assert checks["migrations"] == ("ok", f"{len(migration_files())} applied, current ({LAST_MIGRATION})")
    assert checks["integrity"] == ("ok", "quick_check ok")
    assert checks["env overrides"][0] == "ok" and "NEWSDESK_FETCH__TIMEOUT_S=5" in checks["env overrides"][1]
    assert checks["raw dir"][0] == "ok" and checks["disk free"][0] == "ok"
    # the model checks in this process (the models load once per process; a subprocess would reload them)
    spacy, vectors = check_spacy(), check_vectors()
    assert spacy.status == "ok" and "ner" in spacy.detail, spacy
    assert vectors.status == "ok" and "384 dims" in vectors.detail, vectors
    table = run_newsdesk("doctor", "--no-models", cwd=tmp_path, env=backend_env(db_url))
    assert table.returncode == 0 and "newsdesk doctor" in table.stdout and "quick_check ok" in table.stdout


def test_pending_migration_and_model_fallback_are_reported(tmp_path: Path, db_url: str) -> None:
    assert run_newsdesk("init", cwd=tmp_path, env=backend_env(db_url)).returncode == 0
    with open_store(command_db_url(tmp_path, db_url), raw_dir=tmp_path / "raw") as store:
        store.db.conn().execute("DELETE FROM schema_migrations WHERE name = ?", (LAST_MIGRATION,))
    result = run_newsdesk("doctor", "--json", cwd=tmp_path, env=backend_env(db_url, NEWSDESK_ENRICH_NO_MODEL="1"))
    checks = _by_name(json_lines(result.stdout)[0]["checks"])
    assert result.returncode == 1
    assert checks["migrations"] == ("fail", f"1 pending ({LAST_MIGRATION}): run `newsdesk init`")
    assert checks["spaCy model"][0] == "warn" and "fallback" in checks["spaCy model"][1]


@pytest.mark.sqlite_only(reason="scribbles over the pages of a SQLite file")
def test_corrupt_database_fails_the_integrity_check(tmp_path: Path) -> None:
    path = tmp_path / "data" / "newsdesk.db"
    path.parent.mkdir()
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE filler (id INTEGER PRIMARY KEY, body TEXT)")
        db.executemany("INSERT INTO filler (body) VALUES (?)", [("x" * 500,) for _ in range(400)])
        db.execute("CREATE INDEX filler_body ON filler (body)")
    data = bytearray(path.read_bytes())
    page_size = int.from_bytes(data[16:18], "big")
    for n in range(3, len(data) // page_size, 3):  # scribble over every third page's header
        data[n * page_size : n * page_size + 64] = b"\xa5" * 64
    path.write_bytes(bytes(data))
    checks = _checks(tmp_path)
    failed = {name for name, (status, _) in checks.items() if status == "fail"}
    assert failed & {"database", "integrity"}, checks


def test_config_problems(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text("[fetch\ntimeout_s = 3\n")
    [only] = run_checks(bad, {}, models=False)
    assert only.name == "config" and only.status == "fail" and only.detail.startswith(f"{bad}: cannot read config")
    checks = _checks(tmp_path, NEWSDESK_LOG__FORMAT="xml", NEWSDESK_FETCH__TIMOUT_S="3", NEWSDESK_LLM__API_KEY="sekrit")
    assert checks["config values"] == ("fail", "[log] format 'xml' is not one of text, json")
    status, detail = checks["env overrides"]
    assert status == "warn" and "ignored: NEWSDESK_FETCH__TIMOUT_S" in detail
    assert "NEWSDESK_LLM__API_KEY=***" in detail and "sekrit" not in detail
    networks = _checks(tmp_path, NEWSDESK_WEB__METRICS_ALLOW="127.0.0.1,10.0.0.0/8,prometheus.local")
    assert networks["config values"] == ("fail", "[web] metrics_allow: not an address or network: 'prometheus.local'")


def test_raw_dir_that_is_a_file_fails(tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "raw").write_text("not a folder")
    assert _checks(tmp_path)["raw dir"] == ("fail", f"{tmp_path / 'data' / 'raw'} exists but is not a folder")


def test_the_database_password_is_never_printed(tmp_path: Path, pg_db_url: str) -> None:
    """A postgresql:// URL may carry a password: the doctor shows user:***@host instead."""
    scheme, rest = pg_db_url.split("://", 1)
    user, host = rest.split("@", 1)
    secret_url = f"{scheme}://{user}:s3cret-pw@{host}"  # trust auth: the server ignores the password
    reachable = run_newsdesk("doctor", "--json", "--no-models", cwd=tmp_path,
                             env={"NEWSDESK_DATABASE_URL": secret_url})
    checks = _by_name(json_lines(reachable.stdout)[0]["checks"])
    assert checks["database"][0] == "ok" and f"{user}:***@{host}" in checks["database"][1], checks
    assert f"{user}:***@" in checks["config"][1]
    unreachable = run_newsdesk("doctor", "--no-models", cwd=tmp_path,
                               env={"NEWSDESK_DATABASE_URL": "postgresql://nd:s3cret-pw@127.0.0.1:1/nd"})
    assert unreachable.returncode == 1 and "nd:***@127.0.0.1:1/nd" in unreachable.stdout
    for result in (reachable, unreachable):
        assert "s3cret-pw" not in result.stdout + result.stderr
