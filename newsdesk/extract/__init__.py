"""The extract stage: a RawDocument (HTML or flattened text) becomes a clean Article.

    from newsdesk.extract import extract, ExtractError, explain_text

`extract` and `explain_text` load on first use (PEP 562): a process that only needs
ExtractError (the pipeline's driver, whose workers extract) does not import trafilatura
and lxml (~0.3 s of CPU per run).
"""

from newsdesk.extract.errors import ExtractError
from newsdesk.lazy import lazy_exports

__all__ = ["extract", "ExtractError", "explain_text"]
__getattr__ = lazy_exports(__name__, {"extract": ".core", "explain_text": ".text_lines"})
