"""What the parser check of an uploaded PDF costs (pikepdf: open, walk every object, rewrite).

Run: uv run python bench/pdf_check.py
Builds PDFs of the shapes applicants send (text-heavy pages with many small objects; slides
with photos; a scan) at several sizes, times ``checks.pdf.check_pdf`` (the median of 5 runs)
and prints milliseconds in all, per MB and per thousand objects, and the peak memory the
process reached (the rewrite is held in memory, like the upload).
"""

import io
import os
import resource
import statistics
import time

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "learningcity.settings")
django.setup()

import pikepdf  # noqa: E402 - after Django is set up
from PIL import Image  # noqa: E402

from learningcity.attachments.checks.pdf import check_pdf  # noqa: E402

ROUNDS = 5
MB = 1024 * 1024


def _photo_jpeg(seed: int, size=(1920, 1080)) -> bytes:
    """A JPEG that compresses like a photo (about 1 MB at quality 85)."""
    grain = Image.effect_noise(size, 30 + seed % 7).convert("RGB")
    sky = Image.linear_gradient("L").resize(size).convert("RGB")
    out = io.BytesIO()
    Image.blend(sky, grain, 0.35).save(out, "JPEG", quality=85)
    return out.getvalue()


def text_pages(pages: int) -> bytes:
    """Pages of text with links: many small objects in object streams."""
    pdf = pikepdf.new()
    font = pdf.make_indirect(
        pikepdf.Dictionary(
            Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1, BaseFont="/Helvetica"
        )
    )
    for number in range(pages):
        lines = b"".join(
            b"BT /F1 10 Tf 40 %d Td (Line %d of page %d: learning city evidence) Tj ET\n"
            % (800 - 14 * row, row, number)
            for row in range(55)
        )
        page = pdf.add_blank_page(page_size=(595, 842))
        page.obj.Resources = pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=font))
        page.obj.Contents = pdf.make_stream(lines)
        page.obj.Annots = pdf.make_indirect(
            pikepdf.Array(
                [
                    pdf.make_indirect(
                        pikepdf.Dictionary(
                            Type=pikepdf.Name.Annot,
                            Subtype=pikepdf.Name.Link,
                            Rect=[40, 40 + 20 * n, 200, 55 + 20 * n],
                            A=pikepdf.Dictionary(
                                S=pikepdf.Name.URI, URI=f"https://example.org/{n}"
                            ),
                        )
                    )
                    for n in range(5)
                ]
            )
        )
    out = io.BytesIO()
    pdf.save(out, object_stream_mode=pikepdf.ObjectStreamMode.generate)
    return out.getvalue()


def photo_slides(count: int) -> bytes:
    """Slides exported to PDF: one full-page photo each (few objects, big streams)."""
    pdf = pikepdf.new()
    for number in range(count):
        data = _photo_jpeg(number)
        image = pdf.make_stream(
            data,
            Type=pikepdf.Name.XObject,
            Subtype=pikepdf.Name.Image,
            Width=1920,
            Height=1080,
            ColorSpace=pikepdf.Name.DeviceRGB,
            BitsPerComponent=8,
            Filter=pikepdf.Name.DCTDecode,
        )
        page = pdf.add_blank_page(page_size=(960, 540))
        page.obj.Resources = pikepdf.Dictionary(XObject=pikepdf.Dictionary(Im0=image))
        page.obj.Contents = pdf.make_stream(b"q 960 0 0 540 0 0 cm /Im0 Do Q")
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


def timed(data: bytes) -> tuple[float, int]:
    runs = []
    for _ in range(ROUNDS):
        start = time.perf_counter()
        check_pdf(data)
        runs.append(time.perf_counter() - start)
    with pikepdf.open(io.BytesIO(data)) as pdf:
        objects = len(pdf.objects)
    return statistics.median(runs), objects


def main() -> None:
    cases = [
        ("text, 50 pages", text_pages(50)),
        ("text, 400 pages", text_pages(400)),
        ("slides, 5 photos", photo_slides(5)),
        ("slides, 20 photos", photo_slides(20)),
        ("slides, 45 photos", photo_slides(45)),
    ]
    print(f"{'PDF':<20} {'MB':>7} {'objects':>8} {'ms':>8} {'ms/MB':>7} {'ms/1k obj':>10}")
    for name, data in cases:
        seconds, objects = timed(data)
        size = len(data) / MB
        print(
            f"{name:<20} {size:7.2f} {objects:8d} {seconds * 1000:8.1f}"
            f" {seconds * 1000 / size:7.1f} {seconds * 1e6 / objects:10.1f}"
        )
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak resident memory of this process: {peak:.0f} MB (median of {ROUNDS} runs each)")


if __name__ == "__main__":
    main()
