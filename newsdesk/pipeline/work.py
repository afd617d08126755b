"""The worker side of the pipeline: extract + enrich (+ story vectors) of a batch of raw documents.

Pure functions over picklable values, so the same plan runs in this process, in a
process pool (`--engine local`) or on Dask workers. Heavy models (spaCy, MiniLM) are
module-level caches in their packages: loaded once per worker process, on first use.
Every document gives an Outcome; a bad one is an error string, never an exception.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from newsdesk.config import Config
from newsdesk.models import Article, RawDocument
from newsdesk.pipeline.deadline import DocumentTimeout, deadline

log = logging.getLogger(__name__)


@dataclass
class Task:
    key: int  # the raw document's id in the store
    doc: RawDocument
    format: str | None = None  # ingest-time overrides (kept in the raw meta for resumes)
    published: datetime | None = None
    max_chars: int = 200_000  # LimitsConfig.max_article_chars: longer text is refused before enrichment
    extract_time_s: float = 60.0  # LimitsConfig.extract_time_s / enrich_time_s: per-document deadlines
    enrich_time_s: float = 30.0   # (pipeline/deadline.py: on a worker's main thread only)
    model_chars: int = 0  # EnrichConfig.model_chars: what the NER model reads (0 = the enrich default)
    profile: str = "quality"  # EnrichConfig.profile (newsdesk/enrich/profiles.py)
    data_dir: str | None = None  # Config.data_dir: where the fast profile's int8 MiniLM is cached


@dataclass
class Outcome:
    key: int
    article: Article | None = None
    error: str | None = None  # one line, when the document failed
    stage: str = "enriched"  # how far it got: "extracted" when enrichment failed
    vector: Any = None  # story-engine vector (numpy row) of `vector_kind`, or None
    vector_kind: str | None = None


def task_fields(config: Config) -> dict[str, Any]:
    """A Task's per-document limits and enrichment settings from the config
    (`Task(key, doc, **task_fields(config))`)."""
    limits, enrich = config.limits, config.enrich
    return {"max_chars": limits.max_article_chars, "extract_time_s": limits.extract_time_s,
            "enrich_time_s": limits.enrich_time_s, "model_chars": enrich.model_chars, "profile": enrich.profile,
            "data_dir": str(Path(config.data_dir).absolute()) if config.data_dir else None}


def one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    return text if text else type(exc).__name__


def warm_up(embed_threads: int | None = None, profile: str | None = None, data_dir: str | None = None) -> str:
    """Load the heavy models now (a worker's start-up), so the first batch is not slow.
    `embed_threads`: ONNX threads of a worker process (1 when each worker has one core);
    `profile`, `data_dir`: the Task fields, whose MiniLM (packaged, or the fast profile's int8)
    is the one loaded. Returns the process id, which tells callers how many distinct workers answered."""
    if embed_threads:
        os.environ["NEWSDESK_EMBED_THREADS"] = str(embed_threads)
        limit_native_threads(embed_threads)
    from newsdesk.enrich import enrich
    from newsdesk.stories.embed import profile_embedder

    # one small article loads the model and the lazy parts (language id, sentence splitter):
    # not the first document's time, which a deadline counts
    enrich(Article(title="Warm up", text='"The bridge reopens on Monday," the mayor of Leeds, Anna Berg, said on 3 May 2024.'))
    # the batches' own embedder (process_batch: profile_embedder of the tasks' fields): a fast
    # profile worker loaded the packaged model here too, which it never used (~0.25 s of CPU)
    profile_embedder(profile, data_dir)
    return str(os.getpid())


def limit_native_threads(threads: int) -> None:
    """At most `threads` threads in numpy's OpenBLAS (spaCy's matrix products go through it:
    enrich/nlp.py) and any OpenMP/MKL pool of this process. A pool worker has one core: by
    default OpenBLAS starts one thread per core in every worker, and on 2 cores the spaCy
    step then costs ~45% more CPU (threads handing work to each other) for no gain.
    numpy is already loaded here (threadpoolctl resizes it); the variables cover libraries
    loaded later."""
    for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ[var] = str(threads)
    try:
        from threadpoolctl import threadpool_limits  # noqa: PLC0415 - installed with scikit-learn
    except ImportError:
        return
    threadpool_limits(threads)


def keep_heap_memory(mmap_mb: int = 32, trim_mb: int = 256) -> bool:
    """glibc malloc of a pool worker: blocks up to `mmap_mb` from the heap (not a fresh mmap
    each time) and up to `trim_mb` of free heap kept rather than handed back. spaCy's NER
    allocates and frees arrays of several MB per batch; by default each came back as new
    zeroed pages (page faults: ~10% of the NER step's CPU). The worker's peak memory is the
    same; it just stays near its peak between batches. False where this is not glibc."""
    import ctypes
    import ctypes.util

    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        mallopt = libc.mallopt
    except (OSError, AttributeError):
        return False
    m_trim_threshold, m_mmap_threshold = -1, -3  # malloc.h
    return bool(mallopt(m_mmap_threshold, mmap_mb << 20)) and bool(mallopt(m_trim_threshold, trim_mb << 20))


def start_pool_worker(parent: int, warm: bool = True, profile: str | None = None, data_dir: str | None = None) -> None:
    """A pool worker's start: exit when the driver is gone (a SIGKILLed driver would
    otherwise leave its workers waiting for work forever), then load the models (of
    `profile`, `data_dir`: warm_up)."""
    import threading
    import time

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1.0)
        os._exit(0)

    threading.Thread(target=watch, name="newsdesk-parent-watch", daemon=True).start()
    keep_heap_memory()
    if warm:
        warm_up(1, profile, data_dir)
    else:
        limit_native_threads(1)


def process_batch(tasks: list[Task], vectors: bool = True) -> list[Outcome]:
    """Extract each task's document, enrich the batch together (spaCy nlp.pipe), then
    embed the batch's title+leads in one call. Order of the outcomes = order of the tasks."""
    outcomes = [_extract(task) for task in tasks]
    ready = [o for o in outcomes if o.article is not None]
    profile = tasks[0].profile if tasks else None  # one config per batch
    _enrich(ready, min((t.enrich_time_s for t in tasks), default=0.0), max((t.model_chars for t in tasks), default=0),
            profile)
    if vectors:
        _embed([o for o in ready if o.stage == "enriched"], profile, tasks[0].data_dir if tasks else None)
    return outcomes


def _extract(task: Task) -> Outcome:
    from newsdesk.enrich.profiles import get_profile
    from newsdesk.extract import extract

    try:
        with deadline(task.extract_time_s, "extraction"):
            article = extract(task.doc, format=task.format, published=task.published,
                              fast=get_profile(task.profile).fast_extract)
    except (Exception, DocumentTimeout) as exc:  # noqa: BLE001 - ExtractError, a timeout or a bug: a value
        return Outcome(task.key, error=f"{task.doc.uri}: {one_line(exc)}" if isinstance(exc, DocumentTimeout)
                       else one_line(exc))
    if task.max_chars and len(article.text) > task.max_chars:
        return Outcome(task.key, error=f"{task.doc.uri}: article text too long: {len(article.text)} characters "
                                       f"(limit {task.max_chars})")
    article.raw_sha256 = article.raw_sha256 or task.doc.sha256
    return Outcome(task.key, article=article, stage="extracted")


def _enrich(ready: list[Outcome], seconds: float, model_chars: int = 0, profile: str | None = None) -> None:
    """The batch together (one nlp.pipe), within `seconds` per document; when the batch
    fails or runs out of time, each document alone with its own `seconds`, so only the
    bad one fails."""
    from newsdesk.enrich import enrich_many

    if not ready:
        return
    try:
        with deadline(seconds * len(ready), "enrichment of the batch"):
            done = list(enrich_many([o.article for o in ready], batch_size=len(ready), model_chars=model_chars,
                                    profile=profile))
        for outcome, article in zip(ready, done, strict=True):
            outcome.article, outcome.stage = article, "enriched"
        return
    except (Exception, DocumentTimeout) as exc:  # noqa: BLE001 - find the bad one: enrich each alone
        log.warning("enrich batch failed (%s); retrying one by one", one_line(exc))
    for outcome in ready:
        try:
            with deadline(seconds, "enrichment"):
                article = next(iter(enrich_many([outcome.article], model_chars=model_chars, profile=profile)))
                outcome.article, outcome.stage = article, "enriched"
        except (Exception, DocumentTimeout) as exc:  # noqa: BLE001
            outcome.article, outcome.error = None, f"enrich: {one_line(exc)}"


def _embed(ready: list[Outcome], profile: str | None = None, data_dir: str | None = None) -> None:
    """Vectors are an optimisation: when they fail the driver's engine computes its own."""
    from newsdesk.stories.embed import profile_embedder
    from newsdesk.stories.features import lead_text

    if not ready:
        return
    try:
        embedder = profile_embedder(profile, data_dir)
        rows = embedder.embed([lead_text(o.article) for o in ready])
    except Exception:  # noqa: BLE001
        log.exception("batch vectors failed")
        return
    for outcome, row in zip(ready, rows):
        outcome.vector, outcome.vector_kind = row, embedder.name
