"""Exact and near-duplicate copies: a text fingerprint, and MinHash signatures banded for LSH look-ups.

A wire story reprinted by ten outlets is one text with ten sources. The fingerprint (SHA-256 of the lower-cased
words) finds exact copies; MinHash over word 5-grams estimates Jaccard similarity, and its `BANDS` bands of
`ROWS` rows each are the keys of an LSH table (stored in SQLite, so a look-up costs the same however many
articles are stored). Two texts with Jaccard similarity 0.8 share a band with probability 1 - (1 - 0.8**4)**16,
above 0.9999; at 0.3, 0.12 (and those candidates are then checked against the threshold).
"""

from __future__ import annotations

import hashlib
import zlib

import numpy as np

BANDS = 16
ROWS = 4
PERMUTATIONS = BANDS * ROWS
SHINGLE = 5
"""Words per shingle."""
_RNG = np.random.default_rng(20240501)
_A = _RNG.integers(1, 2**63, PERMUTATIONS, dtype=np.uint64) | np.uint64(1)
_B = _RNG.integers(0, 2**63, PERMUTATIONS, dtype=np.uint64)


def fingerprint(words: list[str]) -> str:
    """SHA-256 of the lower-cased words, so case, punctuation and spacing do not hide an exact copy."""
    return hashlib.sha256(" ".join(words).encode()).hexdigest()


def signature(words: list[str]) -> np.ndarray:
    """MinHash signature (`PERMUTATIONS` uint32 values) of the text's word `SHINGLE`-grams."""
    codes = {word: zlib.crc32(word.encode()) for word in set(words)}
    hashed = np.array([codes[word] for word in words] or [0], dtype=np.uint64)
    count = max(1, len(hashed) - SHINGLE + 1)
    shingles = np.zeros(count, dtype=np.uint64)
    for offset in range(min(SHINGLE, len(hashed))):  # a polynomial hash of each run of SHINGLE word codes
        shingles = shingles * np.uint64(1_000_003) + hashed[offset : offset + count]
    shingles &= np.uint64(0xFFFFFFFF)
    mixed = (_A[None, :] * shingles[:, None] + _B[None, :]) >> np.uint64(32)  # multiply-shift, wrapping mod 2**64
    return mixed.min(axis=0).astype(np.uint32)


def band_keys(sig: np.ndarray) -> list[int]:
    """One signed 64-bit key per band: the band's number and rows, hashed."""
    keys = []
    for band in range(BANDS):
        digest = hashlib.blake2b(sig[band * ROWS : (band + 1) * ROWS].tobytes(), digest_size=8, person=b"band%d" % band)
        keys.append(int.from_bytes(digest.digest(), "big", signed=True))
    return keys


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """Estimated Jaccard similarity of the two texts' shingle sets."""
    return float(np.mean(a == b))
