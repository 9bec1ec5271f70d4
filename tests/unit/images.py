"""Shared by the test_upload_* modules: photos made in memory, wrapped as uploads, and what is on disk."""
import io
from pathlib import Path

from PIL import Image
from werkzeug.datastructures import FileStorage

RED, BLUE = (255, 0, 0), (0, 0, 255)


def files_in(folder: Path) -> list[str]:
    """Everything in the folder, hidden temporary files included."""
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def upload(data: bytes, filename: str = "photo.jpg", content_type: str = "image/jpeg") -> FileStorage:
    return FileStorage(stream=io.BytesIO(data), filename=filename, content_type=content_type)


def encode(img: Image.Image, fmt: str, **options) -> bytes:
    out = io.BytesIO()
    img.save(out, fmt, **options)
    return out.getvalue()


def two_halves(size=(400, 200)) -> Image.Image:
    """Left half red, right half blue, so a rotation can be seen."""
    img = Image.new("RGB", size, RED)
    img.paste(BLUE, (size[0] // 2, 0, size[0], size[1]))
    return img

