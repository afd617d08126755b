"""Local files: formats by extension and content, encodings, empty/binary files, directories."""

from __future__ import annotations

import codecs
from pathlib import Path

from newsdesk.models import Failure, RawDocument
from newsdesk.sources import read_inputs
from tests.conftest import SEED, need_shared

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"


def _one(path: Path, format: str | None = None) -> RawDocument | Failure:
    (item,) = list(read_inputs([str(path)], None, format))
    return item


def test_html_file(tmp_path):
    path = tmp_path / "page.html"
    path.write_text("<!doctype html><html><body><p>Caf\u00e9</p></body></html>", encoding="utf-8")
    doc = _one(path)
    assert isinstance(doc, RawDocument)
    assert (doc.uri, doc.format, doc.encoding) == (str(path), "html", "utf-8")
    assert doc.content == path.read_bytes()


def test_text_file_is_text(tmp_path):
    path = tmp_path / "flat.txt"
    path.write_text("Headline\nFirst paragraph.\n", encoding="utf-8")
    doc = _one(path)
    assert doc.format == "text" and doc.encoding == "utf-8"


def test_seed_text_page(seed_path):
    doc = _one(need_shared(SEED))
    assert doc.format == "text" and doc.encoding == "utf-8"
    assert doc.content.lstrip().startswith(b"Putin proposes direct peace talks")


def test_meta_charset_decides_encoding(tmp_path):
    path = tmp_path / "ru.htm"
    path.write_bytes('<html><head><meta charset="windows-1251"></head><body><p>Привет, мир</p></body></html>'.encode("cp1251"))
    doc = _one(path)
    assert doc.encoding == "cp1251"
    assert "Привет" in doc.content.decode(doc.encoding)


def test_bom_decides_encoding(tmp_path):
    path = tmp_path / "bom.txt"
    path.write_bytes(codecs.BOM_UTF16_LE + "Zürich talks resume".encode("utf-16-le"))
    doc = _one(path)
    assert doc.encoding == "utf-16" and doc.content.decode(doc.encoding).lstrip("\ufeff") == "Zürich talks resume"


def test_undeclared_legacy_encoding_is_detected(tmp_path):
    path = tmp_path / "latin.txt"
    text = "Les négociations à Genève ont été reportées, a déclaré le ministère français des Affaires étrangères. " * 5
    path.write_bytes(text.encode("cp1252"))
    doc = _one(path)
    assert doc.content.decode(doc.encoding) == text


def test_mislabelled_utf8_page_stays_utf8(tmp_path):
    path = tmp_path / "mis.html"
    path.write_bytes('<html><head><meta charset="iso-8859-1"></head><body><p>Zelenskyy’s office — “no”</p></body></html>'.encode("utf-8"))
    assert _one(path).encoding == "utf-8"


def test_empty_file(tmp_path):
    path = tmp_path / "empty.html"
    path.write_bytes(b"")
    failure = _one(path)
    assert isinstance(failure, Failure) and failure.error == f"{path}: empty file"
    blank = tmp_path / "blank.txt"
    blank.write_text("  \n\n ")
    assert _one(blank).error == f"{blank}: empty file"


def test_binary_file(tmp_path):
    path = tmp_path / "photo.html"  # a lying extension does not help
    path.write_bytes(PNG + bytes(range(256)) * 10)
    failure = _one(path)
    assert isinstance(failure, Failure) and failure.error == f"{path}: binary file, not an article"


def test_missing_file(tmp_path):
    path = tmp_path / "nope.html"
    assert _one(path).error == f"{path}: no such file or directory"


def test_format_override(tmp_path):
    path = tmp_path / "page.dat"
    path.write_text("<p>Looks like html but is read as text</p>")
    assert _one(path).format == "html"  # sniffed
    assert _one(path, format="text").format == "text"


def test_unknown_extension_sniffed_as_text(tmp_path):
    path = tmp_path / "notes"
    path.write_text("Just a flattened page.\nSecond line.\n")
    assert _one(path).format == "text"


def test_directory_recursed_sorted_known_extensions_only(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / ".hidden").mkdir()
    (tmp_path / "a.html").write_text("<p>a</p>")
    (tmp_path / "b" / "c.txt").write_text("c text")
    (tmp_path / "b" / "image.png").write_bytes(PNG)
    (tmp_path / ".hidden" / "d.html").write_text("<p>d</p>")
    (tmp_path / "e.html").write_bytes(b"")
    items = list(read_inputs([str(tmp_path)], None))
    assert [Path(i.uri if isinstance(i, RawDocument) else i.input).name for i in items] == ["a.html", "e.html", "c.txt"]
    assert isinstance(items[1], Failure) and items[1].error.endswith("e.html: empty file")


def test_one_bad_input_does_not_stop_the_batch(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("fine")
    items = list(read_inputs([str(tmp_path / "missing.txt"), str(good), "https://example.org/x"], None))
    assert [type(i).__name__ for i in items] == ["Failure", "RawDocument", "Failure"]
    assert items[2].error == "https://example.org/x: not fetched (offline: no fetcher)"


def test_undeclared_cyrillic_is_not_mistaken_for_western(tmp_path):
    path = tmp_path / "ru.txt"
    text = "Президент России предложил возобновить прямые переговоры с Украиной в Стамбуле без предварительных условий. " * 3
    path.write_bytes(text.encode("cp1251"))
    doc = _one(path)
    assert doc.content.decode(doc.encoding) == text
