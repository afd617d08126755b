"""Extraction benchmark: newsdesk against trafilatura, readability-lxml and newspaper4k.

Runs every extractor in this one process on the same pages of the shared sets
(ScrapingHub, WCXB dev articles) and prints mean precision, mean recall and F1 of
4-word shingles (../shared/bench/scoring.py), pages/s and peak memory. A second
table scores the flattened-text version of the same pages (html-text with
guess_layout=True): newsdesk's line classifier against 'keep everything' and
trafilatura on <p>-wrapped lines.

    .venv/bin/python bench/extraction.py [--limit N] [--sets scrapinghub,wcxb] [--only html|text]
"""

from __future__ import annotations

import argparse
import gzip
import html as htmllib
import json
import resource
import sys
import time
import tracemalloc
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT / ".." / "shared" / "bench"
sys.path.insert(0, str(BENCH))
sys.path.insert(0, str(ROOT))

from scoring import f1_of_means, shingle_pr  # noqa: E402

from newsdesk.extract import ExtractError, extract  # noqa: E402
from newsdesk.extract.decode import decode  # noqa: E402
from newsdesk.models import RawDocument  # noqa: E402

SETS = {
    "scrapinghub": BENCH / "extraction" / "scrapinghub",
    "wcxb": BENCH / "extraction" / "wcxb-dev-articles",
}
MEMORY_PAGES = 15  # peak memory is traced on this many pages (tracing slows everything down)


@dataclass
class Page:
    id: str
    content: bytes
    gold: str

    @property
    def html(self) -> str:
        return decode(self.content)


def load_pages(name: str, limit: int | None) -> list[Page]:
    """Pages of a set in sorted id order (the first `limit` of them)."""
    folder = SETS[name]
    if name == "scrapinghub":
        truth = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
        ids = sorted(truth)[:limit]
        golds = {i: truth[i]["articleBody"] for i in ids}
    else:
        ids = sorted(p.name.split(".")[0] for p in (folder / "html").glob("*.html.gz"))[:limit]
        golds = {
            i: json.loads((folder / "ground-truth" / f"{i}.json").read_text(encoding="utf-8"))["ground_truth"].get("main_content", "")
            for i in ids
        }
    return [Page(i, gzip.decompress((folder / "html" / f"{i}.html.gz").read_bytes()), golds[i]) for i in ids]


# ------------------------------------------------------------------ extractors


def newsdesk_html(page: Page) -> str:
    try:
        return extract(RawDocument(uri=page.id, content=page.content, format="html")).text
    except ExtractError:
        return ""


def trafilatura_variant(**options) -> Callable[[Page], str]:
    import trafilatura

    def run(page: Page) -> str:
        return trafilatura.extract(page.content, **options) or ""

    return run


def readability_text(page: Page) -> str:
    import html_text
    from readability import Document

    try:
        return html_text.extract_text(Document(page.html).summary(html_partial=True))
    except Exception:  # noqa: BLE001 - a competitor's failure scores as an empty page
        return ""


def newspaper_text() -> Callable[[Page], str] | None:
    try:
        import newspaper
    except ImportError:
        return None

    config = newspaper.Config()
    config.fetch_images = False  # it would otherwise try to download each top image
    config.memoize_articles = False

    def run(page: Page) -> str:
        try:
            article = newspaper.Article("https://example.com/article", config=config)
            article.download(input_html=page.html)
            article.parse()
            return article.text or ""
        except Exception:  # noqa: BLE001
            return ""

    return run


def flatten(page: Page) -> str:
    import html_text

    return html_text.extract_text(page.html, guess_layout=True)


def newsdesk_text(flat: str, page_id: str) -> str:
    try:
        return extract(RawDocument(uri=page_id, content=flat.encode("utf-8"), format="text")).text
    except ExtractError:
        return ""


def trafilatura_wrapped(flat: str, page_id: str) -> str:
    import trafilatura

    lines = [f"<p>{htmllib.escape(line)}</p>" for line in flat.splitlines() if line.strip()]
    return trafilatura.extract("<html><body>" + "".join(lines) + "</body></html>") or ""


# ------------------------------------------------------------------ measuring


def measure(run: Callable, inputs: list, golds: list[str]) -> tuple[float, float, float, float, float]:
    run(*inputs[0])  # warm-up: imports and caches are not the page rate
    started = time.perf_counter()
    outputs = [run(*args) for args in inputs]
    elapsed = time.perf_counter() - started
    P, R, F = f1_of_means([shingle_pr(out, gold) for out, gold in zip(outputs, golds)])
    tracemalloc.start()
    for args in inputs[:MEMORY_PAGES]:
        run(*args)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return P, R, F, len(inputs) / elapsed, peak / 2**20


def print_table(title: str, rows: list[tuple[str, tuple]], base: str) -> None:
    base_rate = dict(rows).get(base, (0, 0, 0, 0, 0))[3] or 1.0
    print(f"\n{title}")
    print(f"{'extractor':<34}{'P':>7}{'R':>7}{'F1':>7}{'pages/s':>10}{'x ' + base[:14]:>18}{'peak MiB':>10}")
    for name, (P, R, F, rate, peak) in rows:
        print(f"{name:<34}{P:>7.3f}{R:>7.3f}{F:>7.3f}{rate:>10.1f}{rate / base_rate:>18.2f}{peak:>10.1f}")


def html_table(name: str, pages: list[Page]) -> None:
    extractors: list[tuple[str, Callable | None]] = [
        ("newsdesk", newsdesk_html),
        ("trafilatura (default)", trafilatura_variant()),
        ("trafilatura (favor_precision)", trafilatura_variant(favor_precision=True)),
        ("trafilatura (favor_recall)", trafilatura_variant(favor_recall=True)),
        ("readability-lxml", readability_text),
        ("newspaper4k", newspaper_text()),
    ]
    inputs, golds = [(p,) for p in pages], [p.gold for p in pages]
    rows = []
    for label, run in extractors:
        if run is None:
            print(f"note: {label} is not installed (pip install '.[bench]'); skipped")
            continue
        rows.append((label, measure(run, inputs, golds)))
    print_table(f"HTML extraction: {name} ({len(pages)} pages)", rows, "trafilatura (default)")


def text_table(name: str, pages: list[Page]) -> None:
    flats = [(flatten(p), p.id) for p in pages]
    golds = [p.gold for p in pages]
    rows = [
        ("newsdesk (text classifier)", measure(newsdesk_text, flats, golds)),
        ("keep everything", measure(lambda flat, _id: flat, flats, golds)),
        ("trafilatura on <p>-wrapped lines", measure(trafilatura_wrapped, flats, golds)),
    ]
    print_table(f"Flattened text (html-text guess_layout): {name} ({len(pages)} pages)", rows, "trafilatura on <p>-wrapped lines")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="first N pages of each set (sorted by id)")
    parser.add_argument("--sets", default="scrapinghub,wcxb")
    parser.add_argument("--only", choices=("html", "text"), default=None)
    args = parser.parse_args()
    for name in args.sets.split(","):
        if not SETS[name].exists():
            print(f"note: {SETS[name]} is absent; skipped")
            continue
        pages = load_pages(name, args.limit)
        if args.only in (None, "html"):
            html_table(name, pages)
        if args.only in (None, "text"):
            text_table(name, pages)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\nprocess peak RSS: {peak:.0f} MiB")


if __name__ == "__main__":
    main()
