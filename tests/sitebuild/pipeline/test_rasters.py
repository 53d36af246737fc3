"""Rasters embedded in figures: re-encoded with a palette when that is smaller and looks the
same, left as they were otherwise."""

import io

from sitebuild.pipeline import rasters


def _png(image) -> bytes:

    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def test_an_embedded_colour_map_becomes_an_exact_palette_png():

    import numpy as np
    from matplotlib import colormaps
    from PIL import Image

    x = np.linspace(-3, 3, 120)
    field = 0.5 + 0.5 * np.sin(np.add.outer(x**2, 2 * x))  # curved bands, like a decision map
    image = Image.fromarray((colormaps["PuOr_r"](field) * 255).astype("uint8"), "RGBA")
    original = _png(image)
    smaller = rasters.palette_png(original)
    assert len(smaller) < len(original) * 0.6
    assert rasters.psnr(image, Image.open(io.BytesIO(smaller))) == float("inf")  # exact
    assert rasters.palette_png(smaller) == smaller  # nothing left to gain


def test_a_raster_a_palette_would_spoil_stays_as_it_was():
    import numpy as np
    from PIL import Image

    noise = np.random.default_rng(0).integers(0, 256, (60, 60, 4), dtype="uint8")
    original = _png(Image.fromarray(noise, "RGBA"))  # 3,600 colours, no two alike
    assert rasters.palette_png(original) == original


def test_every_raster_in_an_svg_is_re_encoded():
    import base64

    import numpy as np
    from matplotlib import colormaps
    from PIL import Image

    x = np.linspace(-3, 3, 80)
    field = 0.5 + 0.5 * np.cos(np.multiply.outer(x, x))
    png = _png(Image.fromarray((colormaps["viridis"](field) * 255).astype("uint8"), "RGBA"))
    svg = b'<svg><image xlink:href="data:image/png;base64,' + base64.b64encode(png) + b'"/></svg>'
    compact = rasters.compact_rasters(svg)
    assert len(compact) < len(svg) and compact.startswith(b'<svg><image xlink:href="data:image/png')
