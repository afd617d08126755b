"""The stories stage inside the real pipeline: HTML files -> the store, on each backend (SQLite, PostgreSQL)."""

import html

import pytest

from .samples import REPORTS, WIRE, wire_copy


def page(outlet: str, title: str, text: str, when: str) -> str:
    paras = "".join(f"<p>{html.escape(p)}</p>" for p in text.split("\n\n"))
    return (f"<html><head><title>{html.escape(title)}</title>"
            f'<meta property="og:site_name" content="{outlet}">'
            f'<meta property="article:published_time" content="{when}"></head>'
            f"<body><article><h1>{html.escape(title)}</h1>{paras}</article></body></html>")


@pytest.fixture
def store(tmp_path, db_url):
    from newsdesk.store import open_store

    s = open_store(db_url, raw_dir=tmp_path / "raw")
    yield s
    s.close()


def test_wire_copies_become_one_article_and_reports_one_story(tmp_path, store):
    from newsdesk.config import Config
    from newsdesk.pipeline import ingest

    files = []
    docs = [("Reuters", "Putin proposes direct talks with Ukraine in Istanbul", WIRE, "2025-05-11T01:00:00+00:00"),
            ("Daily Mail", "Putin offers Kyiv talks 'without preconditions'", wire_copy(), "2025-05-11T03:00:00+00:00")]
    docs += [(o, t, x, w.isoformat()) for o, t, x, w in REPORTS]
    for i, (outlet, title, text, when) in enumerate(docs):
        path = tmp_path / f"doc{i}.html"
        path.write_text(page(outlet, title, text, when), encoding="utf-8")
        files.append(str(path))
    config = Config(data_dir=str(tmp_path))
    report = ingest(files, store, config)
    assert report.duplicates == 1 and report.new == 4
    wire = store.get_article(report.article_ids[0])
    assert sorted(o.name for o in wire.outlets) == ["Daily Mail", "Reuters"]
    story_ids = {store.get_article(a).story_id for a in report.article_ids[1:]}
    assert len(story_ids) == 1
    detail = store.get_story(story_ids.pop())
    assert {"BBC News", "The Guardian", "Al Jazeera"} <= set(detail.summary.outlets)
    data = detail.data
    assert data["timeline"] and all(data["brief"][p] for p in ("why_it_matters", "what_to_know"))
    for part in data["brief"].values():
        assert all(entry["cites"] for entry in part)


def test_configured_llm_rewrites_the_stored_brief_through_the_pipeline(tmp_path, store):
    from newsdesk.config import Config, LLMConfig
    from newsdesk.pipeline import ingest
    from tests.httpserver import LocalServer

    from .test_llm_brief import faithful, openai_like

    files = []
    for i, (outlet, title, text, when) in enumerate(REPORTS):
        path = tmp_path / f"r{i}.html"
        path.write_text(page(outlet, title, text, when.isoformat()), encoding="utf-8")
        files.append(str(path))
    with LocalServer() as srv:
        srv.add_handler("/v1/chat/completions", openai_like(faithful))
        config = Config(data_dir=str(tmp_path), llm=LLMConfig(url=srv.url("/"), model="tiny"))
        report = ingest(files, store, config)
        assert any(r.method == "POST" for r in srv.requests)
    data = store.get_story(store.get_article(report.article_ids[0]).story_id).data
    assert data["brief_backend"]["kind"] == "llm", data["brief_backend"]
    for entry in data["brief"]["what_to_know"]:
        assert entry["extract"] and "".join(f"[{c}]" for c in entry["cites"]) in entry["text"]
