"""Web load benchmark: p50/p95/p99 latency and requests/s of the front, story and article
pages and the search API at 10, 50 and 100 concurrent clients, on a store of >= 100k articles.

The server is `newsdesk serve` in a child process on 127.0.0.1 with `--workers` processes
(`[web] workers`, given as NEWSDESK_WEB__WORKERS; 0 = one per core) and its response cache
(`--no-cache` turns it off to measure the miss path). The load generator is Debian's `wrk`
(apt-get install wrk; a Lua script cycles through each kind's URLs, many distinct story and
article ids, so the per-process caches also miss), else an asyncio + httpx client in this
process (bounded by a request count and a time limit per cell). The reference measured in
the same run is the same server answering a static file (/static/style.css): the floor of the
framework and the client, so "ratio" says what each page costs above it. The server's CPU
time and the load average are printed with the table: the client shares the CPUs.

The store (synthetic articles from the shared corpus, bench/web_data.py) is built once and
cached under the temp folder; later runs reuse it.

    .venv/bin/python bench/web.py                       # 100k articles, 10/50/100 clients
    .venv/bin/python bench/web.py --articles 5000 --requests 300 --clients 10   # a quick look
    .venv/bin/python bench/web.py --client python --no-cache --only story       # the miss path
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
GOALS_MS = {"search API": 100.0}  # p95 at 100 clients; pages: 50 ms
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


def server_processes(pid: int) -> list[int]:
    """The server and its uvicorn workers (children)."""
    children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    return [pid, *(int(c) for c in children)]


def start_server(db: Path, folder: Path, port: int, workers: int, cache: bool) -> subprocess.Popen:
    """`newsdesk serve` configured by environment only (no config file in its folder)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSDESK_")}
    env |= {"NEWSDESK_DATA_DIR": str(folder), "NEWSDESK_DATABASE_URL": f"sqlite:///{db}",
            "NEWSDESK_WEB__WORKERS": str(workers), "NEWSDESK_WEB__ACCESS_LOG": "false"}
    if not cache:
        env["NEWSDESK_WEB__CACHE_MB"] = "0"
    log = (folder / "server.log").open("w")
    process = subprocess.Popen([str(Path(sys.executable).parent / "newsdesk"), "serve", "--host", "127.0.0.1",
                                "--port", str(port)], cwd=folder, env=env, stdout=log, stderr=log)
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"server exited: {(folder / 'server.log').read_text()[-2000:]}")
        try:
            httpx.get(f"http://127.0.0.1:{port}/static/style.css", timeout=1.0)
            if len(server_processes(process.pid)) - 1 >= (workers if workers > 1 else 0):
                return process
        except httpx.TransportError:
            pass
        time.sleep(0.3)
    raise SystemExit("server did not start within 180 s")


def server_cpu_s(pid: int) -> float:
    """utime + stime of the server and its live workers so far (/proc), in seconds."""
    total = 0
    for each in server_processes(pid):
        try:
            fields = Path(f"/proc/{each}/stat").read_text().rsplit(")", 1)[1].split()
        except FileNotFoundError:
            continue
        total += int(fields[11]) + int(fields[12])
    return total / os.sysconf("SC_CLK_TCK")


def stop_server(process: subprocess.Popen) -> float:
    """Stop it; the CPU seconds it and its (reaped) workers used, from wait4's rusage."""
    process.terminate()
    killer = threading.Timer(30.0, process.kill)
    killer.start()
    _, status, usage = os.wait4(process.pid, 0)
    killer.cancel()
    process.returncode = os.waitstatus_to_exitcode(status)
    return usage.ru_utime + usage.ru_stime


def measure(base: str, urls: list[str], clients: int, args: argparse.Namespace) -> tuple:
    """(requests, errors, p50, p95, p99, req/s) with wrk or the Python client."""
    if args.client == "wrk":
        from wrk_load import run_wrk

        for _ in range(4):  # each worker's first request compiles templates and imports lazily: not measured
            httpx.get(base + urls[0], timeout=60.0)

        return run_wrk(base, urls, clients, args.seconds)
    lat, wall, errors = asyncio.run(load(base, urls, clients, args.requests, args.seconds))
    return len(lat), errors, pct(lat, 0.5), pct(lat, 0.95), pct(lat, 0.99), len(lat) / wall if wall else 0.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--store", default="", help="an existing bench store file instead of the cached one")
    parser.add_argument("--clients", default="10,50,100")
    parser.add_argument("--requests", type=int, default=2000, help="requests per cell, Python client")
    parser.add_argument("--seconds", type=float, default=10.0, help="duration (wrk) or time limit (Python) per cell")
    parser.add_argument("--only", default="", help="comma-separated page kinds to run (default all)")
    parser.add_argument("--workers", type=int, default=0, help="server processes (0 = one per core)")
    parser.add_argument("--no-cache", action="store_true", help="turn the response cache off (the miss path)")
    parser.add_argument("--client", choices=["wrk", "python"], default="wrk" if shutil.which("wrk") else "python")
    args = parser.parse_args()
    if args.client == "python":
        print("note: no wrk here (apt-get install wrk): the Python client saturates near 500 requests/s, "
              "so its latencies measure the client more than the server", file=sys.stderr)
    db = Path(args.store) if args.store else cached_store(args.articles)
    if args.store:
        args.articles = sqlite3.connect(db).execute("SELECT COUNT(*) FROM articles").fetchone()[0]
    rng = random.Random(11)
    urls = targets(db, rng)
    if args.only:
        urls = {k: v for k, v in urls.items() if any(o.strip() in k for o in args.only.split(","))}
    from tests.cli.helpers import free_port  # noqa: E402 - the same free-port helper the tests use

    port = free_port()
    workers = args.workers if args.workers > 0 else os.cpu_count() or 1
    rows, loads = [], []
    with tempfile.TemporaryDirectory() as folder:
        server = start_server(db, Path(folder), port, workers, not args.no_cache)
        base = f"http://127.0.0.1:{port}"
        try:
            for clients in [int(c) for c in args.clients.split(",")]:
                for kind, kind_urls in urls.items():
                    cpu_before = server_cpu_s(server.pid)
                    cell = measure(base, kind_urls, clients, args)
                    cpu_ms = (server_cpu_s(server.pid) - cpu_before) * 1000 / max(cell[0], 1)
                    rows.append((kind, clients, *cell, cpu_ms))
                    loads.append(os.getloadavg()[0])
                    print(f"  {kind:<24} {clients:>3} clients: p95 {rows[-1][5]:.1f} ms, load {loads[-1]:.2f}",
                          file=sys.stderr)
            memory = max(peak_mb(pid) for pid in server_processes(server.pid))
        finally:
            cpu = stop_server(server)
    client = "wrk" if args.client == "wrk" else "Python asyncio+httpx"
    setup = f"{workers} worker{'s' if workers > 1 else ''}, response cache {'off' if args.no_cache else 'on'}"
    report(rows, args.articles, memory, f"client: {client} on the same machine; server: {setup}")
    print(f"server CPU time {cpu:.1f} s; load average (1 min) after each cell: "
          f"min {min(loads):.2f}, max {max(loads):.2f}; now {' '.join(f'{v:.2f}' for v in os.getloadavg())}")


def report(rows: list[tuple], articles: int, memory: float, setup: str) -> None:
    reference = {r[1]: r[5] for r in rows if r[0].startswith("static")}
    print(f"\nnewsdesk web on {articles} articles, {os.cpu_count()} CPUs, {setup}")
    print(f"{'page':<24} {'clients':>7} {'requests':>8} {'errors':>6} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} "
          f"{'req/s':>8} {'p95/static':>10} {'goal p95':>9} {'srv CPU ms/req':>14}")
    for kind, clients, n, errors, p50, p95, p99, rps, cpu_ms in rows:
        goal = "" if kind.startswith("static") else ("<100" if kind in GOALS_MS else "<50")
        ratio = p95 / reference[clients] if reference.get(clients) else float("nan")
        print(f"{kind:<24} {clients:>7} {n:>8} {errors:>6} {p50:>8.1f} {p95:>8.1f} {p99:>8.1f} {rps:>8.0f} "
              f"{ratio:>10.1f} {goal:>9} {cpu_ms:>14.3f}")
    print(f"server peak memory (VmHWM, largest process): {memory:.0f} MB")
    print("p95 at 100 clients includes queueing: the client and the server share the CPUs.")
    print("srv CPU ms/req: the server processes' CPU time during the cell (/proc, 10 ms ticks) per request")


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main()
