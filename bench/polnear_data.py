"""PolNeAR attributions (brat standoff) as plain records, for bench/understanding.py."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

OPEN_QUOTES = "\"'“‘"
CLOSE_QUOTES = "\"'”’"


@dataclass
class Span:
    start: int
    end: int
    text: str


@dataclass
class Attribution:
    content: Span
    source: Span | None
    cue: Span | None

    @property
    def direct(self) -> bool:
        """A direct quote: the content opens and closes with a quotation mark."""
        t = self.content.text.strip()
        return len(t) > 2 and t[0] in OPEN_QUOTES and t.rstrip(".,;:")[-1:] in CLOSE_QUOTES


@dataclass
class Doc:
    name: str
    text: str
    attributions: list[Attribution] = field(default_factory=list)


def load_split(root: Path, split: str) -> list[Doc]:
    """One Doc per text file; when several annotators did one article, the first .ann is used."""
    docs = []
    anns: dict[str, Path] = {}
    for ann in sorted((root / split / "attributions").glob("*.ann")):
        anns.setdefault(ann.stem.rsplit("_", 1)[0], ann)
    for txt in sorted((root / split / "text").glob("*.txt")):
        text = txt.read_text(encoding="utf-8")
        ann = anns.get(txt.stem)
        docs.append(Doc(txt.stem, text, _parse(ann, text) if ann else []))
    return docs


def _parse(path: Path, text: str) -> list[Attribution]:
    spans: dict[str, Span] = {}
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 2:
            label, *offs = parts[1].split(" ")
            if label not in ("Source", "Cue", "Content"):
                continue
            # discontinuous spans are "a b;c d": keep the outer extent
            nums = [int(x) for x in " ".join(offs).replace(";", " ").split()]
            s, e = min(nums), max(nums)
            spans[parts[0]] = Span(s, e, text[s:e])
        elif line.startswith("E") and len(parts) >= 2:
            roles = dict(r.split(":", 1) for r in parts[1].split() if ":" in r)
            content = spans.get(roles.get("Content", ""))
            if content:
                out.append(Attribution(content, spans.get(roles.get("Source", "")), spans.get(roles.get("Cue", ""))))
    return out
