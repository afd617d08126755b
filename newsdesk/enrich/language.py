"""Language identification with py3langid on the head of the text (cost grows with length)."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

_HEAD = 1500


@lru_cache(maxsize=1)
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier  # noqa: PLC0415

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str, title: str | None = None) -> str | None:
    """ISO 639-1 code, or None when there is too little text to tell."""
    sample = f"{title or ''}\n{text[:_HEAD]}".strip()
    if len(sample) < 20:
        return None
    lang, prob = _identifier().classify(sample)
    return lang if prob >= 0.5 else None
