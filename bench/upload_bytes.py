"""What a phone photo costs to send over a slow connection, before and after the browser shrinks it.

Run: uv run python bench/upload_bytes.py
Emulates with Pillow what ``attachments/upload.js`` does with a canvas: decode, scale, encode
as JPEG at quality 0.85 (no EXIF). Prints bytes for a 4000×3000 phone photo as taken, scaled to
fit inside 1920×1080 and scaled to cover 1920×1080 (what the script sends, so that "crop" on
the server keeps full resolution), and the seconds each takes at rural upload speeds.
"""

import io
import random

from PIL import Image, ImageDraw, ImageFilter

PHONE = (4000, 3000)
FRAME = (1920, 1080)
SPEEDS_KBIT = (256, 1000, 5000)


def phone_photo(seed: int = 7) -> bytes:
    """Gradients, shapes and sensor grain at 4000×3000, saved like a phone camera (q≈92)."""
    rng = random.Random(seed)
    sky = Image.linear_gradient("L").resize(PHONE)
    base = Image.merge("RGB", (sky, sky.rotate(180).resize(PHONE), Image.new("L", PHONE, 90)))
    draw = ImageDraw.Draw(base)
    for _ in range(120):
        x, y = rng.randrange(PHONE[0]), rng.randrange(PHONE[1])
        colour = tuple(rng.randrange(256) for _ in range(3))
        draw.ellipse((x, y, x + rng.randrange(80, 900), y + rng.randrange(80, 700)), fill=colour)
    base = base.filter(ImageFilter.GaussianBlur(3))
    # Texture (leaves, walls, fabric) a few pixels across survives downscaling, unlike the
    # per-pixel sensor grain on top of it.
    texture = Image.effect_noise((PHONE[0] // 6, PHONE[1] // 6), 60).resize(PHONE, Image.BICUBIC)
    grain = Image.effect_noise(PHONE, 20)
    image = Image.blend(base, Image.merge("RGB", (texture, grain, texture)), 0.35)
    out = io.BytesIO()
    image.save(out, "JPEG", quality=92)
    return out.getvalue()


def canvas_jpeg(data: bytes, scale_for) -> tuple[bytes, tuple[int, int]]:
    with Image.open(io.BytesIO(data)) as image:
        scale = scale_for(FRAME[0] / image.width, FRAME[1] / image.height)
        size = (round(image.width * scale), round(image.height * scale))
        scaled = image.convert("RGB").resize(size, Image.Resampling.LANCZOS)
    out = io.BytesIO()
    scaled.save(out, "JPEG", quality=85)
    return out.getvalue(), size


def seconds(size: int) -> str:
    return "  ".join(f"{size * 8 / (kbit * 1000):6.1f} s @ {kbit} kbit/s" for kbit in SPEEDS_KBIT)


def main() -> None:
    original = phone_photo()
    fit, fit_size = canvas_jpeg(original, min)
    cover, cover_size = canvas_jpeg(original, max)
    rows = [
        (f"as taken {PHONE[0]}×{PHONE[1]}", len(original)),
        (f"fit {fit_size[0]}×{fit_size[1]}, q 0.85", len(fit)),
        (f"cover {cover_size[0]}×{cover_size[1]}, q 0.85", len(cover)),
    ]
    for label, size in rows:
        print(f"{label:<28} {size / 1_000_000:6.2f} MB  {seconds(size)}")
    print(f"saved by fit:   {1 - len(fit) / len(original):.0%}")
    print(f"saved by cover: {1 - len(cover) / len(original):.0%}")


if __name__ == "__main__":
    main()
