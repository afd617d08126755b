"""Carry recorded raw documents through extract -> enrich -> stories -> stored.

Every step ends with the raw document's state written to the store (with the
Article JSON of the finished stage), so a crash loses at most the work on the
current chunk and a restart carries on from the last recorded state. A document
whose processing was started MAX_ATTEMPTS times without finishing (it kills
the process) is marked failed instead of being retried forever.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable, Iterator
from datetime import datetime
from typing import Any

from newsdesk.config import Config
from newsdesk.models import Article
from newsdesk.pipeline.report import IngestReport, Progress
from newsdesk.store.base import MAX_ATTEMPTS, RawRecord, Storage
from newsdesk.store.keys import outlet_ref

log = logging.getLogger(__name__)
CHUNK = 16  # documents enriched together (spaCy batches) and committed as one step
ENGINE_KEY = "engine"


def one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    return text if text else type(exc).__name__


def ingest_hints(meta: dict[str, Any]) -> tuple[str | None, datetime | None]:
    """The --format / --published given at ingest time, kept in the raw meta for resumes."""
    hints = meta.get("ingest") or {}
    published = hints.get("published")
    return hints.get("format"), datetime.fromisoformat(published) if published else None


class Processor:
    def __init__(
        self, store: Storage, config: Config, progress: Progress = None, renew: Callable[[], None] | None = None
    ) -> None:
        self.store = store
        self.renew = renew  # keeps the pipeline lease (pipeline/lease.py) while we work
        self.config = config
        self.progress = progress
        self._engine: Any = None
        self.total: int | None = None

    # ------------------------------------------------------------------ driver
    def run(self, records: Iterable[RawRecord], report: IngestReport) -> None:
        for chunk in self._chunks(records):
            if self.renew is not None:
                self.renew()
            touched: set[int] = set()
            started = time.perf_counter()
            ready = self._extract_all(chunk, report)
            report.timed("extract", started)
            started = time.perf_counter()
            ready = self._enrich_all(ready, report)
            report.timed("enrich", started)
            started = time.perf_counter()
            vectors = self._vectors([a for _, a in ready])
            report.timed("stories", started)
            started = time.perf_counter()
            for (record, article), vector in zip(ready, vectors):
                try:
                    self._store(record, article, report, touched, vector)
                except Exception as exc:  # noqa: BLE001 - one document never stops the batch
                    log.exception("storing %s failed", record.uri)
                    self._fail(record, f"store: {one_line(exc)}", report)
                self.tick(report, record.uri)
            self._apply_merges(touched)
            report.timed("assign+store", started)
            started = time.perf_counter()
            self._refresh_stories(touched)
            report.stories |= touched
            if self._engine is not None:
                self.store.save_story_state(ENGINE_KEY, self._engine.dump())
            report.timed("story data", started)

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
        if self.progress is not None:
            self.progress(report.done, self.total, item)

    def _fail(self, record: RawRecord, error: str, report: IngestReport) -> None:
        report.fail(record.uri, error)
        self.store.set_raw_state(record.id, "failed", report.failures[-1].error)

    # ------------------------------------------------------------------ extract
    def _extract_all(self, chunk: list[RawRecord], report: IngestReport) -> list[tuple[RawRecord, Article, bool]]:
        """(record, article, already enriched) for every document that got this far."""
        from newsdesk.extract import extract

        ready = []
        for record in chunk:
            attempts = self.store.begin_attempt(record.id)
            if attempts > MAX_ATTEMPTS:
                self._fail(record, f"gave up after {attempts - 1} unfinished attempts", report)
                self.tick(report, record.uri)
                continue
            if record.work and record.state in ("extracted", "enriched"):
                ready.append((record, Article.from_json(record.work), record.state == "enriched"))
                continue
            content = self.store.raw_content(record.sha256)
            if content is None:
                self._fail(record, f"raw bytes {record.sha256[:12]} missing from the store", report)
                self.tick(report, record.uri)
                continue
            fmt, published = ingest_hints(record.meta)
            try:
                article = extract(record.to_document(content), format=fmt, published=published)
            except Exception as exc:  # noqa: BLE001 - ExtractError or a bug: a value either way
                self._fail(record, one_line(exc), report)
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
        try:
            return [(r.id, a) for (r, _), a in zip(todo, enrich_many([a for _, a in todo], batch_size=CHUNK), strict=True)]
        except Exception:  # noqa: BLE001 - find the bad one: enrich each alone
            log.exception("enrich batch failed; retrying one by one")
        done = []
        for record, article in todo:
            try:
                done.append((record.id, next(iter(enrich_many([article])))))
            except Exception as exc:  # noqa: BLE001
                self._fail(record, f"enrich: {one_line(exc)}", report)
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
            if match.story_id is None:  # saved, then a crash before its story was recorded
                self._assign(article_id, article, touched, vector)
            elif result.changed:
                touched.add(match.story_id)
        else:
            dup = self.engine.find_duplicate(article)
            if dup is not None and self.store.get_article(dup) is not None:  # a syndicated copy
                self.store.add_outlet(dup, outlet_ref(article))
                if hasattr(self.engine, "add_duplicate"):
                    self.engine.add_duplicate(dup, article)
                report.duplicates += 1
                article_id = dup
            else:
                article_id = self.store.save_article(article, record.id).article_id
                report.new += 1
                report.article_ids.append(article_id)
                self._assign(article_id, article, touched, vector)
        self.store.set_raw_state(record.id, "stored", article_id=article_id)

    def _assign(self, article_id: int, article: Article, touched: set[int], vector: Any = None) -> None:
        """Put a stored article in a story. Stories are derived data: when the engine fails
        the article stays stored without a story, and the next ingest of it retries."""
        try:
            assignment = self.engine.assign(article_id, article, vector)
        except Exception:  # noqa: BLE001
            log.exception("story assignment of article %s failed", article_id)
            return
        story_id = self.store.save_story_assignment(article_id, assignment, article.title or "Untitled story")
        if assignment.story_id is None:
            self.engine.confirm(article_id, story_id)
        touched.add(story_id)
        self._apply_merges(touched)  # now: the next article may join a story a split just made

    def assign_orphans(self, report: IngestReport) -> None:
        """Give a story to every stored article without one (after an engine failure or a crash)."""
        seen: set[int] = set()
        while batch := [s for s in self.store.unassigned_articles(limit=CHUNK) if s.id not in seen]:
            touched: set[int] = set()
            for stored in batch:
                seen.add(stored.id)
                self._assign(stored.id, stored.article, touched)
            self._apply_merges(touched)
            self._refresh_stories(touched)
            report.stories |= touched
            self.store.save_story_state(ENGINE_KEY, self.engine.dump())

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
