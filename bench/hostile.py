"""Hostile-input benchmark: worst-case time and memory per document, by input size.

For each hostile shape (deep nesting, many paragraphs, one giant line, many short lines,
random bytes) it times newsdesk's extract() and trafilatura alone on the same bytes, in
this process, with peak traced memory; then the rule-based enrichment on quote-dense and
date-dense text, and the pipeline's time-limited extractor on the largest page. These
numbers set the defaults of `[limits]` (pipeline/limits.py).

    .venv/bin/python bench/hostile.py [--sizes 65536,262144,1048576]
"""

from __future__ import annotations

import argparse
import random
import sys
import time
import tracemalloc
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import trafilatura  # noqa: E402

from newsdesk.config import LimitsConfig  # noqa: E402
from newsdesk.enrich import enrich  # noqa: E402
from newsdesk.extract import extract  # noqa: E402
from newsdesk.models import Article, RawDocument  # noqa: E402
from newsdesk.pipeline.limits import WARM_UP, LimitedExtractor  # noqa: E402

MB = 1024 * 1024


def shapes(size: int) -> dict[str, tuple[str, bytes]]:
    para = b"<p>Sentence number one is here. Another one follows.</p>"
    return {
        "nested divs": ("html", b"<html><body>" + b"<div>" * (size // 11) + b"<p>deep</p>" + b"</div>" * (size // 11)),
        "many paragraphs": ("html", b"<html><body>" + para * (size // len(para)) + b"</body></html>"),
        "one giant line": ("html", b"<html><body><p>" + b"word " * (size // 5) + b"</p></body></html>"),
        "many short lines": ("text", b"A short line of text here.\n" * (size // 27)),
        "random bytes": ("html", random.Random(size).randbytes(size)),
    }


def measure(run: Callable[[], object]) -> tuple[float, float, str]:
    tracemalloc.start()
    started = time.perf_counter()
    try:
        run()
        outcome = "ok"
    except Exception as exc:  # noqa: BLE001 - the outcome is part of the table
        outcome = type(exc).__name__
    elapsed = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1] / MB
    tracemalloc.stop()
    return elapsed, peak, outcome


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="65536,262144,1048576", help="input sizes in bytes, comma-separated")
    sizes = [int(s) for s in parser.parse_args().sizes.split(",")]
    extract(RawDocument(uri="warm", content=WARM_UP, format="html", encoding="utf-8"))  # lazy tables loaded
    print(f"{'shape':18} {'KB':>6} | {'newsdesk s':>10} {'peak MB':>8} {'result':>13} | "
          f"{'trafilatura s':>13} {'peak MB':>8} | {'ratio':>5}")
    for size in sizes:
        for name, (fmt, content) in shapes(size).items():
            raw = RawDocument(uri=name, content=content, format=fmt, encoding="cp1252")
            ours = measure(lambda: extract(raw))
            theirs = measure(lambda: trafilatura.extract(content.decode("cp1252", "replace")))
            print(f"{name:18} {size // 1024:>6} | {ours[0]:>10.2f} {ours[1]:>8.1f} {ours[2]:>13} | "
                  f"{theirs[0]:>13.2f} {theirs[1]:>8.1f} | {ours[0] / max(theirs[0], 1e-6):>5.1f}")
    print()
    print(f"{'enrich (rules)':18} {'KB':>6} | {'seconds':>10} {'peak MB':>8}")
    quotes = '"It was," he said. \'No\' she said, “yes” ‘but’ Trump\'s '
    dates = "On Monday, last week, 3 May 2024, next Tuesday at 5 pm, two days ago, in the spring of 2023. "
    for size in sizes:
        for name, unit in (("quote-dense", quotes), ("date-dense", dates)):
            text = unit * (size // len(unit))
            elapsed, peak, _ = measure(lambda: enrich(Article(text=text), use_model=False))
            print(f"{name:18} {size // 1024:>6} | {elapsed:>10.2f} {peak:>8.1f}")
    print()
    limit = LimitsConfig(extract_time_s=5.0, inline_bytes=64 * 1024)
    content = shapes(max(sizes) * 4)["many paragraphs"][1]
    limited = LimitedExtractor(limit)
    started = time.perf_counter()
    try:
        limited(RawDocument(uri="huge", content=content, format="html", encoding="utf-8"))
        outcome = "extracted"
    except Exception as exc:  # noqa: BLE001
        outcome = str(exc)
    limited.close()
    print(f"time-limited extractor, {len(content) // 1024} KB page, limit {limit.extract_time_s:g}s: "
          f"{time.perf_counter() - started:.2f}s -> {outcome}")


if __name__ == "__main__":
    main()
