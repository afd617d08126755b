"""Understanding benchmark: quotes and speakers on PolNeAR, entities, speed and memory.

Quotes: gold = PolNeAR Content spans that open and close with a quotation mark (direct
quotes; paraphrases are not scored). A predicted quote matches a gold one when their word
tokens overlap >= 0.5 both ways (one-to-one). PolNeAR keeps a quote continued after its cue
('"...," X said. "..."') as one Content span, so predicted fragments of one paragraph with
the same speaker and only a cue clause between them are joined before scoring (the raw
fragment score is printed too). Speaker accuracy: matched quotes whose gold Source is a
name (not a pronoun, not 'a source'); right when the predicted speaker span overlaps the
gold Source or the predicted canonical name shares its last word with it.
Baseline in the same run (same quotes, same entities): textacy-like "nearest PERSON before
the cue verb". Entities: exact-span precision/recall of PERSON/ORG/GPE on the seed article
against bench/data/seed_entities_gold.json (surface forms with their type), for the model
and for the rule-based fallback. The time benchmark of bench/timex_bench.py is printed too.

    .venv/bin/python bench/understanding.py [--split dev|train] [--limit N] [--profile quality|fast] [--quick]

--profile: the [enrich] profile newsdesk runs with (newsdesk/enrich/profiles.py); --quick: quotes,
speakers and seed entities only (no speed runs, no time benchmark).
"""

from __future__ import annotations

import argparse
import json
import re
import resource
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT / ".." / "shared"
POLNEAR = SHARED / "bench" / "quotes" / "polnear"
SEED = SHARED / "corpus" / "text" / "daily8-2025-05-11-putin-istanbul.txt"
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(SHARED / "bench"))

from polnear_data import Doc, load_split  # noqa: E402

from newsdesk.enrich import enrich_many  # noqa: E402
from newsdesk.enrich.lexicon import SPEECH_VERBS  # noqa: E402
from newsdesk.models import Article, Quote  # noqa: E402

_WORD = re.compile(r"\w+")
_PRONOUNS = {"he", "she", "they", "i", "we", "it", "you", "him", "her", "them", "his", "who"}
_NOT_NAMES = {"the", "a", "an", "this", "that", "these", "those", "one", "some", "many", "most", "but", "and", "in", "on"}


def _token_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _WORD.finditer(text, start, end)]


def _overlap_ok(text: str, a: tuple[int, int], b: tuple[int, int]) -> bool:
    ta, tb = _token_spans(text, *a), _token_spans(text, *b)
    if not ta or not tb:
        return False
    lo, hi = max(a[0], b[0]), min(a[1], b[1])
    inter = sum(1 for s, e in ta if s >= lo and e <= hi)
    return inter / len(ta) >= 0.5 and inter / len(tb) >= 0.5


def group_fragments(text: str, quotes: list[Quote]) -> list[tuple[int, int, Quote]]:
    """Join '"...," X said. "..."' fragments into one span, as PolNeAR annotates them."""
    out: list[tuple[int, int, Quote]] = []
    for q in quotes:
        if out and q.continues:
            s, _e, first = out[-1]
            out[-1] = (s, q.end, first)
            continue
        out.append((q.start, q.end, q))
    return out


def is_name(source: str) -> bool:
    words = source.split()
    if not words or words[0].lower() in _PRONOUNS:
        return False
    return any(w[:1].isupper() and w.lower() not in _NOT_NAMES | _PRONOUNS for w in words)


def speaker_right(text: str, name: str | None, span: tuple[int | None, int | None], gold: tuple[int, int]) -> bool:
    if not name:
        return False
    s, e = span
    if s is not None and e is not None and s < gold[1] and gold[0] < e:
        return True
    gold_words = {w.lower() for w in _WORD.findall(text[gold[0]:gold[1]])}
    last = _WORD.findall(name)[-1:] if _WORD.findall(name) else []
    return bool(last) and last[0].lower() in gold_words


def baseline_speaker(article: Article, q: Quote) -> tuple[str | None, tuple[int | None, int | None]]:
    """textacy-like: the cue verb nearest the quote, then the nearest PERSON before that verb."""
    text = article.text
    cue_pos = None
    after = re.search(r"\b(" + "|".join(v for v in SPEECH_VERBS if v.isalpha()) + r")\b", text[q.end:q.end + 80])
    if after:
        cue_pos = q.end + after.start()
    else:
        before = list(re.finditer(r"\b(" + "|".join(v for v in SPEECH_VERBS if v.isalpha()) + r")\b", text[max(0, q.start - 150):q.start]))
        if before:
            cue_pos = max(0, q.start - 150) + before[-1].start()
    if cue_pos is None:
        return None, (None, None)
    people = [e for e in article.entities if e.type == "PERSON" and e.end <= cue_pos]
    if not people:
        return None, (None, None)
    e = people[-1]
    return e.canonical or e.name, (e.start, e.end)


def score_quotes(docs: list[Doc], enriched: list[Article], grouped: bool, full_only: bool = True) -> dict[str, float]:
    tp = n_pred = n_gold = 0
    sp_right = sp_total = base_right = 0
    for doc, art in zip(docs, enriched):
        gold = [a for a in doc.attributions if a.direct]
        quotes = [q for q in art.quotes if not (full_only and q.partial)]
        preds = group_fragments(art.text, quotes) if grouped else [(q.start, q.end, q) for q in quotes]
        n_gold += len(gold)
        n_pred += len(preds)
        used: set[int] = set()
        for g in gold:
            span = (g.content.start, g.content.end)
            hit = next((i for i, p in enumerate(preds) if i not in used and _overlap_ok(art.text, span, p[:2])), None)
            if hit is None:
                continue
            used.add(hit)
            tp += 1
            q = preds[hit][2]
            if g.source and is_name(g.source.text):
                src = (g.source.start, g.source.end)
                sp_total += 1
                sp_right += speaker_right(art.text, q.speaker, (q.speaker_start, q.speaker_end), src)
                name, bspan = baseline_speaker(art, q)
                base_right += speaker_right(art.text, name, bspan, src)
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return {
        "gold": n_gold, "pred": n_pred, "P": p, "R": r, "F1": 2 * p * r / (p + r) if p + r else 0.0,
        "speaker_acc": sp_right / sp_total if sp_total else 0.0,
        "baseline_speaker_acc": base_right / sp_total if sp_total else 0.0, "speaker_n": sp_total,
    }


def _timed(fn: Callable[[], list[Article]]) -> tuple[list[Article], float]:
    t = time.perf_counter()
    out = fn()
    return out, time.perf_counter() - t


def entity_scores(use_model: bool, profile: str | None = None) -> dict[str, float]:
    gold_path = ROOT / "bench" / "data" / "seed_entities_gold.json"
    if not SEED.exists() or not gold_path.exists():
        return {}
    sys.path.insert(0, str(ROOT))
    from tests.enrich.seed import seed_article  # noqa: PLC0415 - the same article text the tests use

    article = seed_article(SEED)
    gold_forms: dict[str, str] = json.loads(gold_path.read_text())
    gold: set[tuple[int, int, str]] = set()
    for form, typ in sorted(gold_forms.items(), key=lambda kv: -len(kv[0])):
        for m in re.finditer(r"(?<!\w)" + re.escape(form) + r"(?!\w)", article.text):
            if not any(s <= m.start() < e for s, e, _ in gold):
                gold.add((m.start(), m.end(), typ))
    (out,) = list(enrich_many([article], use_model=use_model, profile=profile))
    pred = {(e.start, e.end, e.type) for e in out.entities if e.type in ("PERSON", "ORG", "GPE") and e.where == "text"}
    tp = len(pred & gold)
    p, r = tp / len(pred) if pred else 0.0, tp / len(gold) if gold else 0.0
    return {"P": p, "R": r, "F1": 2 * p * r / (p + r) if p + r else 0.0, "gold": len(gold)}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--split", default="dev", choices=["dev", "train"])
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--profile", default="quality", help="[enrich] profile: quality (default) or fast")
    ap.add_argument("--quick", action="store_true", help="quality numbers only: no speed runs, no time benchmark")
    args = ap.parse_args()
    if not POLNEAR.exists():
        sys.exit(f"PolNeAR not found at {POLNEAR}")
    docs = load_split(POLNEAR, args.split)
    if args.limit:
        docs = docs[: args.limit]
    articles = [Article(text=d.text) for d in docs]

    cpu = time.process_time()
    enriched, dt = _timed(lambda: list(enrich_many(articles, profile=args.profile)))
    cpu = time.process_time() - cpu
    fallback, dt_fb = _timed(lambda: list(enrich_many(articles, use_model=False)))
    words = sum(len(d.text.split()) for d in docs)

    print(f"\nPolNeAR {args.split}: {len(docs)} articles, {words} words; newsdesk with [enrich] profile = {args.profile!r}"
          f" ({1000 * cpu / len(docs):.0f} ms CPU per article, model loading included)")
    print(f"{'system':<34}{'gold':>6}{'pred':>6}{'P':>7}{'R':>7}{'F1':>7}{'spk acc':>9}{'n':>5}")
    for label, arts, grouped, full_only in [
        ("newsdesk (fragments joined)", enriched, True, True),
        ("newsdesk (raw fragments)", enriched, False, True),
        ("newsdesk (joined, + partial quotes)", enriched, True, False),
        ("newsdesk fallback NER (joined)", fallback, True, True),
    ]:
        s = score_quotes(docs, arts, grouped, full_only)
        print(f"{label:<34}{s['gold']:>6}{s['pred']:>6}{s['P']:>7.3f}{s['R']:>7.3f}{s['F1']:>7.3f}{s['speaker_acc']:>9.3f}{s['speaker_n']:>5}")
        if label.startswith("newsdesk (fragments"):
            base = s["baseline_speaker_acc"]
            print(f"{'baseline: nearest PERSON before cue':<34}{'':>6}{'':>6}{'':>7}{'':>7}{'':>7}{base:>9.3f}{s['speaker_n']:>5}")
            ratio = s["speaker_acc"] / base if base else float("inf")
            print(f"speaker accuracy ratio newsdesk/baseline: {ratio:.2f}x")

    print(f"\n{'entities on the seed (exact span+type)':<46}{'P':>7}{'R':>7}{'F1':>7}{'gold':>6}")
    for label, use_model in [(f"spaCy en_core_web_sm + canonical ({args.profile})", True), ("rule-based fallback", False)]:
        e = entity_scores(use_model, args.profile if use_model else None)
        if e:
            print(f"{label:<46}{e['P']:>7.3f}{e['R']:>7.3f}{e['F1']:>7.3f}{e['gold']:>6}")

    if args.quick:
        return
    _, dt_2p = _timed(lambda: list(enrich_many(articles, n_process=2, profile=args.profile)))
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\nspeed: model {len(docs) / dt:.1f} articles/s ({words / dt:.0f} words/s), "
          f"fallback {len(docs) / dt_fb:.1f} articles/s, ratio {dt / dt_fb:.1f}x; 1 process")
    print(f"speed with the model on 2 processes (nlp.pipe n_process=2): {len(docs) / dt_2p:.1f} articles/s")
    print(f"peak memory (max RSS of this process): {peak_mb:.0f} MB")

    try:
        from timex_bench import run_time_benchmark  # noqa: PLC0415 - written by the time helper
    except ImportError as exc:
        print(f"\ntime benchmark not available yet ({exc})")
    else:
        print("\ntime expressions (bench/timex_bench.py):")
        run_time_benchmark()


if __name__ == "__main__":
    main()
