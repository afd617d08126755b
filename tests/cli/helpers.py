"""Run the real `newsdesk` entry point in a clean folder."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

NEWSDESK = Path(sys.executable).with_name("newsdesk")


def run_newsdesk(*args: str, cwd: Path, env: dict[str, str] | None = None, timeout: float = 180) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("NEWSDESK_")}
    clean.update(env or {})
    return subprocess.run(
        [str(NEWSDESK), *args], cwd=cwd, env=clean, capture_output=True, text=True, timeout=timeout
    )


def json_lines(stdout: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in stdout.splitlines() if line.strip()]
