"""Run the real `newsdesk` entry point in a clean folder, and the small pages the CLI tests write."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import httpx

NEWSDESK = Path(sys.executable).with_name("newsdesk")


def run_newsdesk(*args: str, cwd: Path, env: dict[str, str] | None = None, timeout: float = 180) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("NEWSDESK_")}
    clean.update(env or {})
    return subprocess.run(
        [str(NEWSDESK), *args], cwd=cwd, env=clean, capture_output=True, text=True, timeout=timeout
    )


def backend_env(db_url: str, **env: str) -> dict[str, str]:
    """The environment that points the command at db_url: nothing for SQLite (the default file under
    ./data), NEWSDESK_DATABASE_URL for PostgreSQL."""
    return env if db_url.startswith("sqlite") else {**env, "NEWSDESK_DATABASE_URL": db_url}


def command_db_url(folder: Path, db_url: str) -> str:
    """The database a command run in `folder` with backend_env(db_url) uses."""
    return f"sqlite:///{folder / 'data' / 'newsdesk.db'}" if db_url.startswith("sqlite") else db_url


def json_lines(stdout: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in stdout.splitlines() if line.strip()]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_up(url: str, process: subprocess.Popen, timeout: float = 60.0) -> None:
    """Wait for a child server to answer; generous, since a loaded 2-core machine starts it slowly."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"server exited with {process.returncode}: {process.stderr.read()}")
        try:
            httpx.get(url, timeout=1.0)
            return
        except httpx.TransportError:
            time.sleep(0.1)
    raise AssertionError(f"{url} did not answer within {timeout}s")


def page(title: str, place: str, person: str, day: int, thing: str = "bridge") -> str:
    """A small article page; `thing` changes every paragraph so two pages are not copies."""
    paragraphs = [
        f"Officials in {place} said on Tuesday that the new {thing} would open to the public next month.",
        f'"The {thing} changes daily life for thousands of families," said {person}, the mayor of {place}.',
        f"Engineers in {place} finished the final inspection of the {thing} after three years of work.",
    ]
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f"<!doctype html><html><head><title>{title}</title>"
        f'<meta property="og:site_name" content="Riverside Gazette">'
        f'<meta property="article:published_time" content="2025-05-{day:02d}T08:00:00Z"></head>'
        f"<body><article><h1>{title}</h1>{body}</article></body></html>"
    )
