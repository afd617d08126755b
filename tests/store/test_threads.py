from __future__ import annotations

import threading
from pathlib import Path

from newsdesk.models import Article, RawDocument
from newsdesk.store import open_store


def test_many_threads_write_and_read_one_store(store) -> None:
    errors: list[BaseException] = []

    def work(worker: int) -> None:
        try:
            for i in range(15):
                raw, _ = store.put_raw(RawDocument(uri=f"w{worker}-{i}", content=f"{worker}-{i}".encode()))
                store.save_article(Article(url=f"https://ex.com/{worker}/{i}", outlet="Ex", title=f"t {worker} {i}",
                                           text=f"text of worker {worker} item {i} istanbul"), raw.id)
                store.set_raw_state(raw.id, "stored")
                store.search("istanbul", limit=5)
                store.list_articles(limit=5)
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(w,)) for w in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert store.count_articles() == 90
    assert store.raw_counts() == {"stored": 90}
    assert store.integrity_check() == "ok"


def test_second_process_style_connection_sees_writes(db_url: str, tmp_path: Path) -> None:
    writer, reader = open_store(db_url, tmp_path / "raw"), open_store(db_url, tmp_path / "raw")
    writer.save_article(Article(url="https://ex.com/x", outlet="Ex", title="Hello", text="hello world"))
    assert reader.count_articles() == 1
    writer.close()
    reader.close()
