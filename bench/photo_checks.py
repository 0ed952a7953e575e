"""How long the server takes to accept ten 1920×1080 photos: inspect + lossless strip vs re-encode.

Run: uv run python bench/photo_checks.py
Prints the median over several rounds of handling all ten photos each way, and the ratio.
"""

import hashlib
import io
import os
import random
import statistics
import time

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "learningcity.settings")
django.setup()

from PIL import Image, ImageDraw, ImageFilter  # noqa: E402 - after Django is set up

from learningcity.attachments import jpeg  # noqa: E402
from learningcity.attachments.checks import inspect_upload  # noqa: E402
from learningcity.attachments.enums import FileKind  # noqa: E402
from learningcity.attachments.photos import conforms, strip_metadata_losslessly  # noqa: E402

SIZE = (1920, 1080)
MAX_BYTES = 5 * 1024 * 1024
ROUNDS = 9


def realistic_photo(seed: int) -> bytes:
    """Gradients, shapes and grain: compresses like a phone photo (~1 MB at quality 85)."""
    rng = random.Random(seed)
    sky = Image.linear_gradient("L").resize(SIZE)
    base = Image.merge("RGB", (sky, sky.rotate(180).resize(SIZE), Image.new("L", SIZE, 90)))
    draw = ImageDraw.Draw(base)
    for _ in range(60):
        x, y = rng.randrange(SIZE[0]), rng.randrange(SIZE[1])
        colour = tuple(rng.randrange(256) for _ in range(3))
        draw.ellipse((x, y, x + rng.randrange(40, 400), y + rng.randrange(40, 300)), fill=colour)
    base = base.filter(ImageFilter.GaussianBlur(2))
    grain = Image.effect_noise(SIZE, 40 + seed).convert("RGB")
    image = Image.blend(base, grain, 0.5)
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"
    exif.get_ifd(0x8825).update({1: "N", 2: (19.0, 10.0, 5.0), 3: "E", 4: (99.0, 53.0, 40.0)})
    out = io.BytesIO()
    image.save(out, "JPEG", quality=85, exif=exif.tobytes())
    return out.getvalue()


def inspect_and_strip(photos: list[bytes]) -> None:
    for data in photos:
        inspection = inspect_upload(
            io.BytesIO(data),
            "photo.jpg",
            accepted_types=(FileKind.JPEG, FileKind.PNG),
            max_bytes=MAX_BYTES,
            width=SIZE[0],
            height=SIZE[1],
        )
        if not conforms(inspection, *SIZE, MAX_BYTES):
            raise SystemExit("a benchmark photo does not conform")
        strip_metadata_losslessly(inspection.content)


def structure_only(photos: list[bytes]) -> None:
    """The part that needs no decoding at all: walk, hash and strip."""
    for data in photos:
        jpeg.walk(data)
        hashlib.sha256(data).hexdigest()
        strip_metadata_losslessly(data)


def decode_and_reencode(photos: list[bytes]) -> None:
    for data in photos:
        image = Image.open(io.BytesIO(data))
        image.load()
        image.save(io.BytesIO(), "JPEG", quality=85)


def median_ms(work, photos: list[bytes]) -> float:
    work(photos)  # warm up
    times = []
    for _ in range(ROUNDS):
        start = time.perf_counter()
        work(photos)
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main() -> None:
    photos = [realistic_photo(seed) for seed in range(10)]
    sizes = [len(data) / 1_000_000 for data in photos]
    print(f"10 JPEGs {SIZE[0]}×{SIZE[1]}, {min(sizes):.2f}–{max(sizes):.2f} MB each")
    checked = median_ms(inspect_and_strip, photos)
    bare = median_ms(structure_only, photos)
    full = median_ms(decode_and_reencode, photos)
    print(f"inspect + strip (incl. 1/8-scale decode): {checked:7.1f} ms for ten")
    print(f"  of which structure only (walk+sha+strip): {bare:7.1f} ms for ten")
    print(f"full decode + re-encode:                  {full:7.1f} ms for ten")
    print(f"ratio full / inspect+strip:               {full / checked:7.1f}×")
    print(f"ratio full / structure only:              {full / bare:7.1f}×")


if __name__ == "__main__":
    main()
