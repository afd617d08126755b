"""Writing an article's entities, quotes, dated events and times, and the cross-store merge.

Called inside the article's own write transaction (`ArticleSQL._index`), so an article is
never stored without them, nor they without it; an updated article has them deleted and
written again.

The merge: each canonical entity of an article becomes one `entities` row. The exact key
(`enrich.canonical.entity_key`, transliteration-folded) finds the row for spelling variants
("Volodomyr"/"Volodymyr Zelensky", "Zelenskyy"/"Zelenskiy"); otherwise the rows sharing the
coarser `candidate_key` (people: the surname) are checked with `same_entity`, which needs
evidence (two full names that agree, or one with middle names added). A bare surname keeps
its own row unless the article itself resolved it to a full name: "Hunter Biden" never joins
"Joe Biden", and an unresolved "Biden" joins neither.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from newsdesk.models import Article
from newsdesk.store.db import Database

MAX_ALIASES = 40  # a row keeps the first spellings it met, not every typo on the web

KeyFn = Callable[[str, "str | None"], str]


def _fallback_key(name: str, type: str | None = None) -> str:
    return f"{(type or 'any').lower()}:{' '.join(name.lower().split())}"


def _fallback_same(a: str, a_aliases: Any, b: str, b_aliases: Any, type: str | None = None) -> bool:
    return False


class _Identity:
    """The enrich stage owns entity identity; a plain folded name stands in when it is absent."""

    def __init__(self) -> None:
        try:
            from newsdesk.enrich.canonical import candidate_key, entity_key, same_entity
        except ImportError:  # pragma: no cover - enrich is part of the package
            self.key, self.candidate, self.same = _fallback_key, _fallback_key, _fallback_same
        else:
            self.key, self.candidate, self.same = entity_key, candidate_key, same_entity


_IN_CHUNK = 500  # values per IN list (SQLite's bound-parameter limit is far above)


class _Known:
    """Entity rows by exact key and by candidate key (ids in id order), with name and aliases."""

    def __init__(self) -> None:
        self.by_key: dict[str, int] = {}
        self.by_candidate: dict[str, list[int]] = {}
        self.rows: dict[int, tuple[str, list[str]]] = {}

    def add(self, entity_id: int, key: str, candidate: str | None, name: str, aliases: str) -> None:
        if entity_id in self.rows:
            return
        self.rows[entity_id] = (name, json.loads(aliases))
        self.by_key[key] = entity_id
        if candidate is not None:
            self.by_candidate.setdefault(candidate, []).append(entity_id)

    def sort(self) -> None:
        for ids in self.by_candidate.values():
            ids.sort()


def _span(value: str) -> tuple[str | None, str | None]:
    try:
        from newsdesk.enrich.timespan import value_span
    except ImportError:  # pragma: no cover
        return None, None
    span = value_span(value)
    return (span[0].isoformat(), span[1].isoformat()) if span else (None, None)


class EntitySQL:
    db: Database
    _identity: _Identity | None = None

    def _ids(self) -> _Identity:
        if self._identity is None:
            self._identity = _Identity()
        return self._identity

    # ------------------------------------------------------------------ one article
    def _index_enrichment(self, conn: Any, article_id: int, article: Article, published: str) -> None:
        """Mentions, quotes, events and times of the article's current version (replacing any)."""
        for table in ("mentions", "quotes", "events", "times"):
            conn.execute(f"DELETE FROM {table} WHERE article_id = ?", (article_id,))
        by_name = self._write_mentions(conn, article_id, article)
        self._write_quotes(conn, article_id, article, published, by_name)
        self._write_events(conn, article_id, article, published, by_name)
        conn.executemany(
            'INSERT INTO times (article_id, text, start, "end", value, kind) VALUES (?, ?, ?, ?, ?, ?)',
            [(article_id, t.text, t.start, t.end, t.value, t.kind) for t in article.times if t.value],
        )

    def _write_mentions(self, conn: Any, article_id: int, article: Article) -> dict[str, list[int]]:
        """Insert the mentions; returns canonical name -> entity ids (people first)."""
        rows: dict[tuple[str, str], int] = {}
        by_name: dict[str, list[int]] = {}
        surfaces: dict[int, list[str]] = {}
        seen: dict[int, tuple[str, list[str]]] = {}  # entity rows read (and locked) for this article
        inserts = []
        identity = self._ids()
        names = {(" ".join((m.canonical or m.name or "").split()), m.type) for m in article.entities}
        keys = {(c, t): (identity.key(c, t), identity.candidate(c, t)) for c, t in names if c}
        # concurrent writers merging into the same entity rows take turns (PostgreSQL; SQLite
        # writers are serialised anyway): all keys at once, sorted, so no two wait in a cycle
        self.db.lock(conn, *(f"entity:{k}" for pair in keys.values() for k in pair))
        known = self._known_entities(conn, keys.values())
        dirty: set[int] = set()
        for mention in article.entities:
            canonical = " ".join((mention.canonical or mention.name or "").split())
            if not canonical:
                continue
            entity_id = rows.get((canonical, mention.type))
            if entity_id is None:
                entity_id = rows[(canonical, mention.type)] = self._merge_entity(
                    conn, canonical, mention.type, seen, known, keys[(canonical, mention.type)], dirty)
                ids = by_name.setdefault(canonical, [])
                ids.insert(0 if mention.type == "PERSON" else len(ids), entity_id)  # a speaker is a person first
            surfaces.setdefault(entity_id, []).append(mention.name)
            inserts.append((article_id, entity_id, mention.start, mention.end, mention.name, canonical))
        # one statement for all of them (they were ~100 round trips per article), in the same order
        conn.executemany(
            'INSERT INTO mentions (article_id, entity_id, start, "end", name, canonical) VALUES (?, ?, ?, ?, ?, ?)',
            inserts,
        )
        for entity_id, names in surfaces.items():
            self._add_aliases(conn, entity_id, names, seen, dirty, known)
        # each changed row written once, with all its new spellings (was an UPDATE per addition)
        conn.executemany("UPDATE entities SET aliases = ? WHERE id = ?",
                         [(json.dumps(seen[i][1], ensure_ascii=False), i) for i in sorted(dirty)])
        return by_name

    def _known_entities(self, conn: Any, keys: Any) -> _Known:
        """The entity rows an article's names can merge into, read in two statements (by exact
        key and by candidate key) instead of two or three per name: ~65 names per article."""
        known = _Known()
        pairs = list(keys)
        for column, values in (("key", sorted({k for k, _ in pairs})), ("candidate", sorted({c for _, c in pairs}))):
            for i in range(0, len(values), _IN_CHUNK):
                part = values[i:i + _IN_CHUNK]
                for row in conn.execute(f"SELECT id, key, name, aliases, candidate FROM entities WHERE {column} IN"
                                        f" ({', '.join('?' * len(part))})", part).fetchall():
                    known.add(int(row["id"]), row["key"], row["candidate"], row["name"], row["aliases"])
        known.sort()
        return known

    def _write_quotes(self, conn: Any, article_id: int, article: Article, published: str,
                      by_name: dict[str, list[int]]) -> None:
        conn.executemany(
            'INSERT INTO quotes (article_id, entity_id, speaker, text, cue, partial, start, "end",'
            " speaker_start, speaker_end, published) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (article_id, (by_name.get(q.speaker or "") or [None])[0], q.speaker, q.text, q.cue, int(q.partial),
                 q.start, q.end, q.speaker_start, q.speaker_end, published)
                for q in article.quotes if q.text.strip()
            ],
        )

    def _write_events(self, conn: Any, article_id: int, article: Article, published: str,
                      by_name: dict[str, list[int]]) -> None:
        speakers = {q.text: q.speaker for q in article.quotes if q.speaker}
        for event in article.events:
            first, last = _span(event.date)
            event_id = conn.execute(
                'INSERT INTO events (article_id, date, first_day, last_day, sentence, start, "end", quote, published)'
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                (article_id, event.date, first, last, event.sentence, event.start, event.end, event.quote, published),
            ).fetchone()[0]
            entity_ids = {i for name in event.entities for i in by_name.get(name, [])}
            speaker = speakers.get(event.quote or "")
            if speaker and by_name.get(speaker):  # a dated quote is on its speaker's timeline, named or not
                entity_ids.add(by_name[speaker][0])
            conn.executemany(
                "INSERT INTO event_entities (event_id, entity_id) VALUES (?, ?)",
                [(event_id, i) for i in sorted(entity_ids)],
            )

    # ------------------------------------------------------------------ the merge
    def _merge_entity(
        self, conn: Any, canonical: str, type: str, seen: dict[int, tuple[str, list[str]]], known: _Known,
        keys: tuple[str, str], dirty: set[int],
    ) -> int:
        """The entity row for an article's canonical name: found by exact key, else by
        candidate rows that `same_entity` accepts, else a new row. `known`: the rows read
        for this article (and those it inserted), so no statement per name."""
        key, candidate = keys
        entity_id = known.by_key.get(key)
        if entity_id is None:
            entity_id = self._matching_candidate(canonical, type, candidate, seen, known)
        if entity_id is None:
            entity_id = int(conn.execute(
                "INSERT INTO entities (key, name, type, aliases, candidate) VALUES (?, ?, ?, '[]', ?) RETURNING id",
                (key, canonical, type, candidate),
            ).fetchone()[0])
            seen[entity_id] = (canonical, [])
            known.add(entity_id, key, candidate, canonical, "[]")  # ids only grow: its candidates stay in id order
            return entity_id
        self._add_aliases(conn, entity_id, [canonical], seen, dirty, known)
        return entity_id

    def _matching_candidate(self, canonical: str, type: str, candidate: str,
                            seen: dict[int, tuple[str, list[str]]], known: _Known) -> int | None:
        same = self._ids().same
        for entity_id in known.by_candidate.get(candidate, ()):
            name, aliases = seen.get(entity_id) or known.rows[entity_id]  # this article's additions first
            if same(name, aliases, canonical, [], type):
                return entity_id
        return None

    def _add_aliases(
        self, conn: Any, entity_id: int, names: list[str], seen: dict[int, tuple[str, list[str]]], dirty: set[int],
        known: _Known,
    ) -> None:
        """Add spellings to the row's aliases (written once per article: `dirty`). `seen`: rows this
        transaction already read (and, on PostgreSQL, locked) with their current aliases, so each
        is read once per article; SQLite's writers are serialised, so what `known` read stands."""
        if entity_id not in seen:
            if self.db.for_update or entity_id not in known.rows:
                row = conn.execute("SELECT name, aliases FROM entities WHERE id = ?" + self.db.for_update,
                                   (entity_id,)).fetchone()
                seen[entity_id] = (row["name"], json.loads(row["aliases"]))
            else:
                name, aliases = known.rows[entity_id]
                seen[entity_id] = (name, list(aliases))
        current, aliases = seen[entity_id]
        for name in names:
            name = " ".join(name.split())
            if name and name != current and name not in aliases and len(aliases) < MAX_ALIASES:
                aliases.append(name)
                dirty.add(entity_id)

    # ------------------------------------------------------------------ after migration 0004
    def reindex_enrichment(self) -> int:
        """Fill candidate keys of older entity rows and write every stored article's quotes,
        events and times again (run once when migration 0004 is applied). Returns articles done."""
        ids = self._ids()
        done = 0
        with self.db.write() as conn:
            for row in conn.execute("SELECT id, name, type FROM entities WHERE candidate IS NULL").fetchall():
                conn.execute("UPDATE entities SET candidate = ? WHERE id = ?",
                             (ids.candidate(row["name"], row["type"]), row["id"]))
            for row in conn.execute("SELECT id, data, sort_time FROM articles ORDER BY id").fetchall():
                try:
                    article = Article.from_json(json.loads(row["data"]))
                except (ValueError, TypeError, KeyError):
                    continue  # an unreadable old row keeps what it had rather than stop the upgrade
                self._index_enrichment(conn, row["id"], article, row["sort_time"])
                done += 1
        return done
