"""Draw the app icons (a person in white on brand green) with Pillow.

Run `python tools/make_icons.py` after changing the design; the PNGs are committed.
"""
from pathlib import Path

from PIL import Image, ImageDraw

GREEN = (1, 137, 66)
WHITE = (255, 255, 255)
OUT = Path(__file__).resolve().parent.parent / "static" / "icons"


def person(size: int, scale: float, rounded: bool) -> Image.Image:
    """The figure fills `scale` of the square; maskable icons keep it inside the safe zone."""
    img = Image.new("RGB", (size, size), GREEN)
    if rounded:  # plain icons get rounded corners on a transparent ground
        img = Image.new("RGBA", (size, size), (0, 0, 0, 0))
        ImageDraw.Draw(img).rounded_rectangle((0, 0, size - 1, size - 1), radius=size // 5, fill=GREEN)
    draw = ImageDraw.Draw(img)
    c, u = size / 2, size * scale / 10
    draw.ellipse((c - 1.6 * u, c - 3.9 * u, c + 1.6 * u, c - 0.7 * u), fill=WHITE)
    draw.pieslice((c - 3.4 * u, c + 0.1 * u, c + 3.4 * u, c + 6.9 * u), 180, 360, fill=WHITE)
    return img


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    person(192, 1.0, True).save(OUT / "icon-192.png", optimize=True)
    person(512, 1.0, True).save(OUT / "icon-512.png", optimize=True)
    person(512, 0.75, False).save(OUT / "maskable-512.png", optimize=True)


if __name__ == "__main__":
    main()
