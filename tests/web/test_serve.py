"""`newsdesk serve` as a real process on 127.0.0.1, fetched over real HTTP."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import httpx

from tests.cli.helpers import NEWSDESK, free_port, wait_until_up


def test_serve_answers_pages_and_api(tmp_path: Path, db_url: str) -> None:
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSDESK_")}
    if not db_url.startswith("sqlite"):
        env["NEWSDESK_DATABASE_URL"] = db_url  # else the default SQLite file under ./data
    process = subprocess.Popen(
        [str(NEWSDESK), "serve", "--host", "127.0.0.1", "--port", str(port)],
        cwd=tmp_path, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(base + "/api/articles", process)
        front = httpx.get(base + "/")
        assert front.status_code == 200 and "No stories yet" in front.text
        assert front.headers["x-content-type-options"] == "nosniff"
        assert httpx.get(base + "/api/articles").json()["total"] == 0
        assert httpx.get(base + "/api/stories/1").status_code == 404
        assert httpx.get(base + "/static/style.css").headers["content-type"].startswith("text/css")
        # SQLite: ./data/newsdesk.db under the current folder; PostgreSQL: no database file
        assert (tmp_path / "data" / "newsdesk.db").exists() == db_url.startswith("sqlite")
    finally:
        process.terminate()
        process.wait(timeout=10)
