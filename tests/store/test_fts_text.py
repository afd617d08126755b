"""Publisher text as indexed for full-text search: our sentinel characters never get in."""

from __future__ import annotations

from newsdesk.store.fts import CLOSE, ELLIPSIS, OPEN, index_text, marks_to_html


def test_sentinels_become_spaces_and_other_text_is_kept() -> None:
    assert index_text(f"a{OPEN}b{CLOSE}c{ELLIPSIS}d") == "a b c d"
    assert index_text("Le café — “quoted”") == "Le café — “quoted”"
    assert index_text(None) == index_text("") == ""


def test_a_page_cannot_forge_marks() -> None:
    forged = index_text(f"{OPEN}<b>x</b>{CLOSE}")
    assert "<mark>" not in marks_to_html(forged)
