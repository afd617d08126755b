"""Server CPU time per request (ms) of each page kind, on the response cache's miss and hit
paths: the number that decides how many requests/s two shared cores can serve, and one that
a busy machine does not distort the way it distorts latency.

One `newsdesk serve` process (workers=1, the same environment as bench/web.py) on the bench
store; a sequential keep-alive client asks each kind's distinct URLs once (misses: every page
built), then again `--repeat` times (hits), reading the server's utime+stime from /proc
before and after each pass. The client's own CPU is not counted.

    .venv/bin/python bench/web_cpu.py --store /tmp/newsdesk-bench-web/store-100000-m7.db
    .venv/bin/python bench/web_cpu.py --store ... --only search --no-cache   # miss path only
"""

from __future__ import annotations

import argparse
import http.client
import os
import random
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT))

from web import cached_store, start_server, stop_server, targets  # noqa: E402

TICK = os.sysconf("SC_CLK_TCK")


def cpu_s(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICK


def run(conn: http.client.HTTPConnection, urls: list[str], headers: dict[str, str]) -> tuple[int, dict[str, int]]:
    statuses: dict[str, int] = {}
    for url in urls:
        conn.request("GET", url, headers=headers)
        response = conn.getresponse()
        response.read()
        key = f"{response.status} {response.getheader('x-newsdesk-cache') or '-'}"
        statuses[key] = statuses.get(key, 0) + 1
    return len(urls), statuses


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--store", default="")
    parser.add_argument("--distinct", type=int, default=200, help="distinct URLs per kind (the miss pass)")
    parser.add_argument("--repeat", type=int, default=10, help="hit passes over the same URLs")
    parser.add_argument("--only", default="")
    parser.add_argument("--no-cache", action="store_true")
    args = parser.parse_args()
    db = Path(args.store) if args.store else cached_store(args.articles)
    urls = targets(db, random.Random(11), n=args.distinct)
    if args.only:
        urls = {k: v for k, v in urls.items() if any(o.strip() in k for o in args.only.split(","))}
    from tests.cli.helpers import free_port

    port = free_port()
    with tempfile.TemporaryDirectory() as folder:
        server = start_server(db, Path(folder), port, 1, not args.no_cache)
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
            run(conn, ["/static/style.css", "/", "/stories/1", "/articles/1", "/api/search?q=x"], {})  # imports, templates
            print(f"{'kind':<24} {'pass':<5} {'requests':>8} {'CPU ms/req':>10}  statuses")
            for kind, kind_urls in urls.items():
                distinct = list(dict.fromkeys(kind_urls))
                before = cpu_s(server.pid)
                n, statuses = run(conn, distinct, {})
                print(f"{kind:<24} {'first':<5} {n:>8} {(cpu_s(server.pid) - before) * 1000 / n:>10.3f}  {statuses}")
                before = cpu_s(server.pid)
                n, statuses = run(conn, distinct * args.repeat, {})
                print(f"{kind:<24} {'again':<5} {n:>8} {(cpu_s(server.pid) - before) * 1000 / n:>10.3f}  {statuses}")
        finally:
            stop_server(server)


if __name__ == "__main__":
    main()
