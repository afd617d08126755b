"""`[enrich] profile = "fast"`: chosen from the config, it changes what the model reads, the
extraction and the embedding model, and a real `newsdesk ingest` with it still gives articles
with entities, quotes with speakers and vectors."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import numpy as np
import pytest

from newsdesk.config import ENRICH_PROFILES, load_config
from newsdesk.enrich import enrich_many
from newsdesk.enrich.pipeline import model_windows
from newsdesk.enrich.profiles import PROFILES, get_profile
from newsdesk.models import Article, RawDocument
from tests.cli.helpers import json_lines, run_newsdesk
from tests.conftest import SEED, need_shared


def test_the_profile_comes_from_the_file_or_the_environment(tmp_path: Path) -> None:
    toml = tmp_path / "newsdesk.toml"
    toml.write_text('[enrich]\nprofile = "fast"\n')
    assert load_config(toml, env={}).enrich.profile == "fast"
    assert load_config(env={"NEWSDESK_ENRICH__PROFILE": "Fast"}).enrich.profile == "fast"
    assert load_config(toml, env={"NEWSDESK_ENRICH__PROFILE": "quality"}).enrich.profile == "quality"
    assert load_config(env={}).enrich.profile == "quality"  # the default
    with pytest.raises(ValueError, match="profile must be one of quality, fast"):
        load_config(env={"NEWSDESK_ENRICH__PROFILE": "fastest"})
    assert set(ENRICH_PROFILES) == set(PROFILES)


def test_fast_windows_are_the_lead_and_the_quote_paragraphs() -> None:
    lead = "The council met on Monday in Leeds. " * 40  # 1,440 characters
    plain = "Engineers inspected the old span again and found nothing new. " * 5
    quoted = 'The bridge "will reopen in May," said Anna Berg, the mayor.'
    body = "\n\n".join([lead, plain, quoted, plain])
    full = body + "\n\nBridge to reopen"
    quality = model_windows(full, len(body), 8000)
    assert quality == [(0, len(body)), (len(body), len(full))]  # all of it
    fast = model_windows(full, len(body), 8000, get_profile("fast").lead_chars)
    read = "".join(full[s:e] for s, e in fast)
    assert read.startswith(lead[:900]) and len(read) < len(full) - 2 * len(plain) + 10
    assert quoted in read and plain not in read and read.endswith("Bridge to reopen")
    capped = model_windows(full, len(body), 1100, 1000)  # model_chars still caps the whole
    assert sum(e - s for s, e in capped[:-1]) <= 1100


def test_fast_profile_enrichment_of_the_seed_finds_speakers_and_differs_from_quality() -> None:
    from tests.enrich.seed import seed_extracted

    article = seed_extracted(need_shared(SEED))
    (quality,) = enrich_many([article])
    (fast,) = enrich_many([article], profile="fast")
    assert len(article.text) > 3 * get_profile("fast").lead_chars
    assert fast.entities != quality.entities  # the model read less: some mentions are the rules' now
    people = {e.canonical or e.name for e in fast.entities if e.type == "PERSON"}
    assert {"Vladimir Putin", "Volodymyr Zelensky"} <= people
    with_speaker = [q for q in fast.quotes if q.speaker]
    assert len(with_speaker) >= 0.9 * len([q for q in quality.quotes if q.speaker]) > 0
    assert fast.times == quality.times and fast.quotes  # the rules do not change


def test_fast_profile_embedder_is_int8_made_once_into_the_data_dir(tmp_path: Path) -> None:
    from newsdesk.stories.embed import get_embedder, model_files, profile_embedder

    if model_files() is None:
        pytest.skip("MiniLM model files not installed")
    texts = ["Russia and Ukraine meet for talks in Istanbul.", "The harbour strike in Rotterdam ends."]
    packaged = get_embedder("auto").embed(texts)
    fast = profile_embedder("fast", tmp_path).embed(texts)
    made = list((tmp_path / "models").glob("minilm-q8-*.onnx"))
    assert len(made) == 1 and b"DynamicQuantizeLinear" in made[0].read_bytes()  # integer MatMuls
    assert b"DynamicQuantizeLinear" not in model_files()[0].read_bytes()
    cos = (packaged * fast).sum(axis=1)
    assert np.all(cos > 0.97) and not np.allclose(packaged, fast, atol=1e-4)  # the same space, other arithmetic
    assert profile_embedder("quality", tmp_path) is get_embedder("auto")


def test_fast_extraction_skips_trafilaturas_fallbacks() -> None:
    from newsdesk.extract import extract

    para = "<p>{}</p>".format("The council approved the plan for the new tram line on Monday evening. " * 3)
    html = f"<html><body><nav>Home News Sport</nav><article><h1>Tram line</h1>{para * 4}</article></body></html>"
    doc = RawDocument(uri="https://example.com/a", content=html.encode(), format="html")
    assert extract(doc, fast=True).text == extract(doc).text  # a plain page: the same body


def test_newsdesk_ingest_with_the_fast_profile(tmp_path: Path) -> None:
    """The real entry point on the pool path (2 workers): articles with entities, quotes with
    speakers and vectors; the int8 model made under the data dir; quality makes none."""
    from newsdesk.config import Config
    from newsdesk.store import open_store
    from tests.pipeline.pages import write_pages

    seed = need_shared(SEED)
    pages = tmp_path / "pages"
    write_pages(pages, 5)
    (pages / seed.name).write_bytes(seed.read_bytes())
    env = {"NEWSDESK_ENRICH__PROFILE": "fast", "NEWSDESK_PIPELINE__WORKERS": "2",
           "NEWSDESK_PIPELINE__PARALLEL_MIN": "2", "NEWSDESK_PIPELINE__BATCH_SIZE": "3"}
    result = run_newsdesk("ingest", str(pages), "--json", cwd=tmp_path, env=env, timeout=300)
    assert result.returncode == 0, result.stderr
    [summary] = json_lines(result.stdout)
    assert summary["new"] == 6 and summary["failed"] == 0
    assert list((tmp_path / "data" / "models").glob("minilm-q8-*.onnx"))

    store = open_store(Config(data_dir=str(tmp_path / "data")))
    try:
        stored = store.list_articles(limit=10)
        assert len(stored) == 6 and all(s.article.entities for s in stored)
        (putin,) = [s for s in stored if "Putin" in (s.article.title or "") + s.article.text[:300]]
        speakers = {q.speaker for q in putin.article.quotes if q.speaker}
        assert len(speakers) >= 2 and any("Putin" in s or "Zelensky" in s for s in speakers)
    finally:
        store.close()
    with sqlite3.connect(tmp_path / "data" / "newsdesk.db") as db:
        (vectors,) = db.execute("SELECT COUNT(*) FROM article_vectors WHERE model = 'minilm' AND dim = 384").fetchone()
    assert vectors == 6

    quality = tmp_path / "quality"
    quality.mkdir()
    result = run_newsdesk("ingest", str(pages), "--json", cwd=quality, env={**env, "NEWSDESK_ENRICH__PROFILE": "quality"},
                          timeout=300)
    assert result.returncode == 0, result.stderr
    assert not (quality / "data" / "models").exists()


def test_a_task_carries_the_profile_to_the_worker() -> None:
    from newsdesk.config import Config
    from newsdesk.pipeline.work import Task, process_batch, task_fields
    from tests.enrich.seed import seed_extracted

    path = need_shared(SEED)
    doc = RawDocument(uri=path.as_uri(), content=path.read_bytes(), format="text")
    config = Config()
    config.enrich.profile = "fast"
    fields = task_fields(config)
    assert fields["profile"] == "fast" and Path(fields["data_dir"]).is_absolute()
    (fast,) = process_batch([Task(1, doc, **fields)], vectors=False)
    (expected,) = enrich_many([seed_extracted(path)], profile="fast")
    (quality,) = enrich_many([seed_extracted(path)])
    assert fast.article.entities == expected.entities != quality.entities
    assert isinstance(fast.article, Article)
