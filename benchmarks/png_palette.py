"""Write RGB pixels as a small palette PNG (PNG8), with numpy and zlib only.

Why: full-page screenshots straight from chromium are true-colour PNGs of megabytes; the README's
must stay small, and Pillow, ImageMagick and pngquant are not dependencies of this project. Web
pages are flat colours plus anti-aliased text, so the most frequent colours make a good palette.
"""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

import numpy as np
import numpy.typing as npt

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def _chunk(kind: bytes, data: bytes) -> bytes:
    body = kind + data
    return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)


def quantise(
    rgb: npt.NDArray[np.uint8], colours: int
) -> tuple[npt.NDArray[np.uint8], npt.NDArray[np.uint8]]:
    """(palette, indices): the ``colours`` most frequent colours; every other colour maps to the
    nearest of them (squared RGB distance), computed once per distinct colour, not per pixel."""
    flat = rgb.reshape(-1, 3).astype(np.uint32)
    keys = (flat[:, 0] << 16) | (flat[:, 1] << 8) | flat[:, 2]
    distinct, inverse, counts = np.unique(keys, return_inverse=True, return_counts=True)
    order = np.argsort(-counts, kind="stable")[:colours]
    palette_keys = distinct[order]
    palette = np.stack(
        [(palette_keys >> 16) & 255, (palette_keys >> 8) & 255, palette_keys & 255], axis=1
    ).astype(np.int32)
    every = np.stack([(distinct >> 16) & 255, (distinct >> 8) & 255, distinct & 255], axis=1)
    nearest = np.empty(len(distinct), dtype=np.uint8)
    step = 4096  # bounded memory: distinct colours x palette distances in slices
    for start in range(0, len(distinct), step):
        part = every[start : start + step].astype(np.int32)
        dist = ((part[:, None, :] - palette[None, :, :]) ** 2).sum(axis=2)
        nearest[start : start + step] = dist.argmin(axis=1)
    indices = nearest[inverse].reshape(rgb.shape[:2])
    return palette.astype(np.uint8), indices


def _pack(indices: npt.NDArray[np.uint8], bits: int) -> npt.NDArray[np.uint8]:
    """Rows of palette indices packed ``bits`` per pixel, most significant first (PNG order)."""
    if bits == 8:
        return indices
    per_byte = 8 // bits
    height, width = indices.shape
    padded = np.zeros((height, -(-width // per_byte) * per_byte), dtype=np.uint8)
    padded[:, :width] = indices
    groups = padded.reshape(height, -1, per_byte).astype(np.uint16)
    shifts = np.arange(per_byte - 1, -1, -1, dtype=np.uint16) * bits
    packed: npt.NDArray[np.uint8] = (groups << shifts).sum(axis=2).astype(np.uint8)
    return packed


def write_png8(rgb: npt.NDArray[np.uint8], path: Path, colours: int = 256) -> int:
    """Save ``rgb`` (height x width x 3) with at most ``colours`` colours; returns the file size."""
    palette, indices = quantise(rgb, colours)
    height, width = indices.shape
    bits = 8 if len(palette) > 16 else 4 if len(palette) > 4 else 2
    rows = _pack(indices, bits)
    raw = np.concatenate([np.zeros((height, 1), dtype=np.uint8), rows], axis=1).tobytes()
    header = struct.pack(">IIBBBBB", width, height, bits, 3, 0, 0, 0)
    data = (
        PNG_SIGNATURE
        + _chunk(b"IHDR", header)
        + _chunk(b"PLTE", palette.tobytes())
        + _chunk(b"IDAT", zlib.compress(raw, 9))
        + _chunk(b"IEND", b"")
    )
    path.write_bytes(data)
    return len(data)
