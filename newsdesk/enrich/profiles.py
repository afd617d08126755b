"""Enrichment profiles: `[enrich] profile = "quality"` (the default) or `"fast"`.

A profile is a set of cost cuts, each measured (docs/ARCHITECTURE.md, "fast profile"):

- `lead_chars`: the NER model reads the body's first `lead_chars` characters plus the
  paragraphs that hold a quotation mark (where speakers are named), up to `[enrich]
  model_chars` in all; the rule tagger reads the rest. 0 = the body's first model_chars
  (the quality profile).
- `embed_model`: "packaged" = the MiniLM ONNX model as shipped (int8 weights, float
  arithmetic); "q8" = the same weights dynamically quantised to int8 arithmetic once,
  cached under the data dir (stories/embed.py).
- `fast_extract`: trafilatura without its fallback extractors (extract(fast=True)).
"""

from __future__ import annotations

from dataclasses import dataclass

QUALITY, FAST = "quality", "fast"


@dataclass(frozen=True)
class Profile:
    name: str
    lead_chars: int = 0
    embed_model: str = "packaged"
    fast_extract: bool = False


PROFILES: dict[str, Profile] = {
    QUALITY: Profile(QUALITY),
    FAST: Profile(FAST, lead_chars=1000, embed_model="q8", fast_extract=True),
}


def get_profile(name: str | None) -> Profile:
    """The named profile ("" or None: quality); ValueError for an unknown name."""
    key = (name or QUALITY).strip().lower()
    try:
        return PROFILES[key]
    except KeyError:
        raise ValueError(f"[enrich] profile must be one of {', '.join(PROFILES)}, not {name!r}") from None
