"""Turn an Article's plain text into blocks a template renders (escaped, never as HTML)."""

from __future__ import annotations

from dataclasses import dataclass

from newsdesk.models import Article


@dataclass
class Body:
    blocks: list[tuple[str, str]]  # ("h2" | "p", text)
    outline: list[str]  # subheadings whose position in the text is unknown


def _norm(text: str) -> str:
    return " ".join(text.split()).casefold()


def article_body(article: Article) -> Body:
    """Paragraphs, with a subheading shown as a heading where the text keeps it.

    Extraction may keep subheadings as their own paragraphs; those become headings
    in place. Subheadings that are not found in the text are listed as an outline.
    """
    wanted = {_norm(s): s for s in article.subheadings if s.strip()}
    blocks: list[tuple[str, str]] = []
    placed: set[str] = set()
    for paragraph in article.paragraphs:
        key = _norm(paragraph)
        if key in wanted:
            blocks.append(("h2", paragraph.strip()))
            placed.add(key)
        else:
            blocks.append(("p", paragraph.strip()))
    outline = [text for key, text in wanted.items() if key not in placed]
    return Body(blocks=blocks, outline=outline)
