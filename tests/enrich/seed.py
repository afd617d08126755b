"""The seed article, two ways.

`seed_extracted`: the shared page file through `newsdesk.extract` (what enrich receives in
production: image captions land in `Article.images`, and enrich reads them for names).
`seed_article`: the body lines taken directly (headline to the "Hashtags" footer, without
"Advertisement" markers, captions kept inline), used by the time tests.
"""

from __future__ import annotations

from pathlib import Path

from newsdesk.extract import extract
from newsdesk.models import Article, RawDocument


def seed_extracted(path: Path) -> Article:
    return extract(RawDocument(uri=path.as_uri(), content=path.read_bytes(), format="text"))


def seed_article(path: Path) -> Article:
    lines = [line.strip() for line in path.read_text(encoding="utf-8").splitlines()]
    lines = [line for line in lines if line]
    title, rest = lines[0], lines[1:]
    body = rest[: rest.index("Hashtags")] if "Hashtags" in rest else rest
    body = [line for line in body if line != "Advertisement"]
    return Article(title=title, text="\n\n".join(body), url=path.as_uri())
