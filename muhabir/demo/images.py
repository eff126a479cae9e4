"""Neutral placeholder photos, drawn with Pillow so the demo needs no downloads."""

from __future__ import annotations

import io

from PIL import Image, ImageDraw

SIZE = (1600, 1000)


def _rgb(colour: str) -> tuple[int, int, int]:
    colour = colour.lstrip("#")
    return tuple(int(colour[i : i + 2], 16) for i in (0, 2, 4))


def placeholder_jpeg(colours: tuple[str, str], size: tuple[int, int] = SIZE) -> bytes:
    """A diagonal gradient with a few soft circles: clearly not a real photo."""
    width, height = size
    start, end = _rgb(colours[0]), _rgb(colours[1])
    gradient = Image.linear_gradient("L").rotate(45, expand=True).resize(size)
    picture = Image.composite(Image.new("RGB", size, end), Image.new("RGB", size, start), gradient)
    draw = ImageDraw.Draw(picture, "RGBA")
    for index, (x, y, radius) in enumerate(
        [(0.25, 0.35, 0.18), (0.7, 0.55, 0.25), (0.45, 0.8, 0.12)]
    ):
        alpha = 60 + 25 * index
        box = (
            int((x - radius) * width),
            int(y * height - radius * width),
            int((x + radius) * width),
            int(y * height + radius * width),
        )
        draw.ellipse(box, fill=(255, 255, 255, alpha))
    output = io.BytesIO()
    picture.save(output, format="JPEG", quality=82, optimize=True)
    return output.getvalue()
