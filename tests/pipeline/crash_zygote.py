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
import traceback
from collections.abc import Callable
from typing import Any

FINISH_TIMEOUT_S = 120.0


def warm_up() -> None:
    """Load the models in this parent, so the forked children share them."""
    from newsdesk.enrich import enrich_many
    from newsdesk.models import Article
    from newsdesk.stories.embed import get_embedder

    list(enrich_many([Article(url="https://warm.example/1", title="Warm up", text="Maria Lopez spoke in Valencia.")]))
    get_embedder("auto").embed(["warm up"])


def fork_run(work: Callable[[Any, Any], None], args: dict[str, Any]) -> int:
    """Start `work(store, config)` in a forked child; returns its pid."""
    pid = os.fork()
    if pid:
        return pid
    code = 0
    try:
        from newsdesk.config import Config
        from newsdesk.store import open_store

        config = Config(data_dir=args["data_dir"], database_url=args["database_url"])
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
    from newsdesk.pipeline import ingest, process_pending

    # A document whose processing is killed MAX_ATTEMPTS times is given up on purpose (a
    # poison document; tested on its own). Here kills come from outside at random, many
    # per document: what is under test is that nothing is lost or stored twice.
    process.MAX_ATTEMPTS = 1_000_000
    warm_up()
    rng = random.Random(args["seed"])
    waves: list[str] = args["waves"]
    per_wave = max(1, args["kills"] // len(waves))
    killed = finished = errors = runs = 0
    while killed < args["kills"]:
        inputs = waves[: min(runs // per_wave, len(waves) - 1) + 1]  # new pages keep arriving
        pid = fork_run(lambda store, config: ingest(inputs, store, config), args)
        time.sleep(rng.uniform(0.0, args["max_delay_s"]))
        done, status = os.waitpid(pid, os.WNOHANG)
        if done == 0:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            killed += 1
        elif os.waitstatus_to_exitcode(status) == 0:
            finished += 1
        else:
            errors += 1
        runs += 1

    def finish(store: Any, config: Any) -> None:
        again = ingest(waves, store, config)
        pending = process_pending(store, config)
        failures = again.failures + pending.failures
        if failures:
            raise RuntimeError(f"finishing run failed: {failures[:3]}")

    pid = fork_run(finish, args)
    deadline = time.monotonic() + FINISH_TIMEOUT_S
    while (done := os.waitpid(pid, os.WNOHANG))[0] == 0 and time.monotonic() < deadline:
        time.sleep(0.05)
    if done[0] == 0:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        final = "timed out"
    else:
        final = "ok" if os.waitstatus_to_exitcode(done[1]) == 0 else "failed"
    return {"killed": killed, "finished": finished, "errors": errors, "runs": runs, "final": final}


if __name__ == "__main__":
    print(json.dumps(main(json.loads(sys.argv[1]))))
