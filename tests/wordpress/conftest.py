"""WXR exports under data/, an uploads folder of small JPEGs, and running the command."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.management import call_command
from PIL import Image

DATA = Path(__file__).parent / "data"

# The old site's uploads folder: originals and the sizes WordPress generated from them.
UPLOADS = {
    "2019/11/foto.jpg": (800, 600),
    "2019/11/foto-300x225.jpg": (300, 225),
    "2020/03/bild.jpg": (1200, 900),
    "2020/03/bild-1024x768.jpg": (1024, 768),
}


def jpeg(size: tuple[int, int], colour=(200, 120, 40)) -> bytes:
    output = io.BytesIO()
    Image.new("RGB", size, colour).save(output, format="JPEG")
    return output.getvalue()


def uploads_folder(folder: Path) -> Path:
    """The old site's uploads folder, made at ``folder``."""
    for relative, size in UPLOADS.items():
        path = folder / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(jpeg(size))
    return folder


@pytest.fixture
def uploads(tmp_path) -> Path:
    return uploads_folder(tmp_path / "uploads")


@pytest.fixture
def run_import():
    """Run ``import_wordpress`` on a file under data/ (or any path); return its output."""

    def run(name: str | Path, *args: str) -> str:
        path = name if isinstance(name, Path) else DATA / name
        output = io.StringIO()
        call_command("import_wordpress", str(path), *args, stdout=output)
        return output.getvalue()

    return run
