"""`newsdesk run`: ingest the configured paths in the background, poll, and serve the web."""

from __future__ import annotations

import os
import subprocess
import time
from pathlib import Path

import httpx

from .helpers import NEWSDESK, backend_env, free_port, page, wait_until_up


def test_run_ingests_configured_paths_and_serves(tmp_path: Path, db_url: str) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "bridge.html").write_text(page("Ashford bridge opens next month", "Ashford", "Ruth Cole", 12))
    port = free_port()
    (tmp_path / "newsdesk.toml").write_text(
        f'ingest_paths = ["corpus", "no-such-folder"]\npoll_interval_s = 3600\n[web]\nport = {port}\n'
    )
    env = backend_env(db_url, **{k: v for k, v in os.environ.items() if not k.startswith("NEWSDESK_")})
    process = subprocess.Popen([str(NEWSDESK), "run"], cwd=tmp_path, env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(base + "/api/articles", process)
        deadline = time.monotonic() + 60
        while httpx.get(base + "/api/articles").json()["total"] == 0:
            assert time.monotonic() < deadline, "the configured corpus was not ingested"
            time.sleep(0.3)
        hits = httpx.get(base + "/api/search", params={"q": "Ashford"}).json()["items"]
        assert [h["title"] for h in hits] == ["Ashford bridge opens next month"]
        assert httpx.get(base + f"/articles/{hits[0]['article_id']}").status_code == 200
    finally:
        process.terminate()
        _, stderr = process.communicate(timeout=20)
    assert "no-such-folder: ingest path does not exist, skipped" in stderr
    assert "ingest: 1 new" in stderr
    assert (tmp_path / "data" / "newsdesk.db").is_file() == db_url.startswith("sqlite")  # PostgreSQL: no file
