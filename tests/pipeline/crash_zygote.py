"""The process the crash test kills: a warm parent that forks one ingest after another.

Loading spaCy and the sentence model takes seconds; paying that on every restart
would allow a handful of kills per minute. This parent loads them once, then
forks ingest processes (each opens its own store connections) and SIGKILLs each
one after a random delay, until `kills` of them died mid-work. It ends with one
run left to finish (ingest again, then process_pending) and prints a JSON summary.

Run by tests/pipeline/test_crash.py as `python -m tests.pipeline.crash_zygote '<json>'`.
"""

from __future__ import annotations

import json
import os
import random
import signal
import sys
import time
import tempfile
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

FINISH_TIMEOUT_S = 120.0


def warm_up(scratch: Path) -> None:
    """Ingest one page into a scratch SQLite store (closed again) so every module and
    model is loaded in this parent and the forked children start working at once."""
    import psycopg  # noqa: F401 - the PostgreSQL driver too

    from newsdesk.config import Config
    from newsdesk.pipeline import ingest
    from newsdesk.store import open_store
    from tests.pipeline.pages import write_pages

    config = Config(data_dir=str(scratch / "data"))
    with open_store(config) as store:
        ingest([str(p) for p in write_pages(scratch / "in", 1, start=900)], store, config)


def fork_run(work: Callable[[Any, Any], None], target: dict[str, Any]) -> int:
    """Start `work(store, config)` in a forked child; returns its pid."""
    pid = os.fork()
    if pid:
        return pid
    code = 0
    try:
        from newsdesk.config import Config
        from newsdesk.store import open_store

        config = Config(data_dir=target["data_dir"], database_url=target["database_url"])
        store = open_store(config)
        try:
            work(store, config)
        finally:
            store.close()
    except BaseException:  # noqa: BLE001 - reported through the exit code and stderr
        traceback.print_exc()
        code = 1
    sys.stderr.flush()
    os._exit(code)


def main(args: dict[str, Any]) -> dict[str, Any]:
    import newsdesk.pipeline.process as process

    # A document whose processing is killed MAX_ATTEMPTS times is given up on purpose (a
    # poison document; tested on its own). Here kills come from outside at random, many
    # per document: what is under test is that nothing is lost or stored twice.
    process.MAX_ATTEMPTS = 1_000_000
    with tempfile.TemporaryDirectory() as scratch:
        warm_up(Path(scratch))
    return {target["name"]: kill_and_finish(target, args) for target in args["targets"]}


def progress(target: dict[str, Any]) -> tuple[int, int]:
    """(documents stored, processing attempts begun): the second grows whenever a run got to
    work. The store is opened and closed here, never carried into a fork."""
    from newsdesk.config import Config
    from newsdesk.store import open_store

    with open_store(Config(data_dir=target["data_dir"], database_url=target["database_url"])) as store:
        row = store.db.conn().execute(
            "SELECT COUNT(*) FILTER (WHERE state = 'stored'), COALESCE(SUM(attempts), 0) FROM raw_documents"
        ).fetchone()
        return int(row[0]), int(row[1])


def kill_and_finish(target: dict[str, Any], args: dict[str, Any]) -> dict[str, Any]:
    from newsdesk.pipeline import ingest, process_pending

    from tests.pipeline.pages import write_pages

    started = time.monotonic()
    rng = random.Random(args["seed"])
    inputs = [target["pages"]]
    pages = killed = finished = errors = runs = idle = 0
    # kills come at a random moment up to max_delay after the start; on a loaded machine a
    # start takes longer, so the window widens while kills keep landing before any work
    max_delay = args["max_delay_s"]
    stored, before = progress(target)
    while killed < args["kills"]:
        if stored == pages:  # all done: new pages arrive, so every run has work to be killed in
            write_pages(Path(target["pages"]), args["batch"], start=pages)
            pages += args["batch"]
        # restarts alternate: ingest everything again, or carry on what is pending
        restart = (lambda s, c: ingest(inputs, s, c)) if runs % 2 == 0 else process_pending
        pid = fork_run(restart, target)
        time.sleep(rng.uniform(0.0, max_delay))
        done, status = os.waitpid(pid, os.WNOHANG)
        if done == 0:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            killed += 1
        elif os.waitstatus_to_exitcode(status) == 0:
            finished += 1
            max_delay *= 0.8
        else:
            errors += 1
        runs += 1
        stored, after = progress(target)
        if done == 0 and after == before:
            idle += 1
            max_delay = min(max_delay * 1.3, 5.0)
        before = after

    kill_loop_s = time.monotonic() - started

    def finish(store: Any, config: Any) -> None:
        again = ingest(inputs, store, config)
        pending = process_pending(store, config)
        failures = again.failures + pending.failures
        if failures:
            raise RuntimeError(f"finishing run failed: {failures[:3]}")

    pid = fork_run(finish, target)
    deadline = time.monotonic() + FINISH_TIMEOUT_S
    while (done := os.waitpid(pid, os.WNOHANG))[0] == 0 and time.monotonic() < deadline:
        time.sleep(0.05)
    if done[0] == 0:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        final = "timed out"
    else:
        final = "ok" if os.waitstatus_to_exitcode(done[1]) == 0 else "failed"
    return {"pages": pages, "killed": killed, "finished": finished, "errors": errors, "runs": runs, "final": final, "killed_before_work": idle,
            "max_delay_s": round(max_delay, 2),
            "kill_loop_s": round(kill_loop_s, 1), "finish_s": round(time.monotonic() - started - kill_loop_s, 1)}


if __name__ == "__main__":
    print(json.dumps(main(json.loads(sys.argv[1]))))
