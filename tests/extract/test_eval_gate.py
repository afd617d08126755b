"""Quality gate: F1 on a fixed subset of the shared extraction sets must not drop.

The subset is the first 20 pages of each set in sorted id order (not chosen by
score). Baselines were measured with bench/extraction.py's scoring and are kept
here with a small margin; raise them when the extractor improves.
"""

from __future__ import annotations

import gzip
import json
import sys
from pathlib import Path

import pytest

from newsdesk.extract import ExtractError, extract
from newsdesk.extract.decode import decode
from newsdesk.models import RawDocument
from tests.conftest import SHARED, need_shared

SUBSET = 20
MARGIN = 0.01
# F1 measured on the subset on 2026-11-25 (trafilatura 2.3.1, html-text 0.7.1). The text
# numbers are with the learnt line scorer, whose training set includes these pages: this
# gate catches regressions; bench/train_text_lines.py --eval gives held-out numbers.
BASELINE = {
    ("scrapinghub", "html"): 0.989,
    ("scrapinghub", "text"): 0.949,
    ("wcxb", "html"): 0.965,
    ("wcxb", "text"): 0.959,
}


def _scoring():
    bench = need_shared(SHARED / "bench" / "scoring.py").parent
    if str(bench) not in sys.path:
        sys.path.insert(0, str(bench))
    import scoring

    return scoring


def _pages(name: str) -> list[tuple[str, bytes, str]]:
    if name == "scrapinghub":
        folder = need_shared(SHARED / "bench" / "extraction" / "scrapinghub")
        truth = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
        ids = sorted(truth)[:SUBSET]
        golds = [truth[i]["articleBody"] for i in ids]
    else:
        folder = need_shared(SHARED / "bench" / "extraction" / "wcxb-dev-articles")
        ids = sorted(p.name.split(".")[0] for p in (folder / "html").glob("*.html.gz"))[:SUBSET]
        golds = [
            json.loads((folder / "ground-truth" / f"{i}.json").read_text(encoding="utf-8"))["ground_truth"].get("main_content", "")
            for i in ids
        ]
    return [(i, gzip.decompress((folder / "html" / f"{i}.html.gz").read_bytes()), g) for i, g in zip(ids, golds)]


def _text(raw: RawDocument) -> str:
    try:
        return extract(raw).text
    except ExtractError:
        return ""


def _f1(name: str, mode: str) -> float:
    scoring = _scoring()
    prs = []
    for page_id, content, gold in _pages(name):
        if mode == "html":
            raw = RawDocument(uri=page_id, content=content, format="html")
        else:
            html_text = pytest.importorskip("html_text")
            flat = html_text.extract_text(decode(content), guess_layout=True)
            raw = RawDocument(uri=page_id, content=flat.encode("utf-8"), format="text")
        prs.append(scoring.shingle_pr(_text(raw), gold))
    return scoring.f1_of_means(prs)[2]


@pytest.mark.parametrize("name, mode", sorted(BASELINE))
def test_f1_does_not_drop(name, mode):
    f1 = _f1(name, mode)
    baseline = BASELINE[(name, mode)]
    print(f"{name} {mode}: F1 {f1:.4f} (baseline {baseline})")
    assert f1 >= baseline - MARGIN, f"{name} {mode}: F1 {f1:.4f} fell below the baseline {baseline:.4f}"
