"""Identical-outputs check for speed work: a sha256 per bench page of what the worker path
gives (extract + enrich + story vector, `pipeline/work.py process_batch`), and with
--store a sha256 per store table after a real ingest of the same pages.

    .venv/bin/python bench/outputs.py [--limit N] [--profile fast|quality] [--store] [--save FILE] [--compare FILE]

Pages are the ingest bench's (bench/ingest.py: ScrapingHub + WCXB, sorted), decompressed to a
fixed folder so their paths (URIs) are the same in every run. A page's hash covers
Article.to_json(), its sentence offsets, the vector kind and the vector's float32 bytes
(exact: run on the same machine). Table hashes leave out the times of the run itself (any
ISO timestamp between the run's start and end becomes "<now>") and the ingest saves the
story engine state and story data only at close (not every STATE_EVERY_S / STORY_DATA_EVERY_S
of wall time), so two runs of the same code give the same hashes. --compare FILE prints each page or table whose hash differs from the
saved run and exits 1 when any does.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import re
import sqlite3
import sys
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from bench.ingest import SETS  # noqa: E402 - the ingest bench's pages

BATCH = 16  # pipeline/parallel.py BATCH: batches as the workers get them (same vectors)
ISO = re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[+-]\d{2}:\d{2}|Z)?")


def pages_folder(sets: list[str], limit: int | None, folder: Path) -> list[Path]:
    """The first `limit` pages (sorted across the sets) decompressed into `folder` (kept)."""
    pages = sorted(p for name in sets for p in SETS[name].glob("*.html.gz"))[:limit or None]
    folder.mkdir(parents=True, exist_ok=True)
    names = {page.name.removesuffix(".gz") for page in pages}
    for old in folder.glob("*.html"):
        if old.name not in names:
            old.unlink()
    out = []
    for page in pages:
        path = folder / page.name.removesuffix(".gz")
        data = gzip.decompress(page.read_bytes())
        if not path.exists() or path.read_bytes() != data:  # a run beside it may be reading them
            path.write_bytes(data)
        out.append(path)
    return out


def sha(value: Any) -> str:
    data = value if isinstance(value, bytes) else json.dumps(value, sort_keys=True, ensure_ascii=False, default=str).encode()
    return hashlib.sha256(data).hexdigest()


def page_hashes(paths: list[Path], profile: str, work: Path) -> dict[str, str]:
    """page name -> sha256 of its outcome (article JSON + sentences + vector, or its error)."""
    import numpy as np

    from newsdesk.config import Config
    from newsdesk.pipeline.process import prepare_models
    from newsdesk.pipeline.work import Task, process_batch, task_fields
    from newsdesk.sources.documents import article_document

    config = Config(data_dir=str(work))
    config.enrich.profile = profile
    prepare_models(config)
    fields = task_fields(config)
    out: dict[str, str] = {}
    for i in range(0, len(paths), BATCH):
        batch = paths[i:i + BATCH]
        tasks = [Task(k, article_document(str(p), p.read_bytes(), kind="html"), **fields) for k, p in enumerate(batch)]
        for path, outcome in zip(batch, process_batch(tasks)):
            art = outcome.article
            vector = b"" if outcome.vector is None else np.asarray(outcome.vector, dtype=np.float32).tobytes()
            body = {"error": outcome.error} if art is None else {
                "article": art.to_json(), "sentences": art.sentences, "kind": outcome.vector_kind}
            out[path.name] = sha(sha(body).encode() + vector)
    return out


def table_hashes(folder: Path, profile: str, work: Path, workers: int) -> dict[str, str]:
    """table -> sha256 of its rows (sorted) after ingesting `folder` into a fresh SQLite store."""
    from newsdesk.config import Config
    from newsdesk.pipeline import ingest, process
    from newsdesk.store import open_store

    # the timed saves fall at wall-clock moments (until 87d19dd a state save also aged out old
    # stories, so two runs' stories differed by when a save fell); at close both are done anyway
    process.STATE_EVERY_S = process.STORY_DATA_EVERY_S = float("inf")
    store_dir = work / "store"
    for old in store_dir.glob("*") if store_dir.exists() else []:
        if old.is_file():
            old.unlink()
    config = Config(data_dir=str(store_dir))
    config.pipeline.workers = workers
    config.enrich.profile = profile
    begin = datetime.now(timezone.utc) - timedelta(seconds=5)
    store = open_store(config)
    ingest([str(folder)], store, config)
    store.close()
    end = datetime.now(timezone.utc) + timedelta(seconds=5)
    db = sqlite3.connect(store_dir / "newsdesk.db")
    names = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'articles_fts_%'"
                                      " AND name NOT LIKE 'sqlite_%' ORDER BY name")]
    out = {}
    for name in names:
        rows = [[_mask(v, begin, end) for v in row] for row in db.execute(f'SELECT * FROM "{name}"')]
        out[f"table:{name}"] = sha(sorted(json.dumps(r, default=str) for r in rows))  # ids are in the rows
    db.close()
    return out


def _mask(value: Any, begin: datetime, end: datetime) -> Any:
    """The run's own clock readings (saved_at, first_seen, ... and inside JSON) become "<now>"."""
    if isinstance(value, bytes):
        value = value.decode("latin-1")
    if not isinstance(value, str):
        return value

    def now_or_kept(m: re.Match[str]) -> str:
        try:
            when = datetime.fromisoformat(m.group().replace("Z", "+00:00").replace(" ", "T"))
        except ValueError:
            return m.group()
        when = when if when.tzinfo else when.replace(tzinfo=timezone.utc)
        return "<now>" if begin <= when <= end else m.group()

    return ISO.sub(now_or_kept, value)


def compare(now: dict[str, str], saved_file: Path) -> int:
    saved = json.loads(saved_file.read_text())["hashes"]
    differ = sorted(k for k in now.keys() & saved.keys() if now[k] != saved[k])
    only = sorted(now.keys() ^ saved.keys())
    for key in differ:
        print(f"differs: {key}")
    for key in only:
        print(f"in one run only: {key}")
    print(f"{len(now.keys() & saved.keys()) - len(differ)} identical, {len(differ)} differ, {len(only)} in one run only")
    return 1 if differ or only else 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--limit", type=int, default=None, help="only the first N pages")
    parser.add_argument("--sets", default="scrapinghub,wcxb")
    parser.add_argument("--profile", default="fast", choices=["quality", "fast"])
    parser.add_argument("--store", action="store_true", help="also ingest the pages and hash every store table")
    parser.add_argument("--workers", type=int, default=2, help="worker processes of the --store ingest")
    parser.add_argument("--pages", type=Path, default=Path("/tmp/newsdesk-outputs/pages"),
                        help="where the pages go: their paths are their URIs, so compare runs of one folder")
    parser.add_argument("--work", type=Path, default=Path("/tmp/newsdesk-outputs"), help="models and store")
    parser.add_argument("--save", type=Path, help="write the hashes to FILE (JSON)")
    parser.add_argument("--compare", type=Path, help="diff against a saved FILE; exit 1 on any difference")
    args = parser.parse_args()
    sets = [s.strip() for s in args.sets.split(",") if s.strip()]
    started = time.process_time()
    paths = pages_folder(sets, args.limit, args.pages)
    hashes = page_hashes(paths, args.profile, args.work)
    print(f"{len(paths)} pages, {args.profile} profile: {1000 * (time.process_time() - started) / max(1, len(paths)):.0f} ms"
          " CPU per page (one process, with model loads)")
    if args.store:
        hashes |= table_hashes(args.pages, args.profile, args.work, args.workers)
    print(f"all pages: {sha(sorted(v for k, v in hashes.items() if not k.startswith('table:')))}")
    for key in sorted(k for k in hashes if k.startswith("table:")):
        print(f"{key}: {hashes[key]}")
    if args.save:
        args.save.write_text(json.dumps({"profile": args.profile, "limit": args.limit, "hashes": hashes}, indent=1))
    if args.compare:
        sys.exit(compare(hashes, args.compare))


if __name__ == "__main__":
    main()
