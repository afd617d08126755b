"""End-to-end ingest benchmark: newsdesk (sources -> extract -> enrich -> stories ->
SQLite) against bare trafilatura extraction over the same pages, in one run.

The shared extraction corpus (.html.gz pages of ScrapingHub and WCXB) is
decompressed to a temporary folder; each side runs in its own child process so
peak memory (ru_maxrss) is its own. newsdesk's time includes loading spaCy and
writing the store; trafilatura only extracts (no storage, no NLP): the ratio says
what the whole pipeline costs relative to extraction alone. newsdesk extracts and
enriches large batches in a pool of worker processes (pipeline.workers, one per
core): "peak MB" is the driver's, "worker MB" the largest worker's (ru_maxrss of
children). "CPU s" adds the children's CPU time: articles per CPU second do not
depend on what else a shared machine runs, unlike articles per wall second.

    .venv/bin/python bench/ingest.py [--limit N] [--sets scrapinghub,wcxb] [--model-chars N] [--profile fast]

--profile fast: the newsdesk runs twice, with the default [enrich] profile and with
`profile = "fast"` (newsdesk/enrich/profiles.py), one row each in the same run; the
fast run's one-off making of its int8 MiniLM is done before its clock starts.
The load average at the start and the end is printed: on a shared machine compare CPU ms.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXTRACTION = ROOT / ".." / "shared" / "bench" / "extraction"
SETS = {"scrapinghub": EXTRACTION / "scrapinghub" / "html", "wcxb": EXTRACTION / "wcxb-dev-articles" / "html"}


def prepare(sets: list[str], limit: int | None, folder: Path) -> int:
    """Decompress the first `limit` pages (sorted, across the sets) into folder."""
    pages = sorted(p for name in sets for p in SETS[name].glob("*.html.gz"))
    if limit:
        pages = pages[:limit]
    for page in pages:
        (folder / page.name.removesuffix(".gz")).write_bytes(gzip.decompress(page.read_bytes()))
    return len(pages)


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def children_peak_mb() -> float:
    """The largest worker process's peak (ru_maxrss of waited-for children: the pool's)."""
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def cpu_seconds() -> float:
    """CPU time of this process and of its finished children (the worker pool): what the run
    costs whatever else the machine is doing, unlike wall time on a shared machine."""
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def own_cpu_seconds() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    return own.ru_utime + own.ru_stime


def child_trafilatura(folder: Path) -> dict:
    import trafilatura

    start = time.perf_counter()
    got = 0
    for page in sorted(folder.glob("*.html")):
        if trafilatura.extract(page.read_bytes()):
            got += 1
    return {"seconds": time.perf_counter() - start, "articles": got, "peak_mb": peak_mb(), "cpu": cpu_seconds(),
            "workers_mb": 0.0}


def child_newsdesk(folder: Path, work: Path, workers: int, model_chars: int = 0, profile: str = "quality") -> dict:
    sys.path.insert(0, str(ROOT))
    from newsdesk.config import Config
    from newsdesk.pipeline import ingest
    from newsdesk.store import open_store

    start = time.perf_counter()
    config = Config(data_dir=str(work))
    config.pipeline.workers = workers
    config.enrich.profile = profile
    if model_chars:
        config.enrich.model_chars = model_chars
    store = open_store(config)
    report = ingest([str(folder)], store, config)
    articles = store.count_articles()
    store.close()
    return {"seconds": time.perf_counter() - start, "articles": articles, "report": str(report),
            "failures": [f.error for f in report.failures][:5], "peak_mb": peak_mb(), "stages": report.seconds,
            "cpu": cpu_seconds(), "driver_cpu": own_cpu_seconds(), "workers_mb": children_peak_mb()}


def prepare_profile(work: Path) -> None:
    """The fast profile's one-off (its int8 MiniLM made into the data dir), in a process of its
    own: neither the run's clock nor its CPU or memory counts it."""
    sys.path.insert(0, str(ROOT))
    from newsdesk.config import Config
    from newsdesk.pipeline.process import prepare_models

    config = Config(data_dir=str(work))
    config.enrich.profile = "fast"
    prepare_models(config)


def run_child(kind: str, folder: Path, work: Path, workers: int = 1, model_chars: int = 0, profile: str = "quality") -> dict:
    if kind == "newsdesk" and profile != "quality":
        subprocess.run([sys.executable, __file__, "--child", "prepare", "--work", str(work)], check=True)
    out = subprocess.run(
        [sys.executable, __file__, "--child", kind, "--folder", str(folder), "--work", str(work), "--workers", str(workers),
         "--model-chars", str(model_chars), "--profile", profile],
        capture_output=True, text=True, check=False,
    )
    if out.returncode != 0:
        raise SystemExit(f"{kind} run failed:\n{out.stderr[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--limit", type=int, default=None, help="only the first N pages")
    parser.add_argument("--sets", default="scrapinghub,wcxb")
    parser.add_argument("--workers", type=int, default=2, help="worker processes of the parallel run")
    parser.add_argument("--no-serial", action="store_true", help="skip the one-process newsdesk run")
    parser.add_argument("--model-chars", type=int, default=0,
                        help="[enrich] model_chars of the newsdesk runs (0: the default, 8000)")
    parser.add_argument("--profile", default="quality", choices=["quality", "fast"],
                        help="fast: also run newsdesk with [enrich] profile = \"fast\" (both rows in this run)")
    parser.add_argument("--child", choices=["trafilatura", "newsdesk", "prepare"], help=argparse.SUPPRESS)
    parser.add_argument("--folder", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--work", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child == "trafilatura":
        print(json.dumps(child_trafilatura(args.folder)))
        return
    if args.child == "prepare":
        prepare_profile(args.work)
        return
    if args.child == "newsdesk":
        print(json.dumps(child_newsdesk(args.folder, args.work, args.workers, args.model_chars, args.profile)))
        return

    sets = [s.strip() for s in args.sets.split(",") if s.strip()]
    missing = [str(SETS[s]) for s in sets if not SETS[s].exists()]
    if missing:
        raise SystemExit(f"shared data not present: {', '.join(missing)}")
    rows: dict[str, dict] = {}
    load_start = os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="newsdesk-bench-") as tmp:
        folder = Path(tmp) / "pages"
        folder.mkdir()
        pages = prepare(sets, args.limit, folder)
        rows["trafilatura.extract alone (1 core)"] = bare = run_child("trafilatura", folder, Path(tmp) / "t")
        if not args.no_serial:
            rows["newsdesk ingest, 1 process"] = run_child("newsdesk", folder, Path(tmp) / "serial", 1, args.model_chars)
        rows[f"newsdesk ingest, {args.workers} workers"] = run_child("newsdesk", folder, Path(tmp) / "pool", args.workers,
                                                                     args.model_chars)
        if args.profile != "quality":
            if not args.no_serial:
                rows[f"newsdesk {args.profile}, 1 process"] = run_child("newsdesk", folder, Path(tmp) / "serial-fast", 1,
                                                                        args.model_chars, args.profile)
            rows[f"newsdesk {args.profile}, {args.workers} workers"] = run_child(
                "newsdesk", folder, Path(tmp) / "pool-fast", args.workers, args.model_chars, args.profile)
    load_end = os.getloadavg()
    chars = f"; NER reads {args.model_chars} characters" if args.model_chars else ""
    print(f"end-to-end ingest of {pages} pages ({', '.join(sets)}); newsdesk = all stages + SQLite{chars}\n")
    print(f"{'run':<36} {'articles':>8} {'seconds':>8} {'articles/s':>10} {'x trafil.':>9} {'CPU s':>7} {'art/CPU s':>9}"
          f" {'peak MB':>8} {'worker MB':>9}")
    bare_rate = bare["articles"] / bare["seconds"] if bare["seconds"] else 0.0
    for name, row in rows.items():
        rate = row["articles"] / row["seconds"] if row["seconds"] else 0.0
        per_cpu = row["articles"] / row["cpu"] if row["cpu"] else 0.0
        ratio = rate / bare_rate if bare_rate else 0.0
        print(f"{name:<36} {row['articles']:>8} {row['seconds']:>8.1f} {rate:>10.1f} {ratio:>9.2f} {row['cpu']:>7.1f}"
              f" {per_cpu:>9.1f} {row['peak_mb']:>8.0f} {row['workers_mb']:>9.0f}")
    print(f"\nload average (1, 5, 15 min): start {' '.join(f'{x:.2f}' for x in load_start)}, "
          f"end {' '.join(f'{x:.2f}' for x in load_end)} ({os.cpu_count()} cores)")
    for name, row in rows.items():
        if "report" not in row:
            continue
        stages = ", ".join(f"{stage} {spent:.1f}s" for stage, spent in row.get("stages", {}).items())
        print(f"\n{name}: {row['report']}\n  time by stage (the rest is start-up and reading inputs): {stages}")
        print(f"  CPU: driver {row['driver_cpu']:.1f}s (read, store, stories), workers {row['cpu'] - row['driver_cpu']:.1f}s"
              " (extract, enrich, vectors; with their model loads)")
        if row["articles"] and row["cpu"]:
            per = 1000 * row["cpu"] / row["articles"]
            driver = 1000 * row["driver_cpu"] / row["articles"]
            # CPU seconds do not depend on what else a shared machine runs; wall time does
            print(f"  CPU per article: {per:.0f} ms (driver {driver:.0f}, workers {per - driver:.0f}); at that cost two"
                  f" cores of its own would give at most {2000 / per:.1f} articles/s (all cores busy, no waiting)")
        for line in row["failures"]:
            print(f"  failure: {line}")


if __name__ == "__main__":
    main()
