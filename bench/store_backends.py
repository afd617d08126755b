"""Store benchmark: the same writes and reads on SQLite and on PostgreSQL, in one run.

Saves N articles (with entities), assigns each to a story, runs full-text searches and
nearest-vector queries, and times each step per backend; each backend runs in its own
child process so peak memory (ru_maxrss) is its own. PostgreSQL is NEWSDESK_TEST_PG_URL
(default postgresql://postgres@127.0.0.1:5432/test), in a throw-away schema.

    .venv/bin/python bench/store_backends.py [--articles 500] [--searches 200]
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WORDS = ("harbour strike ferry council budget bridge tram museum drought flood election minister port "
         "union wages talks ceasefire grain exports court ruling").split()


def child(url: str, raw_dir: str, articles: int, searches: int) -> dict[str, float]:
    import numpy as np

    from newsdesk.models import Article, Assignment, EntityMention
    from newsdesk.store import open_store

    rng = random.Random(1)
    store = open_store(url, raw_dir=raw_dir)
    times: dict[str, float] = {}
    started = time.perf_counter()
    ids = []
    for n in range(articles):
        text = " ".join(rng.choice(WORDS) for _ in range(300)) + f" Maria Lopez {n}."
        ids.append(store.save_article(Article(
            url=f"https://bench.example/{n}", outlet=f"Outlet {n % 7}", title=f"{rng.choice(WORDS)} {n}", text=text,
            entities=[EntityMention("Maria Lopez", "PERSON", len(text) - 14, len(text) - 3, "Maria Lopez")],
        )).article_id)
    times["save article/s"] = articles / (time.perf_counter() - started)
    started = time.perf_counter()
    story = None
    for i, article_id in enumerate(ids):
        story = store.save_story_assignment(article_id, Assignment(story if i % 5 else None, 0.9, i % 5 == 0), "s")
    times["assign/s"] = articles / (time.perf_counter() - started)
    started = time.perf_counter()
    for _ in range(searches):
        store.search(f"{rng.choice(WORDS)} {rng.choice(WORDS)}", limit=20)
    times["search/s"] = searches / (time.perf_counter() - started)
    vectors = np.random.default_rng(2).normal(size=(articles, 384)).astype(np.float32)
    store.save_vectors("bench", list(zip(ids, vectors)))
    started = time.perf_counter()
    for q in vectors[:searches]:
        store.nearest_articles("bench", q, limit=10)
    times["nearest/s"] = min(searches, articles) / (time.perf_counter() - started)
    store.close()
    times["peak MB"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return times


def run(url: str, articles: int, searches: int) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as raw:
        out = subprocess.run([sys.executable, __file__, "--child", url, raw, str(articles), str(searches)],
                             cwd=ROOT, capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=500)
    parser.add_argument("--searches", type=int, default=200)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    from tests.pg import pg_schema, pg_unavailable

    with tempfile.TemporaryDirectory() as folder:
        results = {"sqlite": run(f"sqlite:///{folder}/bench.db", args.articles, args.searches)}
    if pg_unavailable() is None:
        with pg_schema() as url:
            results["postgresql"] = run(url, args.articles, args.searches)
    else:
        print(f"postgresql: skipped ({pg_unavailable()})")
    metrics = list(results["sqlite"])
    print(f"{'metric':<16}" + "".join(f"{name:>14}" for name in results) + f"{'pg/sqlite':>12}")
    for metric in metrics:
        row = [results[name][metric] for name in results]
        ratio = f"{row[1] / row[0]:>12.2f}" if len(row) == 2 and row[0] else ""
        print(f"{metric:<16}" + "".join(f"{v:>14.1f}" for v in row) + ratio)


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        print(json.dumps(child(sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5]))))
    else:
        main()
