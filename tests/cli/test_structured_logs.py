"""`[log] format = "json"`: every pipeline failure is one JSON line with input, stage and kind."""

from __future__ import annotations

import json
import logging
import sys
from pathlib import Path

from newsdesk.logs import JsonFormatter, level_for

from .helpers import backend_env, json_lines, page, run_newsdesk


FAST = {"NEWSDESK_ENRICH_NO_MODEL": "1"}  # the rule tagger: these tests are about logs, not entities


def _json_records(stderr: str) -> list[dict]:
    # the progress bar also writes to stderr; log records are the lines that are JSON objects
    return [json.loads(line) for line in stderr.splitlines() if line.startswith("{")]


def test_ingest_failures_are_json_log_lines(tmp_path: Path, db_url: str) -> None:
    (tmp_path / "good.html").write_text(page("Quay reopens after repairs", "Portwell", "Ida Marsh", 3))
    (tmp_path / "nobody.html").write_text("<html><head><title>Nothing</title></head></html>")
    (tmp_path / "newsdesk.toml").write_text('[log]\nformat = "json"\n')
    result = run_newsdesk("ingest", "good.html", "nobody.html", "missing.html", "--json", cwd=tmp_path,
                          env=backend_env(db_url, **FAST))
    assert result.returncode == 1
    [summary] = json_lines(result.stdout)
    assert (summary["new"], summary["failed"]) == (1, 2)
    failures = {r["input"]: r for r in _json_records(result.stderr) if r["logger"] == "newsdesk.pipeline.failures"}
    assert set(failures) == {"nobody.html", "missing.html"}
    nobody = failures["nobody.html"]
    assert (nobody["stage"], nobody["error_kind"], nobody["level"]) == ("extract", "no_body", "info")
    assert nobody["error"] == "nobody.html: no article body found"
    assert failures["missing.html"]["stage"] == "read"
    assert all(set(r) >= {"ts", "level", "logger", "message"} for r in _json_records(result.stderr))


def test_env_override_selects_json_and_text_stays_quiet(tmp_path: Path, db_url: str) -> None:
    (tmp_path / "nobody.html").write_text("<html><head><title>Nothing</title></head></html>")
    quiet = run_newsdesk("ingest", "nobody.html", cwd=tmp_path, env=backend_env(db_url, **FAST))
    assert _json_records(quiet.stderr) == [] and "failed: nobody.html: no article body found" in quiet.stderr
    loud = run_newsdesk("ingest", "nobody.html", cwd=tmp_path, env=backend_env(db_url, **FAST, NEWSDESK_LOG__FORMAT="json"))
    assert any(r.get("stage") == "recorded" for r in _json_records(loud.stderr))  # the same bytes failed before


def test_formatter_keeps_extras_and_exceptions_on_one_line() -> None:
    try:
        raise ValueError("bad\nthing")
    except ValueError:
        record = logging.getLogger("t").makeRecord(
            "t", logging.ERROR, __file__, 1, "failed %s", ("x.html",), exc_info=sys.exc_info(), extra={"stage": "store"}
        )
    line = JsonFormatter().format(record)
    assert "\n" not in line
    data = json.loads(line)
    assert data["message"] == "failed x.html" and data["stage"] == "store"
    assert (data["exc_type"], data["exc"]) == ("ValueError", "bad thing") and "Traceback" in data["traceback"]


def test_levels() -> None:
    assert level_for("json", "") == logging.INFO and level_for("text", "") == logging.WARNING
    assert level_for("text", "error") == logging.ERROR and level_for("text", "", verbose=True) == logging.INFO
