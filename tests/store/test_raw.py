from __future__ import annotations

from newsdesk.models import Article, RawDocument, sha256_hex


def test_put_raw_writes_bytes_then_dedupes_by_content(store) -> None:
    doc = RawDocument(uri="https://ex.com/a", content=b"<html>one</html>", meta={"title": "T"})
    record, created = store.put_raw(doc)
    assert created and record.state == "fetched" and record.sha256 == sha256_hex(doc.content)
    path = store.raw_files.path(record.sha256)
    assert path.read_bytes() == doc.content
    assert path.parent.name == record.sha256[:2]
    again, created_again = store.put_raw(RawDocument(uri="https://other.com/b", content=doc.content))
    assert not created_again and again.id == record.id and again.uri == "https://ex.com/a"
    assert store.raw_content(record.sha256) == doc.content
    assert store.get_raw(record.id).meta == {"title": "T"}
    assert not list(path.parent.glob(".tmp-*"))  # no temporary left behind


def test_states_work_and_attempts(store) -> None:
    record, _ = store.put_raw(RawDocument(uri="/tmp/x.txt", content=b"text", format="text"))
    assert store.begin_attempt(record.id) == 1
    store.set_raw_state(record.id, "extracted", work=Article(title="T", text="body"))
    got = store.get_raw(record.id)
    assert got.state == "extracted" and got.work["title"] == "T" and got.attempts == 1
    assert [r.id for r in store.raws_in_state(["fetched", "extracted"])] == [record.id]
    store.set_raw_state(record.id, "failed", "x.txt: no text")
    got = store.get_raw(record.id)
    assert got.state == "failed" and got.error == "x.txt: no text" and got.work is None
    assert store.raws_in_state(["fetched", "extracted", "enriched"]) == []
    assert store.raw_counts() == {"failed": 1}
    doc = got.to_document(store.raw_content(got.sha256))
    assert doc.content == b"text" and doc.format == "text"


def test_sources_schedule(store) -> None:
    from datetime import datetime, timedelta, timezone

    src = store.add_source("https://ex.com/feed.xml", title="Ex")
    assert store.add_source("https://ex.com/feed.xml").id == src.id  # same URL, one source
    now = datetime(2025, 5, 11, 12, tzinfo=timezone.utc)
    assert [s.id for s in store.due_sources(now)] == [src.id]
    src.etag, src.last_fetched = '"abc"', now
    store.record_fetch(src)
    assert store.due_sources(now + timedelta(seconds=10)) == []
    due = store.due_sources(now + timedelta(seconds=src.interval_s + 1))
    assert due[0].etag == '"abc"' and due[0].title == "Ex"


def test_known_urls_from_raw_and_outlets(store) -> None:
    store.put_raw(RawDocument(uri="https://ex.com/raw", content=b"r"))
    store.save_article(Article(url="https://www.ex.com/art?utm_source=feed", outlet="Ex", title="A", text="a text"))
    failed, _ = store.put_raw(RawDocument(uri="https://ex.com/failed", content=b"f"))
    store.set_raw_state(failed.id, "failed", "https://ex.com/failed: no article body found")
    asked = ["https://ex.com/raw", "https://ex.com/art", "https://ex.com/new", "https://ex.com/failed"]
    assert store.known_urls(asked) == {"https://ex.com/raw", "https://ex.com/art"}
    assert "0002_raw_uri_index.sql" in store.applied_migrations()
