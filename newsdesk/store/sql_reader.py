"""Reader queries: filtered search, front-page filters, outlet profiles, related stories.

Kept apart from sql_articles.py (writing and plain reads) so each file stays small.
"""

from __future__ import annotations

import threading
from datetime import datetime
from statistics import median
from typing import Any

from newsdesk.store.base import OutletProfile, SearchFilters, SearchHit, StoredArticle, StorySummary
from newsdesk.store.db import Database
from newsdesk.store.fts import marks_to_html, search_terms
from newsdesk.store.search_sql import fts_match, fts_rank, fts_snippets
from newsdesk.store.times import from_db, to_db


_WATCH_LOCK = threading.Lock()
RANK_WINDOW = 1000  # unfiltered full-text search ranks at most this many newest matches


def _hit(row: Any, marked: str) -> SearchHit:
    return SearchHit(
        article_id=row["id"], title=row["title"] or "", outlet=row["outlet"], snippet=marks_to_html(marked),
        published=from_db(row["published"]), story_id=row["story_id"], rank=-float(row["score"]),
    )


def _filter_sql(filters: SearchFilters, alias: str = "a") -> tuple[str, list[Any]]:
    """WHERE fragments (each starting with AND) for the filters that are set."""
    sql, args = "", []
    if filters.since is not None:
        sql += f" AND {alias}.sort_time >= ?"
        args.append(to_db(filters.since))
    if filters.until is not None:
        sql += f" AND {alias}.sort_time < ?"
        args.append(to_db(filters.until))
    if filters.story_id is not None:
        sql += f" AND {alias}.story_id = ?"
        args.append(filters.story_id)
    if filters.outlet:
        sql += f" AND EXISTS (SELECT 1 FROM article_outlets o WHERE o.article_id = {alias}.id AND o.name = ?)"
        args.append(filters.outlet)
    if filters.entity:
        sql += (f" AND EXISTS (SELECT 1 FROM mentions m JOIN entities e ON e.id = m.entity_id"
                f" WHERE m.article_id = {alias}.id AND e.name = ? COLLATE NOCASE)")
        args.append(filters.entity)
    return sql, args


class ReaderSQL:
    """Mixed into SQLStorage after StorySQL (whose `_summary` it uses)."""

    db: Database


    # ------------------------------------------------------------------ change watch
    def data_version(self) -> int:
        """A number that changes whenever anything is committed to the database, by this
        process or another (PRAGMA data_version of a connection that never writes), so a
        page cache knows exactly when it is stale."""
        with _WATCH_LOCK:
            conn = self.__dict__.get("_watch_conn")
            if conn is None:
                conn = self.__dict__["_watch_conn"] = self.db._connect()
                with self.db._all_lock:  # closed with the store's other connections
                    self.db._all.append(conn)
            return int(conn.execute(self.db.data_version_sql).fetchone()[0])

    # ------------------------------------------------------------------ search
    def search_filtered(self, query: str, filters: SearchFilters, limit: int = 20, offset: int = 0) -> list[SearchHit]:
        """FTS5 hits (escaped snippets with <mark>) restricted by date range, outlet, entity, story.
        An empty query with filters lists the newest matching articles. Without filters, only
        the newest RANK_WINDOW matches are ranked (bounded time for very common words)."""
        terms = search_terms(query)
        where, args = _filter_sql(filters)
        conn = self.db.conn()
        if not terms:
            if not filters.any():
                return []
            rows = conn.execute(
                "SELECT a.id, a.title, a.outlet, a.published, a.story_id, 0.0 AS score"
                f" FROM articles a WHERE 1 = 1{where} ORDER BY a.sort_time DESC, a.id DESC LIMIT ? OFFSET ?",
                (*args, limit, offset),
            ).fetchall()
            return [_hit(r, "") for r in rows]
        dialect = self.db.dialect
        (score, score_args), (match, match_args) = fts_rank(dialect, terms), fts_match(dialect, terms)
        ranked = (f"SELECT a.id AS id, {score} AS score FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid"
                  f" WHERE {match}{where} ORDER BY score LIMIT ? OFFSET ?")
        if not filters.any():
            # a word in tens of thousands of articles: rank the newest RANK_WINDOW matches only
            # (FTS5 walks a doclist backwards by rowid cheaply; bm25 costs per ranked row), in
            # the index alone; the articles table is read for the page of hits only
            cutoff = conn.execute(
                f"SELECT rowid FROM articles_fts WHERE {match} ORDER BY rowid DESC LIMIT 1 OFFSET ?",
                (*match_args, RANK_WINDOW - 1),
            ).fetchone()
            ranked = (f"SELECT rowid AS id, {score} AS score FROM articles_fts WHERE {match}"
                      " AND rowid >= ? ORDER BY score LIMIT ? OFFSET ?")
            args = [cutoff[0] if cutoff else 0]
        # rank first, then make snippets for the page only: snippet() in the ranked query would
        # run for every match, not for the 20 shown
        rows = conn.execute(
            "SELECT a.id, a.title, a.outlet, a.published, a.story_id, r.score"
            f" FROM ({ranked}) r JOIN articles a ON a.id = r.id ORDER BY r.score, a.id",
            (*score_args, *match_args, *args, limit, offset),
        ).fetchall()
        if not rows:
            return []
        snippets = dict(conn.execute(*fts_snippets(dialect, terms, [r["id"] for r in rows])).fetchall())
        return [_hit(r, snippets.get(r["id"]) or "") for r in rows]

    def article_heads(self, limit: int = 20, offset: int = 0) -> list[StoredArticle]:
        """Newest articles for lists: title, outlets and dates only (a tiny JSON instead of
        the stored article, so the text, entities and quotes are never decoded)."""
        with self.db.read() as conn:
            rows = conn.execute(
                "SELECT id, story_id, first_seen, updated_at, version,"
                f" {self.db.json_object('title', 'outlet', 'published')} AS data"
                " FROM articles ORDER BY sort_time DESC, id DESC LIMIT ? OFFSET ?", (limit, offset),
            ).fetchall()
            return self._stored(conn, rows)  # type: ignore[attr-defined]  # ArticleSQL

    def filter_article_ids(self, ids: list[int], filters: SearchFilters) -> list[int]:
        """The ids (order kept) that pass the filters: semantic hits get the same filters as full text."""
        if not ids or not filters.any():
            return ids
        where, args = _filter_sql(filters)
        marks = ",".join("?" * len(ids))
        keep = {r[0] for r in self.db.conn().execute(
            f"SELECT a.id FROM articles a WHERE a.id IN ({marks}){where}", (*ids, *args))}
        return [i for i in ids if i in keep]

    # ------------------------------------------------------------------ stories
    def story_ids_matching(self, filters: SearchFilters, topic: str = "", limit: int = 100) -> list[int]:
        """Stories with an article that passes the filters (and the topic words), latest first."""
        where, args = _filter_sql(filters)
        terms = search_terms(topic)
        if terms:
            match, match_args = fts_match(self.db.dialect, terms)
            sql = ("SELECT a.story_id, MAX(a.sort_time) AS t FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid"
                   f" WHERE {match} AND a.story_id IS NOT NULL{where} GROUP BY a.story_id")
            args = [*match_args, *args]
        else:
            sql = f"SELECT a.story_id, MAX(a.sort_time) AS t FROM articles a WHERE a.story_id IS NOT NULL{where} GROUP BY a.story_id"
        rows = self.db.conn().execute(f"{sql} ORDER BY t DESC LIMIT ?", (*args, limit)).fetchall()
        return [r[0] for r in rows]

    def stories_by_ids(self, ids: list[int]) -> list[StorySummary]:
        if not ids:
            return []
        with self.db.read() as conn:
            marks = ",".join("?" * len(ids))
            rows = conn.execute(
                "SELECT s.*, (SELECT COUNT(*) FROM articles a WHERE a.story_id = s.id) AS n FROM stories s"
                f" WHERE s.id IN ({marks})", ids,
            ).fetchall()
            by_id = {s.id: s for s in self._summaries(conn, rows)}  # type: ignore[attr-defined]  # StorySQL
        return [by_id[i] for i in ids if i in by_id]

    def related_stories(self, entity_names: list[str], before: datetime, exclude: int, limit: int = 5) -> list[tuple[int, int]]:
        """(story_id, shared entities) of stories last seen before `before` that mention the
        given entities, most shared first: the background of a story."""
        if not entity_names:
            return []
        marks = ",".join("?" * len(entity_names))
        rows = self.db.conn().execute(
            "SELECT a.story_id, COUNT(DISTINCT e.id) AS shared, MAX(a.sort_time) AS t"
            " FROM entities e JOIN mentions m ON m.entity_id = e.id JOIN articles a ON a.id = m.article_id"
            f" WHERE e.name COLLATE NOCASE IN ({marks}) AND a.story_id IS NOT NULL AND a.story_id != ?"
            " AND a.sort_time < ? GROUP BY a.story_id ORDER BY shared DESC, t DESC LIMIT ?",
            (*entity_names, exclude, to_db(before), limit),
        ).fetchall()
        return [(r[0], r[1]) for r in rows]

    # ------------------------------------------------------------------ outlets
    def outlet_profile(self, name: str, top: int = 10) -> OutletProfile | None:
        """What an outlet covers, how fast it publishes, how often it is first on a story."""
        with self.db.read() as conn:
            span = conn.execute(
                "SELECT COUNT(*), MIN(a.sort_time), MAX(a.sort_time) FROM article_outlets o"
                " JOIN articles a ON a.id = o.article_id WHERE o.name = ?", (name,),
            ).fetchone()
            if not span[0]:
                return None
            entities = [(r[0], r[1], r[2]) for r in conn.execute(
                "SELECT e.name, e.type, COUNT(DISTINCT m.article_id) AS n FROM article_outlets o"
                " JOIN mentions m ON m.article_id = o.article_id JOIN entities e ON e.id = m.entity_id"
                " WHERE o.name = ? GROUP BY e.id ORDER BY n DESC, e.name LIMIT ?", (name, top))]
            story_counts = conn.execute(
                "SELECT a.story_id, COUNT(*) AS n FROM article_outlets o JOIN articles a ON a.id = o.article_id"
                " WHERE o.name = ? AND a.story_id IS NOT NULL GROUP BY a.story_id", (name,),
            ).fetchall()
            first, lags = self._firsts(conn, name, [r[0] for r in story_counts])
        ranked = sorted(story_counts, key=lambda r: (-r[1], -r[0]))[:top]
        days = max((from_db(span[2]) - from_db(span[1])).total_seconds() / 86400.0, 1.0)  # type: ignore[operator]
        return OutletProfile(
            name=name, article_count=span[0], first_article=from_db(span[1]), last_article=from_db(span[2]),
            per_day=round(span[0] / days, 2), top_entities=entities, top_story_ids=[r[0] for r in ranked],
            shared_stories=first[1], first_on=first[0],
            median_lag_minutes=round(median(lags), 1) if lags else None,
        )

    def _firsts(self, conn: Any, name: str, story_ids: list[int]) -> tuple[tuple[int, int], list[float]]:
        """Of the stories it shares with other outlets: how many it reported first, and how many
        minutes behind the first report it was on the others."""
        first_on = shared = 0
        lags: list[float] = []
        for start in range(0, len(story_ids), 500):
            chunk = story_ids[start:start + 500]
            marks = ",".join("?" * len(chunk))
            rows = conn.execute(
                "SELECT a.story_id, o.name, MIN(COALESCE(o.published, a.sort_time)) AS t FROM articles a"
                f" JOIN article_outlets o ON o.article_id = a.id WHERE a.story_id IN ({marks})"
                " GROUP BY a.story_id, o.name", chunk,
            ).fetchall()
            by_story: dict[int, dict[str, str]] = {}
            for r in rows:
                by_story.setdefault(r[0], {})[r[1]] = r[2]
            for times in by_story.values():
                if len(times) < 2 or name not in times:
                    continue
                shared += 1
                earliest = min(times.values())
                if times[name] == earliest:
                    first_on += 1
                else:
                    lag = from_db(times[name]) - from_db(earliest)  # type: ignore[operator]
                    lags.append(lag.total_seconds() / 60.0)
        return (first_on, shared), lags

    def outlet_counts(self, limit: int = 50) -> list[tuple[str, int]]:
        rows = self.db.conn().execute(
            "SELECT name, COUNT(*) AS n FROM article_outlets GROUP BY name ORDER BY n DESC, name LIMIT ?", (limit,)
        ).fetchall()
        return [(r[0], r[1]) for r in rows]

    def story_entity_names(self, story_id: int, limit: int = 8) -> list[str]:
        rows = self.db.conn().execute(
            "SELECT e.name, COUNT(DISTINCT m.article_id) AS n FROM articles a JOIN mentions m ON m.article_id = a.id"
            " JOIN entities e ON e.id = m.entity_id WHERE a.story_id = ? GROUP BY e.id ORDER BY n DESC, e.name LIMIT ?",
            (story_id, limit),
        ).fetchall()
        return [r[0] for r in rows]

