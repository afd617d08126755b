"""The extract stage: a RawDocument (HTML or flattened text) becomes a clean Article.

    from newsdesk.extract import extract, ExtractError, explain_text

`extract` and `explain_text` load on first use (PEP 562): a process that only needs
ExtractError (the pipeline's driver, whose workers extract) does not import trafilatura
and lxml (~0.3 s of CPU per run).
"""

from __future__ import annotations

from typing import Any

from newsdesk.extract.errors import ExtractError

__all__ = ["extract", "ExtractError", "explain_text"]


def __getattr__(name: str) -> Any:
    if name == "extract":
        from newsdesk.extract.core import extract

        return extract
    if name == "explain_text":
        from newsdesk.extract.text_lines import explain_text

        return explain_text
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
