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


def ingest_wire_and_reports(tmp_path, store):
    """Two outlets' copies of one wire story, then three outlets' reports of the event it
    announces (the Thursday meeting), through the real pipeline."""
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
    return config, ingest(files, store, config)


def test_wire_copies_become_one_article_and_reports_one_story(tmp_path, store):
    _, report = ingest_wire_and_reports(tmp_path, store)
    assert report.duplicates == 1 and report.new == 4
    wire = store.get_article(report.article_ids[0])
    assert sorted(o.name for o in wire.outlets) == ["Daily Mail", "Reuters"]
    story_ids = {store.get_article(a).story_id for a in report.article_ids[1:]}
    assert len(story_ids) == 1
    detail = store.get_story(story_ids.pop())
    assert {"BBC News", "The Guardian", "Al Jazeera"} <= set(detail.summary.outlets)
    data = detail.data
    # the wire copy's outlet counts as coverage in the story data too
    assert {"Reuters", "Daily Mail", "BBC News", "The Guardian", "Al Jazeera"} <= set(data["outlets"])
    assert data["outlet_count"] == len(data["outlets"])
    # merged timeline: the three reports of the Thursday meeting are one event with three sources
    thursday = [e for e in data["timeline"] if e["date"] == "2025-05-15"]
    assert len(thursday) == 1, thursday
    assert {s["outlet"] for s in thursday[0]["sources"]} == {"BBC News", "The Guardian", "Al Jazeera"}
    assert all(e["date"] != "2025-05-08" for e in data["timeline"]), "a future Thursday dated to the past one"
    # four-part brief, every line citing stored articles of this story
    story_articles = {a["id"] for a in data["articles"]}
    for part in ("why_it_matters", "what_to_know", "what_people_are_saying", "what_happens_next"):
        assert data["brief"][part], part
        for entry in data["brief"][part]:
            assert entry["cites"] and set(entry["cites"]) <= story_articles, (part, entry)
    speakers = {e["text"].split(":")[0] for e in data["brief"]["what_people_are_saying"]}
    assert {"Volodymyr Zelensky", "Vladimir Putin"} <= speakers
    # what happens next: only what is dated after the latest article
    assert any("Thursday" in e["text"] for e in data["brief"]["what_happens_next"])


def test_story_page_and_api_show_the_story_with_its_reasons(tmp_path, store):
    import re

    import html_text
    from fastapi.testclient import TestClient

    from newsdesk.web.app import create_app

    config, report = ingest_wire_and_reports(tmp_path, store)
    story_id = store.get_article(report.article_ids[1]).story_id
    with TestClient(create_app(config, store)) as client:
        api = client.get(f"/api/stories/{story_id}").json()
        page_html = client.get(f"/stories/{story_id}").text
    assert len(api["assignments"]) == 4
    assert all(a["reason"] for a in api["assignments"])
    assert sum(a["new_story"] for a in api["assignments"]) == 1
    assert set(api["data"]["brief"]) >= {"why_it_matters", "what_to_know", "what_people_are_saying",
                                         "what_happens_next"}
    text = " ".join(html_text.extract_text(page_html).split())
    for heading in ("Why it matters", "What to know", "What people are saying", "What happens next",
                    "Timeline", "Who said what", "Coverage by outlet"):
        assert heading in text, heading
    assert "5 outlets" in text and "4 articles" in text
    # the reason for each assignment, under its article
    assert text.count("Why here:") == 4 and "joined story" in text and "shared entities" in text
    # one numbering across the page: [n] is the n-th source in the list under the brief
    numbers = {(int(n), int(a)) for a, n in re.findall(r'href="/articles/(\d+)" title="source article">\[(\d+)\]',
                                                      page_html)}
    sources = re.search(r'<details class="sources">.*?</details>', page_html, re.S).group(0)
    listed = [int(a) for a in re.findall(r'href="/articles/(\d+)"', sources)]
    assert len(numbers) >= 4 and all(listed[n - 1] == a for n, a in numbers), (numbers, listed)


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
