"""ECB+ documents (tokenised XML) as plain text, with their gold story, for bench/stories.py.

The gold story of a document is its topic plus sub-event: `T_Necb.xml` and
`T_Necbplus.xml` describe two different events of topic T.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

_NO_SPACE_BEFORE = re.compile(r" ([.,;:!?%)\]}]|'s\b|n't\b|'re\b|'ll\b|'ve\b|'d\b|'m\b)")
_NO_SPACE_AFTER = re.compile(r"([(\[{$]) ")


@dataclass
class Doc:
    name: str
    topic: str
    gold: str  # topic + sub-event
    text: str  # one sentence per line, as a flattened page would give it


def detokenise(tokens: list[str]) -> str:
    text = " ".join(tokens).replace("``", "“").replace("''", "”")
    text = _NO_SPACE_BEFORE.sub(r"\1", text)
    text = _NO_SPACE_AFTER.sub(r"\1", text)
    text = re.sub(r"“ ", "“", text)
    text = re.sub(r" ”", "”", text)
    text = re.sub(r"(\w) / (\w)", r"\1/\2", text)
    return text


def load_doc(path: Path) -> Doc:
    root = ET.parse(path).getroot()
    sents: dict[int, list[str]] = {}
    for tok in root.iter("token"):
        sents.setdefault(int(tok.get("sentence", "0")), []).append(tok.text or "")
    lines = [detokenise(sents[k]) for k in sorted(sents)]
    # the URL the ecbplus documents start with is kept whole, as a page's address line would be
    lines = [re.sub(r"\s+", "", ln) if ln.startswith("http") else ln for ln in lines]
    name = path.name
    topic = name.split("_")[0]
    sub = "ecbplus" if name.endswith("ecbplus.xml") else "ecb"
    return Doc(name=name, topic=topic, gold=f"{topic}/{sub}", text="\n\n".join(lines))


def load_all(root: Path) -> list[Doc]:
    docs = [load_doc(p) for p in sorted(root.glob("*/*.xml"))]
    return sorted(docs, key=lambda d: (int(d.topic), d.name))
