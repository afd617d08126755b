"""A real uvicorn on 127.0.0.1 over a real store, and Debian's chromium driven by Playwright.

Never `playwright install`: the browser is the distribution's (`make test` installs it
when apt-get can). Without it the browser tests skip with the reason.
"""

from __future__ import annotations

import shutil
import threading
import time
from pathlib import Path
from typing import Iterator

import httpx
import pytest

from tests.cli.helpers import free_port

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]


def chromium_path() -> str:
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    pytest.skip("Debian's chromium is not installed (make test installs it with apt-get when it can)")


class LiveServer:
    """uvicorn serving the real app in a thread, stopped when the block ends."""

    def __init__(self, app: object) -> None:
        import uvicorn

        self.port = free_port()
        self.server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning",
                                                    lifespan="on"))
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> "LiveServer":
        self.thread.start()
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            try:
                httpx.get(self.base + "/static/style.css", timeout=1.0)
                return self
            except httpx.TransportError:
                time.sleep(0.05)
        raise AssertionError(f"uvicorn did not start on {self.base}")

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


def browser_session() -> Iterator[object]:
    """One chromium for the module (fast); each test opens its own context."""
    path = chromium_path()
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright (test extra) is not installed")
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=path, args=CHROMIUM_ARGS, headless=True)
        try:
            yield browser
        finally:
            browser.close()


def only_loopback(context: object) -> None:
    """Nothing leaves the machine: requests to any other host are aborted."""
    def route(route: object) -> None:
        url = route.request.url  # type: ignore[attr-defined]
        if url.startswith("http://127.0.0.1:"):
            route.continue_()  # type: ignore[attr-defined]
        else:
            route.abort()  # type: ignore[attr-defined]

    context.route("**/*", route)  # type: ignore[attr-defined]


def screenshot(page: object, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)  # type: ignore[attr-defined]
    return path
