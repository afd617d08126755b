"""Article vectors for semantic search: a BLOB per article, searched brute force with numpy.

The matrix of one model is loaded once and kept while the table does not change
(checked by row count and highest article id; this process's own saves drop it), so a
query costs one matrix-vector product.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

import numpy as np

from newsdesk.store.db import Database


@dataclass
class _Matrix:
    stamp: tuple[int, int]
    ids: np.ndarray
    vectors: np.ndarray


class VectorSQL:
    db: Database
    _vector_cache: dict[str, _Matrix]
    _vector_lock = threading.Lock()

    def save_vectors(self, model: str, items: list[tuple[int, np.ndarray]]) -> None:
        """Store (article_id, vector) pairs of one embedder, replacing older vectors."""
        if not items:
            return
        rows = []
        for article_id, vector in items:
            vec = np.asarray(vector, dtype=np.float32).ravel()
            rows.append((int(article_id), model, int(vec.shape[0]), vec.tobytes()))
        with self.db.write() as conn:
            conn.executemany(
                "INSERT INTO article_vectors (article_id, model, dim, vec) VALUES (?, ?, ?, ?)"
                " ON CONFLICT (model, article_id) DO UPDATE SET dim = excluded.dim, vec = excluded.vec",
                rows,
            )
        with self._vector_lock:  # a replaced vector does not change the count: drop what we hold
            self.__dict__.get("_vector_cache", {}).pop(model, None)

    def article_vector(self, article_id: int, model: str) -> np.ndarray | None:
        row = self.db.conn().execute(
            "SELECT vec FROM article_vectors WHERE article_id = ? AND model = ?", (article_id, model)
        ).fetchone()
        return np.frombuffer(row[0], dtype=np.float32) if row else None

    def articles_without_vectors(self, model: str, limit: int = 500) -> list[int]:
        rows = self.db.conn().execute(
            "SELECT a.id FROM articles a LEFT JOIN article_vectors v ON v.article_id = a.id AND v.model = ?"
            " WHERE v.article_id IS NULL ORDER BY a.id DESC LIMIT ?",
            (model, limit),
        ).fetchall()
        return [r[0] for r in rows]

    def nearest_articles(self, model: str, query: np.ndarray, limit: int = 20,
                         exclude: set[int] | None = None) -> list[tuple[int, float]]:
        """(article_id, cosine) of the vectors nearest to `query`, best first."""
        matrix = self._matrix(model)
        if matrix.ids.size == 0:
            return []
        q = np.asarray(query, dtype=np.float32).ravel()
        if q.shape[0] != matrix.vectors.shape[1]:
            raise ValueError(f"query vector has {q.shape[0]} dimensions, {model} vectors have {matrix.vectors.shape[1]}")
        scores = matrix.vectors @ q
        want = min(limit + len(exclude or ()), scores.shape[0])
        top = np.argpartition(-scores, want - 1)[:want]
        top = top[np.argsort(-scores[top])]
        out = [(int(matrix.ids[i]), float(scores[i])) for i in top if int(matrix.ids[i]) not in (exclude or ())]
        return out[:limit]

    def _matrix(self, model: str) -> _Matrix:
        conn = self.db.conn()
        count, top = conn.execute(
            "SELECT COUNT(*), COALESCE(MAX(article_id), 0) FROM article_vectors WHERE model = ?", (model,)
        ).fetchone()
        with self._vector_lock:
            cache = self.__dict__.setdefault("_vector_cache", {})
            held = cache.get(model)
            if held is not None and held.stamp == (count, top):
                return held
            rows = conn.execute(
                "SELECT article_id, vec FROM article_vectors WHERE model = ? ORDER BY article_id", (model,)
            ).fetchall()
            ids = np.fromiter((r[0] for r in rows), dtype=np.int64, count=len(rows))
            dim = len(rows[0][1]) // 4 if rows else 0
            vectors = np.frombuffer(b"".join(r[1] for r in rows), dtype=np.float32).reshape(len(rows), dim)
            held = cache[model] = _Matrix((count, top), ids, vectors)
            return held
