"""Backfill benchmark: `--engine local` against `--engine dask` (2 workers) on the same WARC.gz,
with trafilatura alone over the same pages in the same run for scale.

The WARC is built in a temporary folder from the shared extraction pages (never copied into
the repository). Each run is a child process with its own fresh store; its time includes
starting the workers (process pool or LocalCluster of worker processes), loading the models
in each worker, storing, and assigning stories afterwards.

CPU s: the driver's CPU time plus its finished children's (the workers), which does not depend
on what else a shared machine runs. Peak memory: the driver's is its own ru_maxrss; the workers' is sampled every 0.2 s with
psutil over every descendant process of the driver (pool workers, or Dask nannies + workers):
"workers peak" is the largest sum seen, "largest worker" the largest single process.

    .venv/bin/python bench/backfill.py [--limit N] [--workers 2]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import threading
import time
from io import BytesIO
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from ingest import SETS, child_trafilatura, cpu_seconds, peak_mb, prepare  # noqa: E402 - the sibling bench script

ROOT = Path(__file__).resolve().parents[1]


def build_warc(pages: Path, out: Path) -> int:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    count = 0
    with open(out, "wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        for page in sorted(pages.glob("*.html")):
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
            uri = f"https://bench.example/{page.stem}"
            writer.write_record(writer.create_warc_record(
                uri, "response", payload=BytesIO(page.read_bytes()), http_headers=headers,
                warc_headers_dict={"WARC-Date": "2025-05-11T08:15:00Z"}))
            count += 1
    return count


class ChildMemory:
    """Peak RSS of this process's descendants, sampled in a thread."""

    def __init__(self) -> None:
        import psutil

        self.me = psutil.Process()
        self.peak_sum = self.peak_one = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self) -> None:
        import psutil

        while not self._stop.wait(0.2):
            sizes = []
            for child in self.me.children(recursive=True):
                try:
                    sizes.append(child.memory_info().rss / 2**20)
                except psutil.Error:
                    continue
            self.peak_sum = max(self.peak_sum, sum(sizes))
            self.peak_one = max(self.peak_one, max(sizes, default=0.0))

    def __enter__(self) -> "ChildMemory":
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def child_backfill(engine: str, warc: Path, work: Path, workers: int) -> dict:
    sys.path.insert(0, str(ROOT))
    from newsdesk.config import Config
    from newsdesk.pipeline.backfill import backfill
    from newsdesk.store import open_store

    config = Config(data_dir=str(work))
    store = open_store(config.db_url)
    start = time.perf_counter()
    with ChildMemory() as memory:
        report = backfill([str(warc)], store, config, engine=engine, workers=workers)
    seconds = time.perf_counter() - start
    articles = store.count_articles()
    store.close()
    return {"seconds": seconds, "articles": articles, "report": str(report), "peak_mb": peak_mb(),
            "workers_mb": memory.peak_sum, "worker_mb": memory.peak_one, "stages": report.seconds, "cpu": cpu_seconds(),
            "failures": [f.error for f in report.failures][:5]}


def run_child(args: list[str]) -> dict:
    out = subprocess.run([sys.executable, __file__, *args], capture_output=True, text=True, check=False)
    if out.returncode != 0:
        raise SystemExit(f"{args[1]} run failed:\n{out.stderr[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--limit", type=int, default=None, help="only the first N pages")
    parser.add_argument("--sets", default="scrapinghub,wcxb")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--input", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--work", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child == "trafilatura":
        print(json.dumps(child_trafilatura(args.input)))
        return
    if args.child:
        print(json.dumps(child_backfill(args.child, args.input, args.work, args.workers)))
        return

    sets = [s.strip() for s in args.sets.split(",") if s.strip()]
    missing = [str(SETS[s]) for s in sets if not SETS[s].exists()]
    if missing:
        raise SystemExit(f"shared data not present: {', '.join(missing)}")
    with tempfile.TemporaryDirectory(prefix="newsdesk-backfill-") as tmp:
        pages, warc = Path(tmp) / "pages", Path(tmp) / "bench.warc.gz"
        pages.mkdir()
        count = prepare(sets, args.limit, pages)
        build_warc(pages, warc)
        rows = {}
        for engine in ("local", "dask"):
            rows[engine] = run_child(["--child", engine, "--input", str(warc), "--work", str(Path(tmp) / engine),
                                      "--workers", str(args.workers)])
        rows["trafilatura"] = run_child(["--child", "trafilatura", "--input", str(pages)])
    print(f"backfill of a WARC.gz of {count} pages ({', '.join(sets)}), {args.workers} workers\n")
    print(f"{'run':<38} {'articles':>8} {'seconds':>8} {'articles/s':>10} {'CPU s':>7} {'art/CPU s':>9} {'driver MB':>9}"
          f" {'workers MB':>10} {'largest worker MB':>17}")
    names = {"local": "backfill --engine local (pool)", "dask": "backfill --engine dask (LocalCluster)",
             "trafilatura": "trafilatura.extract alone (1 core)"}
    bare = rows["trafilatura"]["articles"] / rows["trafilatura"]["seconds"]
    for key, row in rows.items():
        rate = row["articles"] / row["seconds"] if row["seconds"] else 0.0
        per_cpu = row["articles"] / row["cpu"] if row["cpu"] else 0.0
        workers = f"{row['workers_mb']:>10.0f} {row['worker_mb']:>17.0f}" if "worker_mb" in row else f"{'-':>10} {'-':>17}"
        print(f"{names[key]:<38} {row['articles']:>8} {row['seconds']:>8.1f} {rate:>10.1f} {row['cpu']:>7.1f} {per_cpu:>9.1f}"
              f" {row['peak_mb']:>9.0f} {workers}")
    for key in ("local", "dask"):
        row = rows[key]
        rate = row["articles"] / row["seconds"] if row["seconds"] else 0.0
        stages = ", ".join(f"{name} {spent:.1f}s" for name, spent in row["stages"].items())
        print(f"\n{key}: {rate / bare:.2f} x trafilatura alone; {row['report']}; driver time: {stages}")
        for line in row["failures"]:
            print(f"  failure: {line}")


if __name__ == "__main__":
    main()
