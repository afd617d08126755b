"""The extract stage: a RawDocument (HTML or flattened text) becomes a clean Article.

    from newsdesk.extract import extract, ExtractError, explain_text
"""

from newsdesk.extract.core import extract
from newsdesk.extract.errors import ExtractError
from newsdesk.extract.text_lines import explain_text

__all__ = ["extract", "ExtractError", "explain_text"]
