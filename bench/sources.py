"""Sources benchmark: the guarded fetcher and the guarded feed parser against their bare libraries.

Runs both sides in this process on the same local server (127.0.0.1) and
prints items/s, the ratio newsdesk/bare and peak memory (tracemalloc), so the
cost of the safety (SSRF check per connection, robots.txt, capped decoding,
entity pre-parse) is visible, and what the cap saves on a gzip bomb.

    .venv/bin/python bench/sources.py [--pages 300] [--items 500]
"""

from __future__ import annotations

import argparse
import sys
import time
import tracemalloc
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import feedparser  # noqa: E402
import httpx  # noqa: E402

from newsdesk.config import FetchConfig  # noqa: E402
from newsdesk.sources import Fetcher, FetchError, parse_feed  # noqa: E402
from tests.httpserver import LocalServer  # noqa: E402

MB = 1024 * 1024


def measure(run: Callable[[], int]) -> tuple[float, float, int]:
    """(items/s, peak MB, items) of one run."""
    tracemalloc.start()
    start = time.perf_counter()
    items = run()
    elapsed = time.perf_counter() - start
    peak = tracemalloc.get_traced_memory()[1] / MB
    tracemalloc.stop()
    return items / elapsed if elapsed else float("inf"), peak, items


def rss(items: int) -> bytes:
    entries = "".join(
        f"<item><title>Story {i}</title><link>https://n.example/{i}</link>"
        f"<pubDate>Sun, 11 May 2025 08:{i % 60:02d}:00 GMT</pubDate><description>Summary {i} " + "word " * 40 +
        "</description></item>" for i in range(items)
    )
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>Bench</title>{entries}</channel></rss>'.encode()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pages", type=int, default=300)
    parser.add_argument("--items", type=int, default=500)
    args = parser.parse_args()
    config = FetchConfig(per_host_delay_s=0.0, allow_private=["127.0.0.1"], timeout_s=10)
    page = b"<html><body>" + b"<p>" + b"lorem ipsum " * 4000 + b"</p></body></html>"  # ~48 KB
    rows = []
    with LocalServer() as srv:
        urls = [srv.add(f"/p{i}.html", page) for i in range(args.pages)]

        def ours() -> int:
            with Fetcher(config) as fetcher:
                return sum(1 for u in urls if fetcher.fetch(u).content)

        def bare() -> int:
            with httpx.Client() as client:
                return sum(1 for u in urls if client.get(u).content)

        rows.append(("fetch 48 KB pages", measure(ours), measure(bare), "httpx.Client"))

        bomb = srv.add_gzip_bomb("/bomb", decompressed_size=200 * MB)

        def ours_bomb() -> int:
            with Fetcher(config) as fetcher:
                try:
                    fetcher.fetch(bomb)
                except FetchError:
                    return 1
            return 0

        def bare_bomb() -> int:
            with httpx.Client() as client:
                return 1 if client.get(bomb).content else 0

        rows.append(("gzip bomb (200 MB inflated)", measure(ours_bomb), measure(bare_bomb), "httpx.get"))

    feed = rss(args.items)
    rows.append((
        f"parse RSS ({args.items} items)",
        measure(lambda: len(parse_feed(feed, "bench.xml").entries)),
        measure(lambda: len(feedparser.parse(feed).entries)),
        "feedparser",
    ))

    print(f"{'task':30} {'newsdesk/s':>11} {'peak MB':>8} {'bare/s':>9} {'peak MB':>8} {'ratio':>6}  bare side")
    for task, (ours_rate, ours_mb, _), (bare_rate, bare_mb, _), name in rows:
        print(f"{task:30} {ours_rate:11.1f} {ours_mb:8.1f} {bare_rate:9.1f} {bare_mb:8.1f} {ours_rate / bare_rate:6.2f}  {name}")


if __name__ == "__main__":
    main()
