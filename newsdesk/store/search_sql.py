"""The one query that differs most between the backends: ranked, highlighted search.

SQLite: FTS5 MATCH, bm25 (title weighs most, then outlet, then body), snippet().
PostgreSQL: a tsvector column (title A, outlet B, body D) with a GIN index,
ts_rank, ts_headline. Both return the same columns and mark matches with the
sentinels of fts.py, so the caller escapes and marks alike.
"""

from __future__ import annotations

from typing import Any

from newsdesk.store.fts import CLOSE, ELLIPSIS, OPEN, fts5_match

_COLUMNS = "a.id, a.title, a.outlet, a.published, a.story_id"

SQLITE_SEARCH = (
    f"SELECT {_COLUMNS},"
    f" snippet(articles_fts, 1, '{OPEN}', '{CLOSE}', '{ELLIPSIS}', 24) AS snip,"
    " -bm25(articles_fts, 5.0, 1.0, 2.0) AS score"
    " FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid"
    " WHERE articles_fts MATCH ? ORDER BY score DESC LIMIT ?"
)

# the headline is computed for the top rows only (it re-parses the body)
PG_HEADLINE = f"StartSel={OPEN}, StopSel={CLOSE}, FragmentDelimiter={ELLIPSIS}, MaxFragments=2, MaxWords=24, MinWords=8"
PG_SEARCH = (
    f"SELECT {_COLUMNS}, ts_headline('newsdesk', f.body, top.query, ?) AS snip, top.score"
    " FROM (SELECT f.rowid, q.query, ts_rank(f.doc, q.query) AS score"
    "       FROM articles_fts f, (SELECT {tsquery} AS query) q"
    "       WHERE f.doc @@ q.query ORDER BY score DESC, f.rowid LIMIT ?) top"
    " JOIN articles_fts f ON f.rowid = top.rowid JOIN articles a ON a.id = top.rowid"
    " ORDER BY top.score DESC, a.id"
)


def fts_match(dialect: str, terms: list[str]) -> tuple[str, list[Any]]:
    """A WHERE condition on `articles_fts` holding every term, and its parameters."""
    if dialect == "sqlite":
        return "articles_fts MATCH ?", [fts5_match(terms)]
    return f"articles_fts.doc @@ ({_tsquery(terms)})", list(terms)


def fts_rank(dialect: str, terms: list[str]) -> tuple[str, list[Any]]:
    """A score of an `articles_fts` row, lower is better (as FTS5's bm25), and its parameters."""
    if dialect == "sqlite":
        return "bm25(articles_fts, 5.0, 1.0, 2.0)", []
    return f"-ts_rank(articles_fts.doc, ({_tsquery(terms)}))", list(terms)


def fts_snippets(dialect: str, terms: list[str], ids: list[int]) -> tuple[str, list[Any]]:
    """(rowid, marked snippet of the body) of the given rows."""
    marks = ",".join("?" * len(ids))
    if dialect == "sqlite":
        return (f"SELECT rowid, snippet(articles_fts, 1, '{OPEN}', '{CLOSE}', '{ELLIPSIS}', 24) FROM articles_fts"
                f" WHERE articles_fts MATCH ? AND rowid IN ({marks})", [fts5_match(terms), *ids])
    return (f"SELECT rowid, ts_headline('newsdesk', body, ({_tsquery(terms)}), ?) FROM articles_fts"
            f" WHERE rowid IN ({marks})", [*terms, PG_HEADLINE, *ids])


def matching_ids_statement(dialect: str, terms: list[str], after_id: int, upto_id: int) -> tuple[str, list[Any]]:
    """(SQL, parameters) listing the ids in (after_id, upto_id] of articles holding every term."""
    if dialect == "sqlite":
        return ("SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? AND rowid > ? AND rowid <= ? ORDER BY rowid",
                [fts5_match(terms), after_id, upto_id])
    return (f"SELECT rowid FROM articles_fts WHERE doc @@ ({_tsquery(terms)}) AND rowid > ? AND rowid <= ? ORDER BY rowid",
            [*terms, after_id, upto_id])


def _tsquery(terms: list[str]) -> str:
    return " && ".join(f"{'phraseto' if ' ' in t else 'plainto'}_tsquery('newsdesk', ?)" for t in terms)


def search_statement(dialect: str, terms: list[str], limit: int) -> tuple[str, list[Any]]:
    """(SQL, parameters) finding articles holding every term; phrases in order."""
    if dialect == "sqlite":
        return SQLITE_SEARCH, [fts5_match(terms), limit]
    return PG_SEARCH.replace("{tsquery}", _tsquery(terms)), [PG_HEADLINE, *terms, limit]
