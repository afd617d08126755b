"""Stories benchmarks.

    .venv/bin/python bench/stories.py quality          # ECB+ dev: B-cubed P/R/F1, ours vs TF-IDF + agglomerative
    .venv/bin/python bench/stories.py quality --quick --profile fast  # ... enriched and embedded by the fast profile
    .venv/bin/python bench/stories.py loto             # ... every setting chosen with one topic held out, 23 times
    .venv/bin/python bench/stories.py scale            # stories + store step per article at 10k and 100k stored
    .venv/bin/python bench/stories.py scale --scale    # ... and at 1M (real SQLite store, ~15 GB, delete --dir after)
    .venv/bin/python bench/stories.py scale --engine-only  # the engine alone on synthetic vectors
    .venv/bin/python bench/stories.py scale --resume --dir D  # time again on the store an earlier run left in D

Quality: every document goes through the project's own extract and enrich stages as
flattened text, then StoryEngine assigns them online (one global setting, several
arrival orders averaged). The baseline clusters TF-IDF vectors of the same texts with
average-link agglomerative clustering; its distance threshold is swept and its best
F1 reported, so the comparison is against the strongest version of it. An honest
split follows: the link bar (ours) and the threshold (baseline) are chosen on the
odd-numbered topics and scored on the even ones, and the other way round.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import resource
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
ECB = SHARED / "bench" / "stories" / "ecbplus-dev"
# per-checkout cache, keyed by the extract/enrich code that produced it (a stale cache
# would score yesterday's enrichment)
CACHE = Path(os.environ.get("NEWSDESK_BENCH_CACHE", "/tmp/newsdesk-bench-stories"))


def code_version() -> str:
    """Hash of the extract and enrich sources: the enrichment cache is only valid for them."""
    digest = hashlib.sha1()
    for path in sorted((ROOT / "newsdesk").glob("e[nx]*/**/*")):
        if path.is_file() and path.suffix in {".py", ".json"}:
            digest.update(path.read_bytes())
    return digest.hexdigest()[:12]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(SHARED / "bench"))

from newsdesk.models import Article, RawDocument  # noqa: E402
from newsdesk.stories import Params, StoryEngine  # noqa: E402

ORDERS = 3


# ---------------------------------------------------------------------- data


PROFILE = "quality"  # [enrich] profile of the enrichment and the MiniLM vectors (--profile)


def ecb_articles() -> tuple[list[str], list[Article], dict[str, str]]:
    """(names, enriched articles, gold) for the ECB+ dev documents; enrichment cached in /tmp."""
    from ecbplus_data import load_all

    from newsdesk.enrich import enrich_many
    from newsdesk.extract import extract

    docs = load_all(ECB)
    gold = {d.name: d.gold for d in docs}
    CACHE.mkdir(parents=True, exist_ok=True)
    suffix = "" if PROFILE == "quality" else f"-{PROFILE}"
    cache = CACHE / f"ecb-enriched-{len(docs)}-{code_version()}{suffix}.jsonl"
    if cache.exists():
        rows = [json.loads(x) for x in cache.read_text().splitlines()]
        return [r["name"] for r in rows], [Article.from_json(r["article"]) for r in rows], gold
    names, arts = [], []
    for d in docs:
        try:
            arts.append(extract(RawDocument(uri=d.name, content=d.text.encode(), format="text"), fast=PROFILE == "fast"))
            names.append(d.name)
        except Exception as exc:  # noqa: BLE001 - counted as a singleton by the scorer
            print(f"extract failed: {d.name}: {exc}", file=sys.stderr)
    t = time.perf_counter()
    arts = list(enrich_many(arts, profile=PROFILE))
    print(f"enriched {len(arts)} documents in {time.perf_counter() - t:.1f}s", file=sys.stderr)
    cache.write_text("\n".join(json.dumps({"name": n, "article": a.to_json()}) for n, a in zip(names, arts)))
    return names, arts, gold


def run_engine(names: list[str], arts: list[Article], vectors: np.ndarray, embedder: str,
               params: Params | None = None, seed: int = 0) -> dict[str, object]:
    """One arrival order through the engine; each document's story as the engine has it at the end."""
    order = list(range(len(arts)))
    random.Random(seed).shuffle(order)
    engine = StoryEngine(embedder=embedder, params=params)
    pred: dict[str, object] = {}
    for i in order:
        a = engine.assign(i, arts[i], vector=vectors[i])
        sid = a.story_id
        if sid is None:
            sid = 10_000 + i
            engine.confirm(i, sid)
        pred[names[i]] = sid
    # merges and splits since: the engine's last word on each article (evicted ones keep their label)
    for i in order:
        pred[names[i]] = engine.article_story.get(i, pred[names[i]])
    return pred


def tfidf_agglomerative(arts: list[Article], threshold: float) -> list[int]:
    from sklearn.cluster import AgglomerativeClustering
    from sklearn.feature_extraction.text import TfidfVectorizer

    x = TfidfVectorizer(sublinear_tf=True, stop_words="english", min_df=1).fit_transform(
        [f"{a.title or ''}\n{a.text}" for a in arts]).toarray()
    model = AgglomerativeClustering(n_clusters=None, metric="cosine", linkage="average", distance_threshold=threshold)
    return list(model.fit_predict(x))


# ---------------------------------------------------------------------- quality


GRIDS = {"minilm": [0.1, 0.15, 0.2, 0.25, 0.3], "hashing": [0.05, 0.1, 0.15, 0.2, 0.25]}  # link bar
RATIOS = [0.8, 0.9, 1.0]  # split when the closest cross pair is under this share of the groups' own links
BASE_GRID = [0.5, 0.6, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95]


def engine_f1(names, arts, gold, vectors, embedder, threshold=None, ratio=None, orders=ORDERS):
    from scoring import b_cubed

    params = Params(threshold=threshold) if ratio is None else Params(threshold=threshold, split_ratio=ratio)
    scores = [b_cubed(run_engine(names, arts, vectors, embedder, params, seed=seed), gold) for seed in range(orders)]
    return tuple(float(np.mean([s[k] for s in scores])) for k in range(3))  # type: ignore[return-value]


def baseline_f1(names, arts, gold, threshold) -> tuple[float, float, float]:
    from scoring import b_cubed

    return b_cubed({n: int(lab) for n, lab in zip(names, tfidf_agglomerative(arts, threshold))}, gold)


def half(names, arts, gold, vectors, parity: int):
    keep = [i for i, n in enumerate(names) if int(gold[n].split("/")[0]) % 2 == parity]
    sub_names = [names[i] for i in keep]
    return sub_names, [arts[i] for i in keep], {n: gold[n] for n in sub_names}, vectors[keep]


def honest_split(names, arts, gold, vectors, embedder) -> list[tuple]:
    """Tune the link bar (and the baseline's threshold) on one half of the topics, report on the other."""
    rows = []
    for tune, test in [(1, 0), (0, 1)]:
        tn, ta, tg, tv = half(names, arts, gold, vectors, tune)
        en, ea, eg, ev = half(names, arts, gold, vectors, test)
        grid = [(bar, ratio) for bar in GRIDS[embedder] for ratio in RATIOS]
        bar, ratio = max(grid, key=lambda g: engine_f1(tn, ta, tg, tv, embedder, *g, orders=2)[2])
        thr = max(BASE_GRID, key=lambda t: baseline_f1(tn, ta, tg, t)[2])
        ours, base = engine_f1(en, ea, eg, ev, embedder, bar, ratio), baseline_f1(en, ea, eg, thr)
        label = f"tune {'odd' if tune else 'even'} -> test {'even' if test == 0 else 'odd'}"
        rows.append((label, len(en), f"{bar:.2f}/{ratio:.1f}", ours, thr, base))
    return rows


# ---------------------------------------------------------------------- leave one topic out


def b_cubed_items(pred: dict[str, object], gold: dict[str, str]) -> dict[str, tuple[float, float]]:
    """Each document's own B-cubed precision and recall (the shared scorer's formula, kept per
    item so a held-out topic's documents can be scored alone and pooled across folds)."""
    pc: dict[object, set[str]] = {}
    gc: dict[str, set[str]] = {}
    for i in gold:
        pc.setdefault(pred.get(i, ("solo", i)), set()).add(i)
        gc.setdefault(gold[i], set()).add(i)
    out = {}
    for i in gold:
        a, b = pc[pred.get(i, ("solo", i))], gc[gold[i]]
        inter = len(a & b)
        out[i] = (inter / len(a), inter / len(b))
    return out


def pooled(items: list[tuple[float, float]]) -> tuple[float, float, float]:
    p = sum(x for x, _ in items) / len(items)
    r = sum(y for _, y in items) / len(items)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def topic_of(gold_label: str) -> str:
    return gold_label.split("/")[0]


def leave_one_topic_out(table: dict[object, dict[str, tuple[float, float]]], gold: dict[str, str]):
    """table: setting -> per-document (P, R) on the whole set. For each topic, the setting with
    the best pooled F1 on the other topics' documents is chosen, then that topic's documents
    are scored with it; the held-out scores of all topics are pooled. Returns (P, R, F1, chosen)."""
    topics = sorted({topic_of(g) for g in gold.values()}, key=int)
    held: list[tuple[float, float]] = []
    chosen: list[object] = []
    for topic in topics:
        rest = [n for n in gold if topic_of(gold[n]) != topic]
        best = max(table, key=lambda s: pooled([table[s][n] for n in rest])[2])
        chosen.append(best)
        held += [table[best][n] for n in gold if topic_of(gold[n]) == topic]
    return (*pooled(held), chosen)


def engine_table(names, arts, gold, vectors, embedder, orders=ORDERS):
    """Per-document (P, R) of every (bar, split ratio) setting, averaged over arrival orders.
    Each run holds all topics at once, so confusions across topics still cost precision."""
    table = {}
    for bar in GRIDS[embedder]:
        for ratio in RATIOS:
            runs = [b_cubed_items(run_engine(names, arts, vectors, embedder, Params(threshold=bar, split_ratio=ratio),
                                             seed=seed), gold) for seed in range(orders)]
            table[(bar, ratio)] = {n: (float(np.mean([r[n][0] for r in runs])), float(np.mean([r[n][1] for r in runs])))
                                   for n in gold}
    return table


def baseline_table(names, arts, gold):
    return {thr: b_cubed_items({n: int(lab) for n, lab in zip(names, tfidf_agglomerative(arts, thr))}, gold)
            for thr in BASE_GRID}


def loto(args: argparse.Namespace) -> None:
    """Leave one topic out: the engine's link bar and split ratio, and the baseline's distance
    threshold, are each chosen on the other 22 topics; the held-out topic is then scored.
    Pooled B-cubed over all held-out topics is what an unseen topic should expect."""
    if not ECB.exists():
        sys.exit(f"ECB+ data not present: {ECB}")
    names, arts, gold = ecb_articles()
    gold = {n: gold[n] for n in names}  # a document extract failed on is not scored by either side
    t = time.perf_counter()
    cpu = time.process_time()
    base = leave_one_topic_out(baseline_table(names, arts, gold), gold)
    rows = [("TF-IDF + agglomerative", base)]
    for embedder in args.embedders:
        engine = StoryEngine(embedder=embedder)
        vectors = engine.vectors(arts)
        rows.insert(len(rows) - 1, (f"StoryEngine ({embedder})", leave_one_topic_out(
            engine_table(names, arts, gold, vectors, embedder), gold)))
        print(f"  {embedder} done after {time.perf_counter() - t:.0f}s", file=sys.stderr)
    print(f"ECB+ dev, leave one topic out: {len(names)} documents, "
          f"{len({topic_of(g) for g in gold.values()})} topics, {len(set(gold.values()))} gold stories; "
          f"settings chosen on the other topics, {ORDERS} arrival orders averaged\n")
    print(f"{'pooled held-out topics':30} {'P':>6} {'R':>6} {'F1':>6} {'margin':>7}  settings chosen (count)")
    for name, (p, r, f, chosen) in rows:
        counts = ", ".join(f"{_setting(s)} x{chosen.count(s)}" for s in sorted(set(chosen), key=str))
        print(f"{name:30} {p:6.3f} {r:6.3f} {f:6.3f} {f - base[2]:+7.3f}  {counts}")
    print(f"\nwall {time.perf_counter() - t:.0f}s, CPU {time.process_time() - cpu:.0f}s, "
          f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}, "
          f"peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


def _setting(s: object) -> str:
    return f"bar {s[0]:.2f}/split {s[1]:.1f}" if isinstance(s, tuple) else f"thr {s}"


def quality(args: argparse.Namespace) -> None:
    if not ECB.exists():
        sys.exit(f"ECB+ data not present: {ECB}")
    names, arts, gold = ecb_articles()
    rows, splits = [], {}
    for embedder in ["minilm", "hashing"]:
        engine = StoryEngine(embedder=embedder)
        if embedder == "minilm" and PROFILE != "quality":
            from newsdesk.stories.embed import profile_embedder

            engine = StoryEngine(embedder=profile_embedder(PROFILE, CACHE))  # its int8 model cached there
        t = time.perf_counter()
        vectors = engine.vectors(arts)
        embed_s = time.perf_counter() - t
        t = time.perf_counter()
        p, r, f = engine_f1(names, arts, gold, vectors, embedder)
        assign_s = (time.perf_counter() - t) / ORDERS
        rows.append((f"StoryEngine ({embedder}, default bar {engine._threshold()})", p, r, f,
                     (embed_s + assign_s) / len(arts) * 1000))
        if not args.quick:
            splits[embedder] = honest_split(names, arts, gold, vectors, embedder)
    base_best = None
    for thr in BASE_GRID:
        t = time.perf_counter()
        p, r, f = baseline_f1(names, arts, gold, thr)
        ms = (time.perf_counter() - t) / len(arts) * 1000
        if base_best is None or f > base_best[3]:
            base_best = (f"TF-IDF + agglomerative (best threshold {thr})", p, r, f, ms)
    rows.append(base_best)
    print(f"ECB+ dev: {len(arts)} documents, {len(set(gold.values()))} gold stories, "
          f"{ORDERS} arrival orders averaged; [enrich] profile = {PROFILE!r}\n")
    print(f"{'whole set':52} {'P':>6} {'R':>6} {'F1':>6} {'ms/doc':>8}")
    for name, p, r, f, ms in rows:
        print(f"{name:52} {p:6.3f} {r:6.3f} {f:6.3f} {ms:8.2f}")
    print(f"\nF1 margin over the baseline: MiniLM {rows[0][3] - base_best[3]:+.3f}, "
          f"hashing fallback {rows[1][3] - base_best[3]:+.3f}")
    for embedder, srows in splits.items():
        print(f"\nhonest split ({embedder}): bar and baseline threshold chosen on one half of the topics")
        print(f"{'':26} {'docs':>5} {'bar/split':>9} {'P':>6} {'R':>6} {'F1':>6} {'base thr':>8} {'base F1':>8} "
              f"{'margin':>7}")
        for label, n, bar, (p, r, f), thr, (_, _, bf) in srows:
            print(f"{label:26} {n:5d} {bar:>9} {p:6.3f} {r:6.3f} {f:6.3f} {thr:8.2f} {bf:8.3f} {f - bf:+7.3f}")
    print(f"\npeak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


# ---------------------------------------------------------------------- scale


def scale_engine(args: argparse.Namespace) -> None:
    """Engine only (`scale --engine-only`). Synthetic stream: 4,000 story 'seeds' (random unit vectors, each with its entities and
    words), each article a noisy copy of a seed active that day, 1,000 articles a day; timings
    are for the next 2,000 articles after N are stored (vectors given, so only the engine is
    timed; embedding the lead is a fixed cost per article at any size)."""
    sizes = getattr(args, "sizes", None) or [10_000, 100_000] + ([1_000_000] if args.scale else [])
    rng = np.random.default_rng(0)
    dim = 384
    n_seeds = 4000
    seeds = rng.standard_normal((n_seeds, dim)).astype(np.float32)
    seeds /= np.linalg.norm(seeds, axis=1, keepdims=True)
    vocab = [f"entity{i}" for i in range(20_000)]
    seed_ents = [[vocab[j] for j in rng.integers(0, len(vocab), 6)] for _ in range(n_seeds)]
    per_day = 1000  # a busy self-hosted desk; the window (10 days) holds ~10k articles
    t0 = 1.7e9
    from newsdesk.models import EntityMention

    def make(i: int) -> tuple[Article, np.ndarray]:
        # stories live a few days: the seed in use drifts with time so old ones stop recurring
        day = i / per_day
        s = int((day * 300 + rng.integers(0, 600)) % n_seeds)
        # MiniLM-like: reports of one event ~0.8 cosine apart, unrelated ones ~0
        v = seeds[s] + 0.5 * rng.standard_normal(dim).astype(np.float32) / np.sqrt(dim)
        v /= np.linalg.norm(v)
        ents = [EntityMention(e, "ORG", 0, 1, e) for e in seed_ents[s][: 3 + i % 3]]
        # story words plus this report's own: reports of a story are related, not copies
        words = [f"s{s}w{k}" for k in rng.integers(0, 40, 25)] + [f"w{k}" for k in rng.integers(0, 50_000, 60)]
        text = " ".join(words)
        from datetime import datetime, timezone
        a = Article(outlet=f"outlet{i % 50}", title=f"seed {s}", text=text, entities=ents,
                    published=datetime.fromtimestamp(t0 + i * 86400 / per_day, tz=timezone.utc))
        return a, v

    engine = StoryEngine(embedder="minilm")
    engine._embedder = type("Fixed", (), {"name": "minilm", "dim": dim, "embed": None})()  # vectors are given
    rows = []
    n = 0
    next_id = 1
    t_start = time.perf_counter()
    for size in sizes:
        while n < size:
            a, v = make(n)
            if engine.find_duplicate(a) is None:
                asg = engine.assign(n, a, vector=v)
                if asg.story_id is None:
                    engine.confirm(n, next_id)
                    next_id += 1
            n += 1
        sample = [make(n + k) for k in range(2000)]
        t = time.perf_counter()
        for k, (a, v) in enumerate(sample):
            engine.find_duplicate(a)
            asg = engine.assign(n + k, a, vector=v)
            if asg.story_id is None:
                engine.confirm(n + k, next_id)
                next_id += 1
        per = (time.perf_counter() - t) / len(sample) * 1000
        n += len(sample)
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        blob = len(engine.dump())
        rows.append((size, per, len(engine.stories), len(engine.dups), rss, blob / 2**20))
        print(f"  {size:>9,} stored after {time.perf_counter() - t_start:.0f}s", file=sys.stderr)
    print(f"{'stored':>10} {'ms/article':>11} {'vs 10k':>7} {'live stories':>13} {'live copies':>12} "
          f"{'peak RSS MB':>11} {'blob MB':>8}")
    for size, per, stories, copies, mb, blob in rows:
        print(f"{size:>10,} {per:11.3f} {per / rows[0][1]:7.2f} {stories:>13,} {copies:>12,} {mb:11.0f} {blob:8.1f}")
    print(f"\nembedding (MiniLM, measured separately) adds a fixed ~15-20 ms per article at any size")
    print(f"peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


# ---------------------------------------------------------------------- scale, product path

PER_DAY = 1000  # a busy self-hosted desk: the engine's 10-day window holds ~10k articles
N_SEEDS = 4000  # events; each article is a report of one event active that day
T0 = 1.7e9


@dataclass
class Synth:
    """Synthetic reports built from the ECB+ documents (the shared corpus): an event is a
    template document with its own words and vector direction; a report of it keeps two
    thirds of the template's words (so no two reports are near-copies) and its entities."""

    templates: list[Article]
    vectors: np.ndarray  # the engine's vectors of the templates
    rng: np.random.Generator

    def __post_init__(self) -> None:
        dim = self.vectors.shape[1]
        noise = self.rng.standard_normal((N_SEEDS, dim)).astype(np.float32)
        noise /= np.linalg.norm(noise, axis=1, keepdims=True)
        base = self.vectors[np.arange(N_SEEDS) % len(self.templates)]
        self.seed_vecs = base + 0.6 * noise  # events of one template differ, reports of one event agree
        self.words = [np.array(t.text.split()) for t in self.templates]

    def old_article(self, i: int) -> Article:
        """A report for the bulk fill (the store's history, never compared again): its title,
        text, URL, outlet, date and first entities, without quotes, times and sentence offsets
        (serialising and indexing those took ~5 ms an article: a 1M fill of hours)."""
        from dataclasses import replace

        a, _ = self.article(i)
        return replace(a, entities=a.entities[:8], quotes=[], times=[], events=[], sentences=[], key_points=[])

    def article(self, i: int) -> tuple[Article, np.ndarray]:
        from dataclasses import replace
        from datetime import datetime, timezone

        day = i / PER_DAY
        s = int((day * 300 + self.rng.integers(0, 600)) % N_SEEDS)  # events live a few days
        t = s % len(self.templates)
        words = self.words[t].copy()
        roll = self.rng.random(len(words))
        ev = roll < 0.2
        words[ev] = [f"e{s}w{k}" for k in self.rng.integers(0, 40, int(ev.sum()))]
        own = (roll >= 0.2) & (roll < 0.33)
        words[own] = [f"w{k}" for k in self.rng.integers(0, 50_000, int(own.sum()))]
        v = self.seed_vecs[s] + 0.35 * self.rng.standard_normal(self.vectors.shape[1]).astype(np.float32)
        outlet = f"outlet{i % 50}"
        a = replace(self.templates[t], url=f"https://{outlet}.example/news/{i}", canonical_url=None, outlet=outlet,
                    title=f"{self.templates[t].title or 'Report'} ({s})", text=" ".join(words),
                    published=datetime.fromtimestamp(T0 + i * 86400 / PER_DAY, tz=timezone.utc))
        return a, v / np.linalg.norm(v)


def _rss_mb() -> float:
    return int(Path("/proc/self/statm").read_text().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def _db_gb(path: Path) -> float:
    return sum(f.stat().st_size for f in path.parent.glob(path.name + "*")) / 2**30


def scale(args: argparse.Namespace) -> None:
    """The product path at 10k, 100k (and 1M): a real SQLite store is filled with synthetic
    reports (bulk insert for the old ones, the real ingest step for the last `--warm`, so the
    engine holds a full window), then the stories + store step (Processor.store_chunk:
    duplicate check, assignment, article + vector + story rows, story data, engine state
    every 30 s) is timed on the next `--sample` articles. Vectors are given: embedding is a
    fixed cost per article at any size. Raw bytes are recorded before the clock starts."""
    if args.engine_only:
        return scale_engine(args)
    from newsdesk.config import Config
    from newsdesk.models import RawDocument as Raw
    from newsdesk.pipeline.process import CHUNK, Processor
    from newsdesk.pipeline.report import IngestReport
    from newsdesk.store import open_store

    sizes = args.sizes or [10_000, 100_000] + ([1_000_000] if args.scale else [])
    folder = Path(args.dir)
    if folder.exists() and not args.resume:
        sys.exit(f"{folder}: exists; give an empty --dir (the store is built from scratch)")
    if args.resume and not (folder / "scale.db").exists():
        sys.exit(f"{folder}: no scale.db to resume (run `scale` with this --dir first)")
    config = Config(data_dir=str(folder), database_url=f"sqlite:///{folder / 'scale.db'}")
    store = open_store(config)
    processor = Processor(store, config)
    _, templates, _ = ecb_articles()
    synth = Synth(templates, np.asarray(processor.engine.vectors(templates)), np.random.default_rng(0))
    print(f"embedder {processor.engine.embedder_name}, {len(templates)} templates, {N_SEEDS} events", file=sys.stderr)

    def step(start: int, count: int) -> tuple[float, float]:
        """The real ingest step over articles start..start+count; (wall s, CPU s) of it."""
        made = [synth.article(i) for i in range(start, start + count)]
        records = [store.put_raw(Raw(uri=a.url, content=a.text.encode(), format="text"))[0] for a, _ in made]
        wall, cpu = time.perf_counter(), time.process_time()
        report = IngestReport()
        for k in range(0, count, CHUNK):
            processor.store_chunk([(r, a, v) for r, (a, v) in zip(records[k:k + CHUNK], made[k:k + CHUNK])], report)
        return time.perf_counter() - wall, time.process_time() - cpu

    rows, n, t_start = [], 0, time.perf_counter()
    if args.resume:  # the synthetic stream goes on where the earlier run stopped (same days, same events)
        newest = store.db.conn().execute("SELECT url_key FROM articles ORDER BY id DESC LIMIT 1").fetchone()[0]
        n = 1 + int(newest.rsplit("/", 1)[1])
        sizes = [n + args.warm]
        print(f"resuming after synthetic article {n - 1:,}", file=sys.stderr)
    for size in sizes:
        bulk_to = max(n, size - args.warm)
        while n < bulk_to:
            batch = min(5000, bulk_to - n)
            store.bulk_save_articles([(synth.old_article(i), None) for i in range(n, n + batch)])
            n += batch
        step(n, size - n)  # the engine's window, through the real step
        n = size
        wall, cpu = step(n, args.sample)
        n += args.sample
        rows.append((size, wall / args.sample * 1000, cpu / args.sample * 1000, _rss_mb(),
                     len(processor.engine.stories), _db_gb(Path(config.db_url[len("sqlite:///"):])),
                     os.getloadavg()[0]))
        if len(rows) == 1:  # each size printed when measured: a 1M run is long
            print(f"stories + store step, per article, SQLite, {args.sample} articles timed after N stored "
                  f"(the last {args.warm} of them through the same step)")
            print(f"{'stored':>10} {'ms/article':>11} {'CPU ms':>7} {'vs first':>8} {'RSS MB':>7} "
                  f"{'live stories':>13} {'DB GB':>6} {'load 1m':>8}")
        size, ms, cpu, rss, stories, gb, load = rows[-1]
        print(f"{size:>10,} {ms:11.2f} {cpu:7.2f} {ms / rows[0][1]:8.2f} {rss:7.0f} {stories:>13,} {gb:6.2f} "
              f"{load:8.2f}  (after {time.perf_counter() - t_start:.0f}s)", flush=True)
    processor.close()
    store.close()
    print(f"\nbuild + timing {time.perf_counter() - t_start:.0f}s; peak RSS "
          f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB; "
          f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}; the store is left in {folder}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("what", choices=["quality", "loto", "scale"])
    ap.add_argument("--scale", action="store_true", help="also run 1M stored articles (slow)")
    ap.add_argument("--engine-only", action="store_true", help="scale: the engine alone on synthetic vectors")
    ap.add_argument("--dir", default="/tmp/newsdesk-scale", help="scale: an empty folder for the store")
    ap.add_argument("--warm", type=int, default=5000, help="scale: articles through the real step before timing")
    ap.add_argument("--sizes", type=int, nargs="+", help="scale: stored sizes instead of 10k 100k (1M)")
    ap.add_argument("--resume", action="store_true",
                    help="scale: time again on the store an earlier run left in --dir (a 1M fill takes ~50 min)")
    ap.add_argument("--sample", type=int, default=2000, help="scale: articles timed at each size")
    ap.add_argument("--quick", action="store_true", help="quality: whole set only, no odd/even tuning")
    ap.add_argument("--profile", default="quality", choices=["quality", "fast"],
                    help="quality: the [enrich] profile that enriches and embeds the documents")
    ap.add_argument("--embedders", nargs="+", default=["minilm", "hashing"], help="loto: which embedders")
    args = ap.parse_args()
    global PROFILE
    PROFILE = args.profile
    {"quality": quality, "loto": loto, "scale": scale}[args.what](args)


if __name__ == "__main__":
    main()
