"""Article vectors and nearest neighbours (part of SQLStorage).

Vectors are kept per (article, model): vectors of different embedders cannot be
compared, so every query names its model. Similarity is cosine. Where PostgreSQL
has pgvector, `embedding` (a generated column) gets an HNSW index per dimension
and the server ranks; elsewhere (SQLite, PostgreSQL without the extension) the
candidate vectors are scanned in numpy, which is exact and fine for the tens of
thousands of recent articles the story engine compares against.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import numpy as np

from newsdesk.store.db import Database

SCAN_BATCH = 5000  # rows read at a time by the numpy scan


def _pack(dialect: str, vector: np.ndarray) -> Any:
    """float32 bytes for SQLite's BLOB, a list of floats for PostgreSQL's real[]."""
    return vector.astype(np.float32).tobytes() if dialect == "sqlite" else [float(x) for x in vector]


def _unpack(dialect: str, value: Any) -> np.ndarray:
    return np.frombuffer(value, dtype=np.float32) if dialect == "sqlite" else np.asarray(value, dtype=np.float32)


def _normalised(vector: Any) -> np.ndarray:
    v = np.asarray(vector, dtype=np.float32).ravel()
    norm = float(np.linalg.norm(v))
    if v.size == 0 or not np.isfinite(norm) or norm == 0.0:
        raise ValueError(f"vector of {v.size} values with norm {norm}: cannot compare it")
    return v / norm


class VectorSQL:
    db: Database
    _hnsw_dims: set[int] | None = None
    _pgvector: bool | None = None

    def save_vectors(self, model: str, items: Iterable[tuple[int, Any]]) -> None:
        """Store (article_id, vector) pairs for `model` (replacing earlier ones), normalised."""
        rows = [(article_id, _normalised(vec)) for article_id, vec in items]
        if not rows:
            return
        with self.db.write() as conn:
            for article_id, vec in rows:
                conn.execute(
                    "INSERT INTO article_vectors (article_id, model, dims, vector) VALUES (?, ?, ?, ?)"
                    " ON CONFLICT (article_id) DO UPDATE SET model = excluded.model, dims = excluded.dims,"
                    " vector = excluded.vector",
                    (article_id, model, int(vec.size), _pack(self.db.dialect, vec)),
                )
        for dims in {int(vec.size) for _, vec in rows}:
            self._ensure_hnsw(dims)

    def nearest_articles(self, model: str, vector: Any, limit: int = 10) -> list[tuple[int, float]]:
        """(article_id, cosine similarity) of the `limit` stored vectors closest to `vector`."""
        query = _normalised(vector)
        if limit <= 0:
            return []
        if self.uses_pgvector():
            return self._nearest_pgvector(model, query, limit)
        return self._nearest_scan(model, query, limit)

    def uses_pgvector(self) -> bool:
        """True where migration 0006 found pgvector and added the `embedding` column."""
        if self._pgvector is None:
            self._pgvector = self.db.dialect == "postgresql" and self.db.conn().execute(
                "SELECT 1 FROM information_schema.columns WHERE table_schema = current_schema()"
                " AND table_name = 'article_vectors' AND column_name = 'embedding'"
            ).fetchone() is not None
        return self._pgvector

    # ------------------------------------------------------------------ numpy scan
    def _nearest_scan(self, model: str, query: np.ndarray, limit: int) -> list[tuple[int, float]]:
        best_ids: list[int] = []
        best_sims = np.zeros(0, dtype=np.float32)
        last = 0
        while True:
            rows = self.db.conn().execute(
                "SELECT article_id, vector FROM article_vectors WHERE model = ? AND dims = ? AND article_id > ?"
                " ORDER BY article_id LIMIT ?",
                (model, int(query.size), last, SCAN_BATCH),
            ).fetchall()
            if not rows:
                break
            last = rows[-1][0]
            matrix = np.vstack([_unpack(self.db.dialect, r[1]) for r in rows])
            ids = best_ids + [int(r[0]) for r in rows]
            sims = np.concatenate([best_sims, matrix @ query])
            keep = np.argsort(-sims, kind="stable")[:limit]
            best_ids, best_sims = [ids[i] for i in keep], sims[keep]
        return [(i, float(s)) for i, s in zip(best_ids, best_sims)]

    # ------------------------------------------------------------------ pgvector
    def _ensure_hnsw(self, dims: int) -> None:
        """One HNSW index per vector size (pgvector indexes need a fixed dimension)."""
        if not self.uses_pgvector():
            return
        if self._hnsw_dims is None:
            self._hnsw_dims = set()
        if dims in self._hnsw_dims:
            return
        with self.db.write() as conn:
            self.db.lock(conn, f"hnsw:{dims}")
            conn.execute(
                f"CREATE INDEX IF NOT EXISTS article_vectors_hnsw_{dims} ON article_vectors"
                f" USING hnsw ((embedding::public.vector({dims})) public.vector_cosine_ops) WHERE dims = {dims}"
            )
        self._hnsw_dims.add(dims)

    def _nearest_pgvector(self, model: str, query: np.ndarray, limit: int) -> list[tuple[int, float]]:
        dims = int(query.size)
        literal = "[" + ",".join(f"{x:.8g}" for x in query) + "]"
        distance = f"embedding::public.vector({dims}) OPERATOR(public.<=>) ?::public.vector({dims})"
        rows = self.db.conn().execute(
            f"SELECT article_id, 1 - ({distance}) AS sim FROM article_vectors"
            f" WHERE model = ? AND dims = {dims} ORDER BY {distance} LIMIT ?",
            (literal, model, literal, limit),
        ).fetchall()
        return [(int(r[0]), float(r[1])) for r in rows]
