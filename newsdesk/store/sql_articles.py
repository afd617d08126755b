"""Articles, their versions and outlets, entities and mentions, full-text search."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from newsdesk.models import Article
from newsdesk.store.base import ArticleMatch, ArticleVersion, OutletRef, SaveResult, SearchHit, StoredArticle
from newsdesk.store.db import Database
from newsdesk.store.fts import index_text, marks_to_html, search_terms
from newsdesk.store.search_sql import search_statement
from newsdesk.store.keys import article_url, outlet_ref, text_hash, url_key
from newsdesk.store.times import from_db, now_db, to_db


def _sort_time(article: Article, first_seen: str) -> str:
    return to_db(article.published) or first_seen  # type: ignore[return-value]


def _article_lock_keys(article: Article) -> list[str]:
    """What save_article matches on: writers sharing any of these take turns."""
    keys = [f"article:url:{k}" for k in {url_key(article.canonical_url), url_key(article.url)} if k]
    return keys + [f"article:text:{text_hash(article.text)}"]


class ArticleSQL:
    db: Database

    # ------------------------------------------------------------------ matching
    def find_article(self, article: Article) -> ArticleMatch | None:
        conn = self.db.conn()
        keys = [k for k in {url_key(article.canonical_url), url_key(article.url)} if k]
        for key in keys:
            row = conn.execute(
                "SELECT a.id, a.story_id FROM articles a WHERE a.url_key = ? UNION ALL "
                "SELECT a.id, a.story_id FROM article_outlets o JOIN articles a ON a.id = o.article_id "
                "WHERE o.url_key = ? AND o.url_key != '' LIMIT 1",  # != '': the partial index applies
                (key, key),
            ).fetchone()
            if row:
                return ArticleMatch(row["id"], "url", row["story_id"])
        if article.text.strip():
            row = conn.execute(
                "SELECT id, story_id FROM articles WHERE text_hash = ? ORDER BY id LIMIT 1",
                (text_hash(article.text),),
            ).fetchone()
            if row:
                return ArticleMatch(row["id"], "text", row["story_id"])
        return None

    def save_article(self, article: Article, raw_id: int | None = None) -> SaveResult:
        """Insert a new article, or: same URL + new text -> a new version; same URL + same
        text -> nothing; same text from another URL -> another outlet of that article."""
        with self.db.write() as conn:
            # two workers saving the same page at once must not both insert it
            self.db.lock(conn, *_article_lock_keys(article))
            match = self.find_article(article)
            if match is None:
                return SaveResult(self._insert_article(conn, article, raw_id), created=True, changed=False)
            if match.by == "text":
                self.add_outlet(match.article_id, outlet_ref(article))
                return SaveResult(match.article_id, created=False, changed=False)
            current = conn.execute(
                "SELECT text_hash, title FROM articles WHERE id = ?" + self.db.for_update, (match.article_id,)
            ).fetchone()
            if current["text_hash"] == text_hash(article.text) and current["title"] == article.title:
                return SaveResult(match.article_id, created=False, changed=False)
            self._update_article(conn, match.article_id, article, raw_id)
            return SaveResult(match.article_id, created=False, changed=True)

    def bulk_save_articles(self, items: Iterable[tuple[Article, int | None]]) -> list[int]:
        """Insert many articles known to be new in one transaction (imports, benchmark fills):
        no matching against stored ones, one commit. A URL already held breaks the unique
        index and rolls the whole batch back, so nothing is stored twice."""
        with self.db.write() as conn:
            return [self._insert_article(conn, article, raw_id) for article, raw_id in items]

    def _insert_article(self, conn: Any, article: Article, raw_id: int | None) -> int:
        now = now_db()
        data = json.dumps(article.to_json(), ensure_ascii=False)
        digest = text_hash(article.text)
        cur = conn.execute(
            "INSERT INTO articles (url_key, text_hash, title, outlet, published, sort_time, language, data,"
            " version, raw_id, first_seen, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?) RETURNING id",
            (url_key(article_url(article)), digest, article.title, article.outlet, to_db(article.published),
             _sort_time(article, now), article.language, data, raw_id, now, now),
        )
        article_id = int(cur.fetchone()[0])
        conn.execute(
            "INSERT INTO article_versions (article_id, version, text_hash, title, data, raw_id, saved_at)"
            " VALUES (?, 1, ?, ?, ?, ?, ?)",
            (article_id, digest, article.title, data, raw_id, now),
        )
        self.add_outlet(article_id, outlet_ref(article))
        self._index(conn, article_id, article, _sort_time(article, now))
        return article_id

    def _update_article(self, conn: Any, article_id: int, article: Article, raw_id: int | None) -> None:
        now = now_db()
        data = json.dumps(article.to_json(), ensure_ascii=False)
        digest = text_hash(article.text)
        row = conn.execute(
            "SELECT version, first_seen FROM articles WHERE id = ?" + self.db.for_update, (article_id,)
        ).fetchone()
        version = row["version"] + 1
        sort_time = _sort_time(article, row["first_seen"])
        conn.execute(
            "UPDATE articles SET text_hash = ?, title = ?, outlet = COALESCE(?, outlet),"
            " published = COALESCE(?, published), sort_time = ?, language = COALESCE(?, language),"
            " data = ?, version = ?, raw_id = COALESCE(?, raw_id), updated_at = ? WHERE id = ?",
            (digest, article.title, article.outlet, to_db(article.published),
             sort_time, article.language, data, version, raw_id, now, article_id),
        )
        conn.execute(
            "INSERT INTO article_versions (article_id, version, text_hash, title, data, raw_id, saved_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            (article_id, version, digest, article.title, data, raw_id, now),
        )
        self._index(conn, article_id, article, sort_time)

    def _index(self, conn: Any, article_id: int, article: Article, sort_time: str) -> None:
        """Full text, entity mentions, quotes, events and times of the current version."""
        conn.execute("DELETE FROM articles_fts WHERE rowid = ?", (article_id,))
        conn.execute(
            "INSERT INTO articles_fts (rowid, title, body, outlet) VALUES (?, ?, ?, ?)",
            (article_id, index_text(article.title), index_text(article.text), index_text(article.outlet)),
        )
        self._index_enrichment(conn, article_id, article, sort_time)  # type: ignore[attr-defined]

    def add_outlet(self, article_id: int, outlet: OutletRef) -> None:
        with self.db.write() as conn:
            conn.execute(
                "INSERT INTO article_outlets (article_id, name, url, url_key, published, title, added_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (article_id, name, url_key) DO NOTHING",
                (article_id, outlet.name, outlet.url, url_key(outlet.url) or "", to_db(outlet.published),
                 outlet.title, now_db()),
            )

    # ------------------------------------------------------------------ reading
    def get_article(self, article_id: int) -> StoredArticle | None:
        with self.db.read() as conn:
            row = conn.execute("SELECT * FROM articles WHERE id = ?", (article_id,)).fetchone()
            if row is None:
                return None
            return self._stored(conn, [row])[0]

    def list_articles(self, limit: int = 50, offset: int = 0) -> list[StoredArticle]:
        with self.db.read() as conn:
            rows = conn.execute(
                "SELECT * FROM articles ORDER BY sort_time DESC, id DESC LIMIT ? OFFSET ?", (limit, offset)
            ).fetchall()
            return self._stored(conn, rows)

    def articles_by_ids(self, ids: list[int]) -> list[StoredArticle]:
        if not ids:
            return []
        with self.db.read() as conn:
            marks = ",".join("?" * len(ids))
            rows = conn.execute(f"SELECT * FROM articles WHERE id IN ({marks})", ids).fetchall()
            by_id = {r["id"]: r for r in rows}
            return self._stored(conn, [by_id[i] for i in ids if i in by_id])

    def unassigned_articles(self, limit: int = 100) -> list[StoredArticle]:
        """Stored articles that have no story yet (the engine failed or a crash came between)."""
        with self.db.read() as conn:
            rows = conn.execute(
                "SELECT * FROM articles WHERE story_id IS NULL ORDER BY sort_time, id LIMIT ?", (limit,)
            ).fetchall()
            return self._stored(conn, rows)

    def count_articles(self) -> int:
        return int(self.db.conn().execute("SELECT COUNT(*) FROM articles").fetchone()[0])

    def article_versions(self, article_id: int) -> list[ArticleVersion]:
        rows = self.db.conn().execute(
            "SELECT * FROM article_versions WHERE article_id = ? ORDER BY version", (article_id,)
        ).fetchall()
        return [
            ArticleVersion(
                version=r["version"], title=r["title"], text_hash=r["text_hash"],
                saved_at=from_db(r["saved_at"]),  # type: ignore[arg-type]
                article=Article.from_json(json.loads(r["data"])), raw_id=r["raw_id"],
            )
            for r in rows
        ]

    def _stored(self, conn: Any, rows: list[Any]) -> list[StoredArticle]:
        ids = [r["id"] for r in rows]
        outlets: dict[int, list[OutletRef]] = {i: [] for i in ids}
        if ids:
            marks = ",".join("?" * len(ids))
            for o in conn.execute(
                f"SELECT article_id, name, url, published, title FROM article_outlets"
                f" WHERE article_id IN ({marks}) ORDER BY id", ids,
            ):
                outlets[o["article_id"]].append(OutletRef(o["name"], o["url"], from_db(o["published"]), o["title"]))
        return [
            StoredArticle(
                id=r["id"], article=Article.from_json(json.loads(r["data"])), outlets=outlets[r["id"]],
                story_id=r["story_id"], first_seen=from_db(r["first_seen"]),  # type: ignore[arg-type]
                updated_at=from_db(r["updated_at"]), version=r["version"],  # type: ignore[arg-type]
            )
            for r in rows
        ]

    # ------------------------------------------------------------------ search
    def search(self, query: str, limit: int = 20) -> list[SearchHit]:
        """Ranked hits for the user's words; hostile syntax is neutralised, never an error."""
        terms = search_terms(query)
        if not terms or limit <= 0:
            return []
        rows = self.db.conn().execute(*search_statement(self.db.dialect, terms, limit)).fetchall()
        return [
            SearchHit(
                article_id=r["id"], title=r["title"] or "", outlet=r["outlet"], snippet=marks_to_html(r["snip"] or ""),
                published=from_db(r["published"]), story_id=r["story_id"], rank=float(r["score"]),
            )
            for r in rows
        ]

    def entity_counts(self, limit: int = 50) -> list[tuple[str, str, int]]:
        """(name, type, number of articles) of the most mentioned entities."""
        rows = self.db.conn().execute(
            "SELECT e.name, e.type, COUNT(DISTINCT m.article_id) AS n FROM entities e"
            " JOIN mentions m ON m.entity_id = e.id GROUP BY e.id ORDER BY n DESC, e.name LIMIT ?",
            (limit,),
        ).fetchall()
        return [(r[0], r[1], r[2]) for r in rows]
