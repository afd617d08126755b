"""Web load benchmark: p50/p95/p99 latency and requests/s of the front, story and article
pages and the search API at 10, 50 and 100 concurrent clients, on a store of >= 100k articles.

The server is `uvicorn` serving newsdesk's app in a child process on 127.0.0.1; the load
generator is Debian's `wrk` when installed, else an asyncio + httpx client in this process
(bounded by a request count and a time limit per cell). The reference measured in the same
run is the same server answering a static file (/static/style.css): the floor of the
framework and the client, so "ratio" says what each page costs above it. Peak memory is the
server process's VmHWM.

The store (synthetic articles from the shared corpus, bench/web_data.py) is built once and
cached under the temp folder; later runs reuse it.

    .venv/bin/python bench/web.py                       # 100k articles, 10/50/100 clients
    .venv/bin/python bench/web.py --articles 5000 --requests 300 --clients 10   # a quick look
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
GOALS_MS = {"search API": 100.0}  # p95 at 100 clients; pages: 50 ms
SERVER = """
import sys, uvicorn
from newsdesk.config import Config
from newsdesk.web.app import create_app
config = Config(data_dir=sys.argv[1], database_url="sqlite:///" + sys.argv[2])
uvicorn.run(create_app(config), host="127.0.0.1", port=int(sys.argv[3]), log_level="warning", access_log=False)
"""
SEARCH_WORDS = ["police", "earthquake", "president", "fire", "killed", "Putin", "Istanbul", "court", "shooting",
                "election", "arrested", "storm", "talks", "minister", "troops", "company", "film", "award"]


def cached_store(articles: int) -> Path:
    from web_data import build_store

    folder = Path(tempfile.gettempdir()) / "newsdesk-bench-web"
    folder.mkdir(exist_ok=True)
    from newsdesk.store.db import migration_files

    schema = max(number for number, _, _ in migration_files())  # a newer schema builds a new file
    path = folder / f"store-{articles}-m{schema}.db"
    if not path.exists():
        print(f"building a store of {articles} articles at {path} (cached for later runs)", file=sys.stderr)
        partial = path.with_suffix(".partial.db")
        for stale in folder.glob(partial.name + "*"):
            stale.unlink()
        build_store(partial, articles)
        partial.rename(path)
    return path


def targets(db: Path, rng: random.Random, n: int = 400) -> dict[str, list[str]]:
    """URLs per page kind: stories with story data, random articles, search words."""
    conn = sqlite3.connect(db)
    stories = [r[0] for r in conn.execute("SELECT id FROM stories WHERE data != '{}' ORDER BY id DESC LIMIT 300")]
    top = conn.execute("SELECT MAX(id) FROM articles").fetchone()[0]
    conn.close()
    return {
        "front page": ["/"],
        "story page": [f"/stories/{rng.choice(stories)}" for _ in range(n)],
        "article page": [f"/articles/{rng.randint(1, top)}" for _ in range(n)],
        "search API": [f"/api/search?q={rng.choice(SEARCH_WORDS)}&limit=20" for _ in range(n)],
        "static file (reference)": ["/static/style.css"],
    }


async def load(base: str, urls: list[str], clients: int, requests: int, seconds: float) -> tuple[list[float], float, int]:
    """Latencies (s) of `requests` GETs by `clients` concurrent workers, wall time, errors."""
    latencies: list[float] = []
    errors = 0
    issued = 0
    deadline = time.perf_counter() + seconds
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)

    async def worker(client: httpx.AsyncClient, index: int) -> None:
        nonlocal issued, errors
        while issued < requests and time.perf_counter() < deadline:
            url = urls[(issued + index) % len(urls)]
            issued += 1
            started = time.perf_counter()
            try:
                response = await client.get(url)
                if response.status_code != 200:
                    errors += 1
            except httpx.HTTPError:
                errors += 1
                continue
            latencies.append(time.perf_counter() - started)

    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=60.0) as client:
        await client.get(urls[0])  # warm: connection, lazy imports, page cache
        started = time.perf_counter()
        await asyncio.gather(*(worker(client, i) for i in range(clients)))
        wall = time.perf_counter() - started
    return latencies, wall, errors


def pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000.0


def peak_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024.0
    return float("nan")


def start_server(db: Path, folder: Path, port: int) -> subprocess.Popen:
    process = subprocess.Popen([sys.executable, "-c", SERVER, str(folder), str(db), str(port)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"server exited: {process.stderr.read()[-2000:]}")
        try:
            httpx.get(f"http://127.0.0.1:{port}/static/style.css", timeout=1.0)
            return process
        except httpx.TransportError:
            time.sleep(0.2)
    raise SystemExit("server did not start within 60 s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--clients", default="10,50,100")
    parser.add_argument("--requests", type=int, default=2000, help="requests per cell (page kind x clients)")
    parser.add_argument("--seconds", type=float, default=30.0, help="time limit per cell")
    parser.add_argument("--only", default="", help="comma-separated page kinds to run (default all)")
    args = parser.parse_args()
    if shutil.which("wrk"):
        print("note: wrk is installed but this run uses the Python client for per-request percentiles", file=sys.stderr)
    db = cached_store(args.articles)
    rng = random.Random(11)
    urls = targets(db, rng)
    if args.only:
        urls = {k: v for k, v in urls.items() if any(o.strip() in k for o in args.only.split(","))}
    from tests.cli.helpers import free_port  # noqa: E402 - the same free-port helper the tests use

    port = free_port()
    with tempfile.TemporaryDirectory() as folder:
        server = start_server(db, Path(folder), port)
        base = f"http://127.0.0.1:{port}"
        rows = []
        try:
            for clients in [int(c) for c in args.clients.split(",")]:
                for kind, kind_urls in urls.items():
                    lat, wall, errors = asyncio.run(load(base, kind_urls, clients, args.requests, args.seconds))
                    rows.append((kind, clients, len(lat), errors, pct(lat, 0.5), pct(lat, 0.95), pct(lat, 0.99),
                                 len(lat) / wall if wall else 0.0))
                    print(f"  {kind:<24} {clients:>3} clients: p95 {rows[-1][5]:.1f} ms", file=sys.stderr)
            memory = peak_mb(server.pid)
        finally:
            server.terminate()
            server.wait(timeout=20)
    report(rows, args.articles, memory)


def report(rows: list[tuple], articles: int, memory: float) -> None:
    reference = {r[1]: r[5] for r in rows if r[0].startswith("static")}
    print(f"\nnewsdesk web on {articles} articles, {os.cpu_count()} CPUs, client: Python asyncio+httpx on the same machine")
    print(f"{'page':<24} {'clients':>7} {'requests':>8} {'errors':>6} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} "
          f"{'req/s':>8} {'p95/static':>10} {'goal p95':>9}")
    for kind, clients, n, errors, p50, p95, p99, rps in rows:
        goal = "" if kind.startswith("static") else ("<100" if kind in GOALS_MS else "<50")
        ratio = p95 / reference[clients] if reference.get(clients) else float("nan")
        print(f"{kind:<24} {clients:>7} {n:>8} {errors:>6} {p50:>8.1f} {p95:>8.1f} {p99:>8.1f} {rps:>8.0f} "
              f"{ratio:>10.1f} {goal:>9}")
    print(f"server peak memory (VmHWM): {memory:.0f} MB")
    print("p95 at 100 clients includes queueing: the client and the server share the CPUs.")


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main()
