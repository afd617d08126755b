"""Where the worker plan (pipeline/work.py) runs: a process pool or a Dask cluster.

Both engines take the same batches and give outcomes back in submission order, so
the driver writes the store in a deterministic order whatever finished first. A
batch whose worker died (or whose result could not travel back) comes back as
`WorkerLost`: the driver leaves those documents pending for the next run.
"""

from __future__ import annotations

import logging
import os
from collections import deque
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Callable

from newsdesk.pipeline.work import Outcome, Task, one_line, process_batch, start_pool_worker, warm_up

log = logging.getLogger(__name__)
ENGINES = ("local", "dask")
TASKS_PER_WORKER = 200  # batches (of pipeline.batch_size documents) before a pool worker is replaced


class WorkerLost(RuntimeError):
    """A whole batch failed outside our code (worker killed, cluster gone)."""


@dataclass
class Engine:
    name: str
    workers: int
    submit: Callable[..., Any]  # submit(fn, *args) -> a future with .result()
    address: str | None = None  # the Dask scheduler, when there is one
    processes: bool = True  # False: Dask workers are threads of this process


def default_workers() -> int:
    return max(1, min(os.cpu_count() or 1, 4))


@contextmanager
def open_engine(
    name: str, workers: int | None = None, scheduler: str | None = None, *, processes: bool = True,
    profile: str | None = None, data_dir: str | None = None,
) -> Iterator[Engine]:
    """`local`: a ProcessPoolExecutor of `workers` (spawned: no threads or sockets of ours
    are inherited). `dask`: a Client of `scheduler`, or of a LocalCluster of `workers`
    single-threaded workers when no scheduler is given. `profile`, `data_dir`: the tasks'
    (work.task_fields), so each worker warms up the MiniLM its batches use."""
    if name not in ENGINES:
        raise ValueError(f"unknown engine {name!r}: choose one of {', '.join(ENGINES)}")
    workers = workers or default_workers()
    if name == "local":
        with _process_pool(workers, profile, data_dir) as engine:
            yield engine
    else:
        with _dask(workers, scheduler, processes, profile, data_dir) as engine:
            yield engine


class LocalPool:
    """A spawned ProcessPoolExecutor that starts afresh when a worker died (a document that
    kills its process breaks the whole executor: the batches after it must not be lost too)."""

    def __init__(self, workers: int, warm: bool = True, profile: str | None = None, data_dir: str | None = None) -> None:
        self.workers, self.warm = workers, warm  # warm: load the models as each worker starts
        self.profile, self.data_dir = profile, data_dir  # which models: the tasks' (work.py warm_up)
        self.pool = self._start()

    def _start(self) -> Any:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        # spawned, not forked: no threads, sockets or SQLite handles of ours are inherited
        context = multiprocessing.get_context("spawn")
        # a worker's memory grows with every new word spaCy meets (its string store): a fresh
        # process every TASKS_PER_WORKER batches bounds it, for one model load (~1 s) each time
        return ProcessPoolExecutor(self.workers, mp_context=context, initializer=start_pool_worker,
                                   initargs=(os.getpid(), self.warm, self.profile, self.data_dir), max_tasks_per_child=TASKS_PER_WORKER)

    def submit(self, fn: Callable[..., Any], *args: Any) -> Any:
        from concurrent.futures.process import BrokenProcessPool

        try:
            return self.pool.submit(fn, *args)
        except BrokenProcessPool:
            log.warning("a worker process died; starting a new pool")
            self.pool.shutdown(wait=False, cancel_futures=True)
            self.pool = self._start()
            return self.pool.submit(fn, *args)

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)


@contextmanager
def _process_pool(workers: int, profile: str | None, data_dir: str | None) -> Iterator[Engine]:
    pool = LocalPool(workers, profile=profile, data_dir=data_dir)
    try:
        yield Engine("local", workers, pool.submit)
    finally:
        pool.close()


@contextmanager
def _dask(workers: int, scheduler: str | None, processes: bool, profile: str | None = None,
          data_dir: str | None = None) -> Iterator[Engine]:
    import dask
    from distributed import Client, LocalCluster

    # Dask logs its start and stop (INFO, and a WARNING when a busy worker is slow to stop) on
    # its own loggers; unless we are verbose, only its errors reach the user (ours come as values)
    quiet = logging.getLogger("distributed")
    level = quiet.level
    if logging.getLogger().level >= logging.WARNING:
        quiet.setLevel(logging.ERROR)
    # the GIL monitor and the statistical profiler (a stack sample of every worker thread each
    # 10 ms, for the dashboard we do not start) sample every worker thread: overhead we do not need
    with dask.config.set({"distributed.admin.system-monitor.gil.enabled": False,
                          "distributed.worker.profile.enabled": False}):
        cluster = None
        if scheduler is None:
            cluster = LocalCluster(
                n_workers=workers, threads_per_worker=1, processes=processes, dashboard_address=None,
                silence_logs=logging.ERROR,
            )
        client = Client(scheduler or cluster, set_as_default=False)
        try:
            client.run(warm_up, 1 if cluster is not None and processes else None, profile, data_dir)  # once per worker
            count = len(client.scheduler_info().get("workers", {})) or workers

            def submit(fn: Callable[..., Any], *args: Any) -> Any:
                return client.submit(fn, *args, pure=False)

            yield Engine("dask", count, submit, address=client.scheduler.address, processes=processes)
        finally:
            client.close()
            if cluster is not None:
                cluster.close()
            quiet.setLevel(level)


def run_ordered(
    engine: Engine, batches: Iterable[list[Task]], window: int | None = None, vectors: bool = True
) -> Iterator[tuple[list[Task], list[Outcome] | WorkerLost]]:
    """Keep `window` batches in flight (two per worker by default) and yield each batch
    with its outcomes in submission order; a lost batch yields a WorkerLost instead."""
    window = window or 2 * engine.workers
    pending: deque[tuple[list[Task], Any]] = deque()
    for batch in batches:
        if batch:
            pending.append((batch, _submit(engine, batch, vectors)))
        if len(pending) >= window:
            yield _collect(*pending.popleft())
    while pending:
        yield _collect(*pending.popleft())


def _submit(engine: Engine, batch: list[Task], vectors: bool) -> Any:
    try:
        return engine.submit(process_batch, batch, vectors)
    except Exception as exc:  # noqa: BLE001 - the cluster is gone: this batch is lost, not the run
        return _Failed(exc)


class _Failed:
    """A submission that failed at once, with the future's interface."""

    def __init__(self, exc: BaseException) -> None:
        self.exc = exc

    def result(self) -> Any:
        raise self.exc


def _collect(batch: list[Task], future: Any) -> tuple[list[Task], list[Outcome] | WorkerLost]:
    try:
        outcomes = future.result()
    except Exception as exc:  # noqa: BLE001 - BrokenProcessPool, KilledWorker, pickling...
        log.error("a batch of %d documents was lost: %s", len(batch), one_line(exc))
        return batch, WorkerLost(f"{type(exc).__name__}: {one_line(exc)}")
    if len(outcomes) != len(batch):  # never expected: say so rather than mis-pair documents
        return batch, WorkerLost(f"worker gave {len(outcomes)} outcomes for {len(batch)} documents")
    return batch, outcomes


def batched(items: Iterable[Task], size: int) -> Iterator[list[Task]]:
    batch: list[Task] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch
