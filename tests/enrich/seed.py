"""The seed article as enrich sees it, built from the shared page file.

Until `newsdesk.extract.extract` cleans flattened text, the body is taken here directly:
the lines between the headline and the "Hashtags" footer, without "Advertisement" markers,
joined as paragraphs the way Article.text is.
"""

from __future__ import annotations

from pathlib import Path

from newsdesk.models import Article


def seed_article(path: Path) -> Article:
    lines = [line.strip() for line in path.read_text(encoding="utf-8").splitlines()]
    lines = [line for line in lines if line]
    title, rest = lines[0], lines[1:]
    body = rest[: rest.index("Hashtags")] if "Hashtags" in rest else rest
    body = [line for line in body if line != "Advertisement"]
    return Article(title=title, text="\n\n".join(body), url=path.as_uri())
