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


def test_serve_with_two_workers_shares_the_config_file_not_its_secrets(tmp_path: Path) -> None:
    port = free_port()
    secret = "s3cret-only-in-the-file"
    (tmp_path / "desk.toml").write_text(f'[web]\nworkers = 2\nsecret_key = "{secret}"\n', encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSDESK_")}
    process = subprocess.Popen(
        [str(NEWSDESK), "--config", "desk.toml", "serve", "--host", "127.0.0.1", "--port", str(port)],
        cwd=tmp_path, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(base + "/api/articles", process, timeout=120.0)  # two processes import the app
        children = Path(f"/proc/{process.pid}/task/{process.pid}/children").read_text().split()
        workers = [pid for pid in children if b"spawn_main" in Path(f"/proc/{pid}/cmdline").read_bytes()]
        assert len(workers) == 2
        for pid in workers:
            environ = Path(f"/proc/{pid}/environ").read_bytes()
            assert secret.encode() not in environ  # only the file's path travels
            assert f"NEWSDESK_CONFIG={tmp_path / 'desk.toml'}".encode() in environ
        # a form token issued by one worker is accepted by whichever worker gets the post
        with httpx.Client(base_url=base) as browser:
            token = browser.get("/login").text.split('name="csrf_token" value="', 1)[1].split('"', 1)[0]
            cookies = dict(browser.cookies)
        for _ in range(8):  # a new connection each time: the kernel spreads them over the workers
            answer = httpx.post(base + "/login", data={"username": "nobody", "password": "x", "csrf_token": token},
                                cookies=cookies)
            assert answer.status_code != 403, answer.text
    finally:
        process.terminate()
        process.wait(timeout=20)
