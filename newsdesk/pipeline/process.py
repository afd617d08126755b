"""Carry recorded raw documents through extract -> enrich -> stories -> stored.

Every step ends with the raw document's state written to the store (with the
Article JSON of the finished stage), so a crash loses at most the work on the
current chunk and a restart carries on from the last recorded state. A document
whose processing was started MAX_ATTEMPTS times without finishing (it kills
the process) is marked failed instead of being retried forever.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager, ExitStack, nullcontext
from datetime import datetime
from itertools import chain
from pathlib import Path
from typing import Any

from newsdesk import metrics
from newsdesk.config import Config
from newsdesk.models import Article
from newsdesk.pipeline.engines import Engine, default_workers, open_engine
from newsdesk.pipeline.limits import LimitedExtractor
from newsdesk.pipeline.report import IngestReport, Progress
from newsdesk.pipeline.work import task_fields
from newsdesk.store.base import MAX_ATTEMPTS, RawRecord, Storage
from newsdesk.store.keys import outlet_ref

log = logging.getLogger(__name__)
CHUNK = 16  # documents enriched together (spaCy batches) and committed as one step
ENGINE_KEY = "engine"
MAX_KEPT_VECTORS = 200_000  # ~300 MB of MiniLM rows at most; beyond, assign_orphans embeds again
# The engine state is a blob of several MB (a window of recent articles): written after every
# chunk it cost more than the chunk's own work. Written at most this often and at close; a crash
# loses at most this much of the window (those articles keep their stories; later reports of
# them are still found through the story's older members and the store's text/URL keys).
STATE_EVERY_S = 30.0
# Story data (title, timeline, brief) of the stories stored chunks touched is rebuilt at most this
# often, and at close: a story that grows by a few articles in every chunk was rebuilt for every
# chunk (a large story's rebuild reads all its articles). Which stories are due is written with
# each chunk (DUE_KEY), so a crash leaves them due for the next processor, never stale for good.
STORY_DATA_EVERY_S = 10.0
DUE_KEY = "story-data-due"


def one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    return text if text else type(exc).__name__


def ingest_hints(meta: dict[str, Any]) -> tuple[str | None, datetime | None]:
    """The --format / --published given at ingest time, kept in the raw meta for resumes."""
    hints = meta.get("ingest") or {}
    published = hints.get("published")
    return hints.get("format"), datetime.fromisoformat(published) if published else None


def _fresh_only(records: Iterable[RawRecord], others: list[RawRecord]) -> Iterator[RawRecord]:
    """The fresh records (for the workers); the others are appended to `others` (the local path)."""
    from newsdesk.pipeline.parallel import split_for_engine

    for record in records:
        fresh, rest = split_for_engine([record])
        yield from fresh
        others.extend(rest)


class Processor:
    def __init__(
        self, store: Storage, config: Config, progress: Progress = None, renew: Callable[[], None] | None = None,
        *, defer_stories: bool = False,
    ) -> None:
        self.store = store
        self.renew = renew  # keeps the pipeline lease (pipeline/lease.py) while we work
        self.config = config
        self.progress = progress
        self._engine: Any = None
        from newsdesk.enrich.profiles import get_profile

        # extract() under per-document limits (the fast profile: trafilatura without fallbacks)
        self.extract = LimitedExtractor(config.limits, fast=get_profile(config.enrich.profile).fast_extract)
        self.total: int | None = None
        # backfill: store now, give stories afterwards in publication order (assign_orphans)
        self.defer_stories = defer_stories
        self.vectors: dict[int, Any] = {}  # article id -> worker-made vector, kept for assign_orphans
        self._pool: Engine | None = None  # started on the first batch large enough (_run_on_workers)
        self._exits = ExitStack()
        self._state_saved = time.monotonic()
        self._due: set[int] | None = None  # stories whose data is out of date (read from the store on first use)
        self._data_built = time.monotonic()

    # ------------------------------------------------------------------ driver
    def run(self, records: Iterable[RawRecord], report: IngestReport, more: Iterator[RawRecord] | None = None) -> None:
        """Process `records`; when they go to the worker pool, `more` (records still being
        recorded) streams on to it too, and whatever of it the pool does not take is done here."""
        records = self._run_on_workers(list(records), report, more)
        for chunk in self._chunks(records):
            if self.renew is not None:
                self.renew()
            started = time.perf_counter()
            ready = self._extract_all(chunk, report)
            report.timed("extract", started)
            started = time.perf_counter()
            ready = self._enrich_all(ready, report)
            report.timed("enrich", started)
            started = time.perf_counter()
            vectors = self._vectors([a for _, a in ready])
            report.timed("stories", started)
            self.store_chunk([(r, a, v) for (r, a), v in zip(ready, vectors)], report)

    def _run_on_workers(
        self, records: list[RawRecord], report: IngestReport, more: Iterator[RawRecord] | None = None
    ) -> list[RawRecord]:
        """Fresh documents of a large batch go to a process pool (extract + enrich + vectors on
        every core; this process only stores), and once the pool runs, every later batch too:
        a small tail must not load the models in this process as well. Returns the documents
        left for the local path (resumed ones, and all of them when the pool is not used)."""
        from newsdesk.pipeline.parallel import pending_tasks, run_on_engine, split_for_engine

        workers = self.config.pipeline.workers or default_workers()
        fresh, rest = split_for_engine(records)
        if workers < 2 or not fresh or (self._pool is None and len(fresh) < max(1, self.config.pipeline.parallel_min)):
            return records
        if self._pool is None:
            prepare_models(self.config)
            fields = task_fields(self.config)
            self._pool = self._exits.enter_context(open_engine("local", workers, profile=fields["profile"],
                                                               data_dir=fields["data_dir"]))
        source: Iterable[RawRecord] = fresh if more is None else chain(fresh, _fresh_only(more, rest))
        run_on_engine(self, self._pool, pending_tasks(self, source, report), report, self.config.pipeline.batch_size)
        return rest

    def close(self) -> None:
        """Build the story data still due, save the story engine's state and stop the worker
        pool, if one was started."""
        try:
            self.refresh_due(force=True)
        except Exception:  # noqa: BLE001 - close runs in finally blocks: never mask their error
            log.exception("building story data failed")
        try:
            self.save_state(force=True)
        except Exception:  # noqa: BLE001 - close runs in finally blocks: never mask their error
            log.exception("saving the story engine state failed")
        finally:
            self._pool = None
            self._exits.close()

    def save_state(self, force: bool = False) -> None:
        """Write the engine state blob when STATE_EVERY_S has passed since the last write (or now)."""
        if self._engine is None or (not force and time.monotonic() - self._state_saved < STATE_EVERY_S):
            return
        self.store.save_story_state(ENGINE_KEY, self._engine.dump())
        self._state_saved = time.monotonic()

    def store_chunk(self, items: list[tuple[RawRecord, Article, Any]], report: IngestReport) -> None:
        """Store (and, unless deferred, assign) a chunk of finished articles in one transaction,
        then refresh the stories they touched. One document's error never stops the chunk."""
        touched: set[int] = set()
        started = time.perf_counter()
        with self._transaction():
            for record, article, vector in items:
                try:
                    self._store(record, article, report, touched, vector)
                except Exception as exc:  # noqa: BLE001 - one document never stops the batch
                    log.exception("storing %s failed", record.uri)
                    self.fail(record, f"store: {one_line(exc)}", report)
                self.tick(report, record.uri)
            self._apply_merges(touched)
            self._mark_due(touched)  # in the chunk's transaction: a crash cannot lose which stories are stale
        report.timed("assign+store", started)
        started = time.perf_counter()
        report.stories |= touched
        self.refresh_due()
        self.save_state()
        report.timed("story data", started)

    def _story_data_due(self) -> set[int]:
        if self._due is None:
            blob = self.store.load_story_state(DUE_KEY)
            self._due = {int(i) for i in json.loads(blob)} if blob else set()
        return self._due

    def _mark_due(self, touched: set[int]) -> None:
        due = self._story_data_due()
        if touched - due:
            due |= touched
            self.store.save_story_state(DUE_KEY, json.dumps(sorted(due)).encode())

    def refresh_due(self, force: bool = False) -> None:
        """Rebuild the story data of every story due, when STORY_DATA_EVERY_S has passed (or now)."""
        due = self._story_data_due()
        if not due or (not force and time.monotonic() - self._data_built < STORY_DATA_EVERY_S):
            return
        self._refresh_stories(set(due))
        due.clear()
        self.store.save_story_state(DUE_KEY, b"[]")
        self._data_built = time.monotonic()

    def _transaction(self) -> AbstractContextManager[Any]:
        begin = getattr(self.store, "transaction", None)
        return begin() if begin is not None else nullcontext()

    @staticmethod
    def _chunks(records: Iterable[RawRecord]) -> Iterator[list[RawRecord]]:
        """Fresh documents in chunks; a document whose earlier attempt never finished goes
        alone, so one document that kills the process cannot use up its chunk's attempts."""
        fresh: list[RawRecord] = []
        for record in records:
            if record.attempts > 0:
                yield [record]
                continue
            fresh.append(record)
            if len(fresh) == CHUNK:
                yield fresh
                fresh = []
        if fresh:
            yield fresh

    def tick(self, report: IngestReport, item: str) -> None:
        metrics.publish_report(report)  # every document outcome passes here
        if self.progress is not None:
            self.progress(report.done, self.total, item)

    def begin_attempt(self, record: RawRecord, report: IngestReport) -> bool:
        """Count an attempt at the document; False (and failed) once it has used them all:
        a document that kills the process every time must not be retried forever."""
        attempts = self.store.begin_attempt(record.id)
        if attempts > MAX_ATTEMPTS:
            self.fail(record, f"gave up after {attempts - 1} unfinished attempts", report)
            self.tick(report, record.uri)
            return False
        return True

    def fail(self, record: RawRecord, error: str, report: IngestReport) -> None:
        stage = error.split(":", 1)[0] if error.startswith(("enrich:", "store:")) else "extract"
        report.fail(record.uri, error, stage=stage)
        self.store.set_raw_state(record.id, "failed", report.failures[-1].error)

    # ------------------------------------------------------------------ extract
    def _extract_all(self, chunk: list[RawRecord], report: IngestReport) -> list[tuple[RawRecord, Article, bool]]:
        """(record, article, already enriched) for every document that got this far."""
        ready = []
        for record in chunk:
            if not self.begin_attempt(record, report):
                continue
            if record.work and record.state in ("extracted", "enriched"):
                ready.append((record, Article.from_json(record.work), record.state == "enriched"))
                continue
            content = self.store.raw_content(record.sha256)
            if content is None:
                self.fail(record, f"raw bytes {record.sha256[:12]} missing from the store", report)
                self.tick(report, record.uri)
                continue
            fmt, published = ingest_hints(record.meta)
            try:
                article = self.extract(record.to_document(content), format=fmt, published=published)
            except Exception as exc:  # noqa: BLE001 - ExtractError or a bug: a value either way
                self.fail(record, one_line(exc), report)
                self.tick(report, record.uri)
                continue
            article.raw_sha256 = article.raw_sha256 or record.sha256
            self.store.set_raw_state(record.id, "extracted", work=article)
            ready.append((record, article, False))
        return ready

    # ------------------------------------------------------------------ enrich
    def _enrich_all(self, ready: list[tuple[RawRecord, Article, bool]], report: IngestReport) -> list[tuple[RawRecord, Article]]:
        todo = [(r, a) for r, a, done in ready if not done]
        enriched = dict(self._enrich(todo, report))
        out = []
        for record, article, done in ready:
            if done:
                out.append((record, article))
            elif record.id in enriched:
                self.store.set_raw_state(record.id, "enriched", work=enriched[record.id])
                out.append((record, enriched[record.id]))
        return out

    def _enrich(self, todo: list[tuple[RawRecord, Article]], report: IngestReport) -> list[tuple[int, Article]]:
        from newsdesk.enrich import enrich_many

        if not todo:
            return []
        chars, profile = self.config.enrich.model_chars, self.config.enrich.profile
        try:
            return [(r.id, a) for (r, _), a in zip(todo, enrich_many([a for _, a in todo], batch_size=CHUNK, model_chars=chars,
                                                                       profile=profile), strict=True)]
        except Exception:  # noqa: BLE001 - find the bad one: enrich each alone
            log.exception("enrich batch failed; retrying one by one")
        done = []
        for record, article in todo:
            try:
                done.append((record.id, next(iter(enrich_many([article], model_chars=chars, profile=profile)))))
            except Exception as exc:  # noqa: BLE001
                self.fail(record, f"enrich: {one_line(exc)}", report)
                self.tick(report, record.uri)
        return done

    # ------------------------------------------------------------------ stories + store
    @property
    def engine(self) -> Any:
        if self._engine is None:
            from newsdesk.stories import StoryEngine

            try:
                self._engine = StoryEngine.load(self.store.load_story_state(ENGINE_KEY), self.config)
            except Exception:  # noqa: BLE001 - a state from another version: start afresh
                log.exception("saved story engine state unreadable; starting a fresh engine")
                self._engine = StoryEngine.load(None, self.config)
            # the state is saved every STATE_EVERY_S: a crash after a later merge leaves it naming
            # stories the store merged away
            gone = set(self._engine.stories) - self.store.existing_story_ids(self._engine.stories)
            if gone:
                log.warning("story engine state names %d stories the store no longer has; forgotten", len(gone))
                self._engine.forget_stories(gone)
        return self._engine

    def _vectors(self, articles: list[Article]) -> list[Any]:
        """Story-engine vectors of a chunk in one batch (None each when that fails:
        assign() then computes its own)."""
        if not articles:
            return []
        try:
            return list(self.engine.vectors(articles))
        except Exception:  # noqa: BLE001 - the per-article path still works
            log.exception("batch vectors failed")
            return [None] * len(articles)

    def _store(
        self, record: RawRecord, article: Article, report: IngestReport, touched: set[int], vector: Any = None
    ) -> None:
        match = self.store.find_article(article)
        if match is not None:  # same URL (maybe new text) or the same text again
            result = self.store.save_article(article, record.id)
            article_id = result.article_id
            if result.changed:
                report.updated += 1
                report.article_ids.append(article_id)
            else:
                report.duplicates += 1
            if match.story_id is None and not self.defer_stories:  # saved, then a crash before its story
                self._assign(article_id, article, touched, vector)
            elif result.changed:
                touched.add(match.story_id)
        else:
            dup = self.engine.find_duplicate(article)
            if dup is not None and self._is_copy_of(dup, article):  # a syndicated copy
                self.store.add_outlet(dup, outlet_ref(article))
                if hasattr(self.engine, "add_duplicate"):
                    self.engine.add_duplicate(dup, article)
                report.duplicates += 1
                article_id = dup
            else:
                article_id = self.store.save_article(article, record.id).article_id
                report.new += 1
                report.article_ids.append(article_id)
                self._save_search_vector(article_id, vector)
                if self.defer_stories:
                    self._keep_vector(article_id, vector)
                else:
                    self._assign(article_id, article, touched, vector)
        self.store.set_raw_state(record.id, "stored", article_id=article_id)

    def _is_copy_of(self, article_id: int, article: Article) -> bool:
        """The engine's hit, confirmed on the stored text: after a crash the engine state may
        name an id whose insert was rolled back and that SQLite has since given to another article."""
        from newsdesk.stories.dedupe import is_copy

        stored = self.store.get_article(article_id)
        return stored is not None and is_copy(stored.article.text or "", article.text or "")

    def _save_search_vector(self, article_id: int, vector: Any) -> None:
        """The engine's title+lead vector, kept for semantic search ("more like this")."""
        if vector is None or not hasattr(self.store, "save_vectors"):
            return
        try:
            self.store.save_vectors(self.engine.embedder_name, [(article_id, vector)])
        except Exception:  # noqa: BLE001 - search falls back to embedding on demand
            log.exception("saving the vector of article %s failed", article_id)

    def _assign(self, article_id: int, article: Article, touched: set[int], vector: Any = None) -> None:
        """Put a stored article in a story. Stories are derived data: when the engine fails
        the article stays stored without a story, and the next ingest of it retries."""
        try:
            assignment = self.engine.assign(article_id, article, vector)
        except Exception:  # noqa: BLE001
            log.exception("story assignment of article %s failed", article_id)
            return
        try:
            story_id = self.store.save_story_assignment(article_id, assignment, article.title or "Untitled story")
        except KeyError:
            if assignment.story_id is None:
                raise
            # the engine knows a story the store does not (reconciled at load, so only a concurrent
            # change gets here): forget it and assign again
            log.warning("story %s of article %s is gone from the store; assigning again", assignment.story_id, article_id)
            self.engine.forget_stories({assignment.story_id})
            assignment = self.engine.assign(article_id, article, vector)
            story_id = self.store.save_story_assignment(article_id, assignment, article.title or "Untitled story")
        if assignment.story_id is None:
            self.engine.confirm(article_id, story_id)
        touched.add(story_id)
        self._apply_merges(touched)  # now: the next article may join a story a split just made

    def _keep_vector(self, article_id: int, vector: Any) -> None:
        if vector is not None and len(self.vectors) < MAX_KEPT_VECTORS:
            self.vectors[article_id] = vector

    def assign_orphans(self, report: IngestReport, batch_size: int = CHUNK) -> None:
        """Give a story to every stored article without one (after an engine failure, a crash,
        or a backfill), oldest first: the store hands them out by publication/sort time."""
        seen: set[int] = set()
        while batch := [s for s in self.store.unassigned_articles(limit=batch_size) if s.id not in seen]:
            if self.renew is not None:
                self.renew()
            touched: set[int] = set()
            missing = [s for s in batch if s.id not in self.vectors]
            for stored, vector in zip(missing, self._vectors([s.article for s in missing])):
                self.vectors[stored.id] = vector
            with self._transaction():
                for stored in batch:
                    seen.add(stored.id)
                    self._assign(stored.id, stored.article, touched, self.vectors.pop(stored.id, None))
                self._apply_merges(touched)
                self._mark_due(touched)
            report.stories |= touched
            self.refresh_due()
            self.save_state()

    def _apply_merges(self, touched: set[int]) -> None:
        take = getattr(self.engine, "take_merges", None) if self._engine is not None else None
        for source_id, target_id in take() if take else []:
            try:
                self.store.merge_stories(source_id, target_id)
            except KeyError:  # the engine remembers a story the store no longer has
                log.warning("story merge %s -> %s skipped: story missing", source_id, target_id)
                continue
            touched.discard(source_id)
            touched.add(target_id)
        self._apply_splits(touched)

    def _apply_splits(self, touched: set[int]) -> None:
        take = getattr(self.engine, "take_splits", None) if self._engine is not None else None
        for split in take() if take else []:
            story = self.engine.stories.get(split.into)
            try:
                new_id = self.store.split_story(split.story, split.articles, story.title if story else "", split.reason)
            except KeyError:  # the engine remembers a story the store no longer has
                log.warning("story split of %s skipped: story missing", split.story)
                continue
            self.engine.confirm_split(split.into, new_id)
            touched |= {split.story, new_id}

    def _refresh_stories(self, touched: set[int]) -> None:
        from newsdesk.stories import build_story_data

        for story_id in sorted(touched):
            detail = self.store.get_story(story_id)
            if detail is None:
                continue
            try:
                data = build_story_data(detail.articles)
            except Exception:  # noqa: BLE001 - story data is derived; the articles are stored
                log.exception("story data for story %s failed", story_id)
                continue
            llm = getattr(self.config, "llm", None)
            if llm is not None and llm.url:  # optional: rejected or failed rewrites keep the extractive brief
                from newsdesk.stories.llm_brief import rewrite_brief

                data = rewrite_brief(data, detail.articles, llm)
            self.store.save_story_data(story_id, data)


def prepare_models(config: Config) -> None:
    """What the workers will load and only one process should make: the fast profile's int8
    MiniLM (stories/embed.py quantised_model), made here once before the pool starts."""
    from newsdesk.enrich.profiles import get_profile
    from newsdesk.stories.embed import model_files, quantised_model

    files = model_files()
    if get_profile(config.enrich.profile).embed_model != "q8" or files is None:
        return
    try:
        quantised_model(files[0], Path(config.data_dir) / "models")
    except Exception:  # noqa: BLE001 - each worker tries again (and falls back) on its own
        log.exception("making the int8 MiniLM failed")
