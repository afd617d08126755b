"""Time expression benchmark on TempEval-3 training data (TimeBank + AQUAINT, TimeML).

For every document the text between <TEXT> tags is rebuilt without markup and
`newsdesk.enrich.timex.find_times` runs on it with the document creation time (DCT) as
reference. Scored against the gold TIMEX3 of type DATE and TIME:

- found: gold timexes overlapped by a predicted mention (any kind);
- value accuracy: of the found gold, the share whose best-overlapping prediction has exactly
  the gold value (string equality, TimeML values);
- P / R / F1: a prediction of kind date/range/time is correct when it overlaps a gold DATE/TIME
  with the exact value; precision over those predictions, recall over gold DATE/TIME.

Baseline "dateparser alone", measured in the same run: dateparser.parse(gold text,
RELATIVE_BASE=DCT) — it is handed the gold span, so it needs no extraction — and its result is
formatted at the gold value's granularity (day, month, year, ISO week, quarter, half, clock
time; a gold day part such as TMO is copied over). Gold values dateparser cannot express at all
(PRESENT_REF, seasons, decades) count as wrong; None counts as wrong. Its accuracy is shown over
all gold and over the same found gold as ours.

    .venv/bin/python bench/timex_bench.py [--limit N]
"""

from __future__ import annotations

import argparse
import html
import re
import resource
import sys
import time
import tracemalloc
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT / ".." / "shared"
TEMPEVAL = SHARED / "bench" / "timex" / "tempeval3-train"
sys.path.insert(0, str(ROOT))

from newsdesk.enrich.timex import find_times  # noqa: E402

_TAG = re.compile(r"<(/?)(\w+)([^>]*)>")
_ATTR = re.compile(r'(\w+)="([^"]*)"')


@dataclass
class Gold:
    text: str
    start: int
    end: int
    type: str
    value: str


@dataclass
class Doc:
    name: str
    split: str
    dct: datetime
    text: str
    gold: list[Gold]


def load_doc(path: Path) -> Doc:
    raw = path.read_text(encoding="utf-8")
    dct = re.search(r'<DCT><TIMEX3[^>]*value="([^"]+)"', raw).group(1)
    body = raw[raw.index("<TEXT>") + 6: raw.index("</TEXT>")]
    parts: list[str] = []
    length = 0
    open_timex: tuple[int, dict] | None = None
    gold: list[Gold] = []
    pos = 0
    for m in _TAG.finditer(body):
        chunk = html.unescape(body[pos:m.start()])
        parts.append(chunk)
        length += len(chunk)
        pos = m.end()
        if m.group(2) != "TIMEX3":
            continue
        if not m.group(1):
            open_timex = (length, dict(_ATTR.findall(m.group(3))))
        elif open_timex:
            start, attrs = open_timex
            text = "".join(parts)[start:length]
            gold.append(Gold(text, start, length, attrs.get("type", ""), attrs.get("value", "")))
            open_timex = None
    parts.append(html.unescape(body[pos:]))
    return Doc(path.stem, path.parent.name, datetime.fromisoformat(dct[:10]), "".join(parts), gold)


def load_docs(limit: int | None = None) -> list[Doc]:
    paths = sorted(TEMPEVAL.glob("*/*.tml"))
    if limit:
        paths = paths[:limit]
    return [load_doc(p) for p in paths]


def _dateparser_value(text: str, dct: datetime, gold: str) -> str | None:
    import dateparser  # noqa: PLC0415 - only the baseline needs it

    try:
        d = dateparser.parse(text, settings={"RELATIVE_BASE": dct})
    except Exception:  # noqa: BLE001 - the baseline failing on odd input counts as wrong
        return None
    if d is None:
        return None
    if re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d", gold):
        return d.strftime("%Y-%m-%dT%H:%M")
    if re.fullmatch(r"\d{4}-\d\d-\d\dT[A-Z]{2}", gold):
        return d.strftime("%Y-%m-%d") + gold[10:]
    if re.fullmatch(r"\d{4}-\d\d-\d\d", gold):
        return d.strftime("%Y-%m-%d")
    if re.fullmatch(r"\d{4}-\d\d", gold):
        return d.strftime("%Y-%m")
    if re.fullmatch(r"\d{4}", gold):
        return d.strftime("%Y")
    if re.fullmatch(r"\d{4}-W\d\d", gold):
        y, w, _ = d.isocalendar()
        return f"{y}-W{w:02d}"
    if re.fullmatch(r"\d{4}-Q\d", gold):
        return f"{d.year}-Q{(d.month - 1) // 3 + 1}"
    if re.fullmatch(r"\d{4}-H\d", gold):
        return f"{d.year}-H{1 if d.month <= 6 else 2}"
    return d.strftime("%Y-%m-%d")


def _overlap(a0: int, a1: int, b0: int, b1: int) -> int:
    return min(a1, b1) - max(a0, b0)


@dataclass
class Tally:
    docs: int = 0
    gold: int = 0
    found: int = 0
    found_right: int = 0
    predicted: int = 0
    correct_pred: int = 0
    base_right: int = 0
    base_right_found: int = 0
    seconds: float = 0.0
    base_seconds: float = 0.0


def score_doc(doc: Doc, tally: Tally, errors: list[str] | None = None) -> None:
    gold = [g for g in doc.gold if g.type in ("DATE", "TIME")]
    t0 = time.perf_counter()
    pred = find_times(doc.text, doc.dct)
    tally.seconds += time.perf_counter() - t0
    tally.docs += 1
    tally.gold += len(gold)
    for g in gold:
        best = max(pred, key=lambda p: _overlap(p.start, p.end, g.start, g.end), default=None)
        found = best is not None and _overlap(best.start, best.end, g.start, g.end) > 0
        t1 = time.perf_counter()
        base_ok = _dateparser_value(g.text, doc.dct, g.value) == g.value
        tally.base_seconds += time.perf_counter() - t1
        tally.base_right += base_ok
        if not found:
            if errors is not None:
                errors.append(f"MISS {doc.split}/{doc.name} dct={doc.dct.date()} {g.text!r} gold={g.value}")
            continue
        tally.found += 1
        tally.base_right_found += base_ok
        if best.value == g.value:
            tally.found_right += 1
        elif errors is not None:
            errors.append(f"WRONG {doc.split}/{doc.name} dct={doc.dct.date()} gold {g.text!r}={g.value}"
                          f" ours {best.text!r}={best.value}")
    for p in pred:
        if p.kind not in ("date", "range", "time"):
            continue
        tally.predicted += 1
        ok = any(_overlap(p.start, p.end, g.start, g.end) > 0 and g.value == p.value for g in gold)
        tally.correct_pred += ok
        if not ok and errors is not None and not any(
            _overlap(p.start, p.end, g.start, g.end) > 0 for g in gold
        ):
            errors.append(f"EXTRA {doc.split}/{doc.name} {p.text!r}={p.value}")


def _row(split: str, t: Tally) -> dict:
    acc = t.found_right / t.found if t.found else 0.0
    p = t.correct_pred / t.predicted if t.predicted else 0.0
    r = t.correct_pred / t.gold if t.gold else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return {
        "split": split, "docs": t.docs, "gold": t.gold, "found": t.found, "value_acc": acc,
        "P": p, "R": r, "F1": f1,
        "baseline_acc_all": t.base_right / t.gold if t.gold else 0.0,
        "baseline_acc_found": t.base_right_found / t.found if t.found else 0.0,
        "ms_per_doc": 1000 * t.seconds / max(t.docs, 1),
        "baseline_ms_per_doc": 1000 * t.base_seconds / max(t.docs, 1),
    }


def run_time_benchmark(limit: int | None = None, show_errors: bool = False) -> list[dict]:
    """Score find_times on TempEval-3 train; print the table; return one row per split + total."""
    if not TEMPEVAL.exists():
        print(f"TempEval-3 data not present: {TEMPEVAL}")
        return []
    docs = load_docs(limit)
    tallies = {"TimeBank": Tally(), "AQUAINT": Tally(), "all": Tally()}
    errors: list[str] | None = [] if show_errors else None
    _dateparser_value("next Friday", datetime(2000, 1, 1), "2000-01-07")  # warm both up: imports,
    find_times("next Friday", datetime(2000, 1, 1))  # language data, lazy compiles are not timed
    tracemalloc.start()
    for doc in docs:
        score_doc(doc, tallies[doc.split] if doc.split in tallies else tallies["all"], errors)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    total = tallies["all"]
    for name in ("TimeBank", "AQUAINT"):
        for field in total.__dataclass_fields__:
            setattr(total, field, getattr(total, field) + getattr(tallies[name], field))
    rows = [_row(name, t) for name, t in tallies.items() if t.docs]
    if errors:
        print("\n".join(errors))
    print("TempEval-3 train, DATE+TIME timexes, reference = document creation time")
    print(f"{'split':<10}{'docs':>5}{'gold':>6}{'found':>6}{'val.acc':>8}{'P':>7}{'R':>7}{'F1':>7}"
          f"{'dp.all':>8}{'dp.found':>9}{'ms/doc':>8}{'dp ms/doc':>10}")
    for r in rows:
        print(f"{r['split']:<10}{r['docs']:>5}{r['gold']:>6}{r['found']:>6}{r['value_acc']:>8.3f}"
              f"{r['P']:>7.3f}{r['R']:>7.3f}{r['F1']:>7.3f}{r['baseline_acc_all']:>8.3f}"
              f"{r['baseline_acc_found']:>9.3f}{r['ms_per_doc']:>8.2f}{r['baseline_ms_per_doc']:>10.2f}")
    last = rows[-1]
    ratio = last["value_acc"] / last["baseline_acc_found"] if last["baseline_acc_found"] else float("inf")
    print(f"value accuracy ratio newsdesk/dateparser (same found gold): {ratio:.2f}x")
    print("dp = dateparser.parse(gold text, RELATIVE_BASE=DCT) formatted at the gold granularity; "
          "it is given the gold span (no extraction); dp.found = on the gold we found")
    print(f"peak memory: traced {peak / 2**20:.1f} MB during the run, "
          f"max RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--errors", action="store_true", help="list misses, wrong values, extras")
    args = parser.parse_args()
    run_time_benchmark(args.limit, args.errors)


if __name__ == "__main__":
    main()
