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
        """Store (article_id, vector) pairs of one embedder (replacing older ones), normalised."""
        rows = [(int(article_id), _normalised(vec)) for article_id, vec in items]
        if not rows:
            return
        with self.db.write() as conn:
            conn.executemany(
                "INSERT INTO article_vectors (article_id, model, dim, vec) VALUES (?, ?, ?, ?)"
                " ON CONFLICT (model, article_id) DO UPDATE SET dim = excluded.dim, vec = excluded.vec",
                [(article_id, model, int(vec.size), _pack(self.db.dialect, vec)) for article_id, vec in rows],
            )
        for dim in {int(vec.size) for _, vec in rows}:
            self.__dict__.get("_vector_cache", {}).pop((model, dim), None)  # a replaced vector keeps the count
            self._ensure_hnsw(dim)

    def article_vector(self, article_id: int, model: str) -> np.ndarray | None:
        row = self.db.conn().execute(
            "SELECT vec FROM article_vectors WHERE article_id = ? AND model = ?", (article_id, model)
        ).fetchone()
        return _unpack(self.db.dialect, row[0]) if row else None

    def articles_without_vectors(self, model: str, limit: int = 500) -> list[int]:
        rows = self.db.conn().execute(
            "SELECT a.id FROM articles a LEFT JOIN article_vectors v ON v.article_id = a.id AND v.model = ?"
            " WHERE v.article_id IS NULL ORDER BY a.id DESC LIMIT ?",
            (model, limit),
        ).fetchall()
        return [int(r[0]) for r in rows]

    def nearest_articles(self, model: str, query: Any, limit: int = 20,
                         exclude: set[int] | None = None) -> list[tuple[int, float]]:
        """(article_id, cosine) of the stored vectors of `model` nearest to `query`, best first
        (vectors of another size are not comparable and never returned)."""
        unit = _normalised(query)
        if limit <= 0:
            return []
        skip = exclude or set()
        if self.uses_pgvector():
            found = self._nearest_pgvector(model, unit, limit + len(skip))
        else:
            found = self._nearest_scan(model, unit, limit + len(skip))
        return [(i, s) for i, s in found if i not in skip][:limit]

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
        ids, matrix = self._matrix(model, int(query.size))
        if not ids.size:
            return []
        sims = matrix @ query
        top = np.argsort(-sims, kind="stable")[:limit]
        return [(int(ids[i]), float(sims[i])) for i in top]

    def _matrix(self, model: str, dim: int) -> tuple[np.ndarray, np.ndarray]:
        """All vectors of (model, dim), read once and kept while the table looks unchanged
        (row count and highest article id; this process's own saves drop it)."""
        conn = self.db.conn()
        stamp = tuple(conn.execute(
            "SELECT COUNT(*), COALESCE(MAX(article_id), 0) FROM article_vectors WHERE model = ? AND dim = ?", (model, dim)
        ).fetchone())
        cache = self.__dict__.setdefault("_vector_cache", {})
        held = cache.get((model, dim))
        if held is not None and held[0] == stamp:
            return held[1], held[2]
        ids: list[int] = []
        parts: list[np.ndarray] = []
        last = 0
        while rows := conn.execute(
            "SELECT article_id, vec FROM article_vectors WHERE model = ? AND dim = ? AND article_id > ?"
            " ORDER BY article_id LIMIT ?",
            (model, dim, last, SCAN_BATCH),
        ).fetchall():
            last = rows[-1][0]
            ids += [int(r[0]) for r in rows]
            parts.append(np.vstack([_unpack(self.db.dialect, r[1]) for r in rows]))
        matrix = np.vstack(parts) if parts else np.zeros((0, dim), dtype=np.float32)
        cache[(model, dim)] = (stamp, np.asarray(ids, dtype=np.int64), matrix)
        return cache[(model, dim)][1], matrix

    # ------------------------------------------------------------------ pgvector
    def _ensure_hnsw(self, dim: int) -> None:
        """One HNSW index per vector size (pgvector indexes need a fixed dimension)."""
        if not self.uses_pgvector():
            return
        if self._hnsw_dims is None:
            self._hnsw_dims = set()
        if dim in self._hnsw_dims:
            return
        with self.db.write() as conn:
            self.db.lock(conn, f"hnsw:{dim}")
            conn.execute(
                f"CREATE INDEX IF NOT EXISTS article_vectors_hnsw_{dim} ON article_vectors"
                f" USING hnsw ((embedding::public.vector({dim})) public.vector_cosine_ops) WHERE dim = {dim}"
            )
        self._hnsw_dims.add(dim)

    def _nearest_pgvector(self, model: str, query: np.ndarray, limit: int) -> list[tuple[int, float]]:
        dim = int(query.size)
        literal = "[" + ",".join(f"{x:.8g}" for x in query) + "]"
        distance = f"embedding::public.vector({dim}) OPERATOR(public.<=>) ?::public.vector({dim})"
        rows = self.db.conn().execute(
            f"SELECT article_id, 1 - ({distance}) AS sim FROM article_vectors"
            f" WHERE model = ? AND dim = {dim} ORDER BY {distance} LIMIT ?",
            (literal, model, literal, limit),
        ).fetchall()
        return [(int(r[0]), float(r[1])) for r in rows]
