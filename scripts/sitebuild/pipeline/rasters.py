"""Rasters embedded in a figure's SVG (``imshow``, ``rasterized=True``), stored as small as they
can be without a visible change: matplotlib embeds truecolour PNGs, and a colour map or a few
flat colours fit an 8-bit palette, often at a quarter of the bytes."""

from __future__ import annotations

import base64
import io
import re

EMBEDDED_PNG = re.compile(rb"data:image/png;base64,([A-Za-z0-9+/=\n]+)")
MIN_PSNR = 40.0  # dB: an RMS error of 2.6 levels of 255, which the eye does not see


def psnr(first, second) -> float:
    """Peak signal-to-noise ratio of two images of the same size, in dB (inf: identical)."""
    import numpy as np

    a = np.asarray(first.convert("RGBA"), dtype=float)
    b = np.asarray(second.convert("RGBA"), dtype=float)
    error = float(np.mean((a - b) ** 2))
    return float("inf") if error == 0 else 10 * float(np.log10(255**2 / error))


def palette_png(data: bytes) -> bytes:
    """A raster matplotlib embedded (a truecolour PNG) as an 8-bit palette PNG, when that is
    smaller and looks the same (PSNR of at least MIN_PSNR against the original; exact when it
    has at most 256 colours, as a colour map alone has); otherwise the PNG as it was. The same
    bytes for the same input."""
    from PIL import Image

    image = Image.open(io.BytesIO(data))
    image.load()
    if image.mode == "P":  # a palette PNG already (this one's output)
        return data
    image = image.convert("RGBA")
    candidates = [image.quantize(256, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE)]
    if image.getchannel("A").getextrema() == (255, 255):  # opaque: median cut, usually closer
        rgb = image.convert("RGB")
        candidates.append(
            rgb.quantize(256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
        )
    best = data
    for candidate in candidates:
        if psnr(image, candidate) < MIN_PSNR:
            continue
        buffer = io.BytesIO()
        candidate.save(buffer, format="PNG", optimize=True)
        best = min(best, buffer.getvalue(), key=len)
    return best


def compact_rasters(svg: bytes) -> bytes:
    """Every raster embedded in an SVG re-encoded by :func:`palette_png`."""

    def replace(match: re.Match) -> bytes:
        data = palette_png(base64.b64decode(match[1]))
        return b"data:image/png;base64," + base64.b64encode(data)

    return EMBEDDED_PNG.sub(replace, svg)
