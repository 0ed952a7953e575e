import io

import pytest
from PIL import Image, ImageCms, PngImagePlugin

from learningcity.attachments import jpeg, png
from learningcity.attachments.checks import UploadRefused, inspect_upload
from learningcity.attachments.enums import FileKind, RefusalCode
from learningcity.attachments.photos import conforms, convert_photo, strip_metadata_losslessly
from tests.attachments import corpus

MB = 1024 * 1024
PHOTO = (FileKind.JPEG, FileKind.PNG)
RED = (255, 0, 0)
BLUE = (0, 0, 255)


def _open(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    image.load()
    return image


def _near(pixel, colour, tolerance=40):
    return all(abs(a - b) <= tolerance for a, b in zip(pixel, colour, strict=True))


def _inspect(data: bytes, name="a.jpg"):
    return inspect_upload(io.BytesIO(data), name, accepted_types=PHOTO, max_bytes=30 * MB)


@pytest.mark.parametrize("mode", ["fit", "crop"])
@pytest.mark.parametrize("size", [(4000, 3000), (1080, 1920), (640, 360), (1920, 1080)])
def test_convert_photo_exactly_full_hd(mode, size):
    data = corpus.jpeg_bytes(size)
    out = convert_photo(io.BytesIO(data), width=1920, height=1080, mode=mode, max_bytes=5 * MB)
    image = _open(out)
    assert (image.format, image.size) == ("JPEG", (1920, 1080))


def test_convert_photo_fit_pads_with_white():
    data = corpus.jpeg_bytes((1000, 1000), image=Image.new("RGB", (1000, 1000), BLUE))
    image = _open(convert_photo(io.BytesIO(data), width=1920, height=1080, max_bytes=5 * MB))
    assert _near(image.getpixel((10, 540)), (255, 255, 255))
    assert _near(image.getpixel((960, 540)), BLUE)


def test_convert_photo_crop_fills_the_frame():
    data = corpus.jpeg_bytes((1000, 1000), image=Image.new("RGB", (1000, 1000), BLUE))
    out = convert_photo(io.BytesIO(data), width=1920, height=1080, mode="crop", max_bytes=5 * MB)
    image = _open(out)
    assert _near(image.getpixel((5, 5)), BLUE)
    assert _near(image.getpixel((1914, 1074)), BLUE)


def _left_red_right_blue() -> Image.Image:
    image = Image.new("RGB", (400, 200), BLUE)
    image.paste(RED, (0, 0, 200, 200))
    return image


def test_convert_photo_honours_exif_orientation():
    # Orientation 6: show the stored picture turned 90° clockwise, so its left (red) is on top.
    data = corpus.jpeg_bytes(image=_left_red_right_blue(), exif=corpus.gps_exif(orientation=6))
    out = convert_photo(io.BytesIO(data), width=1920, height=1080, mode="crop", max_bytes=5 * MB)
    image = _open(out)
    assert _near(image.getpixel((1500, 100)), RED)
    assert _near(image.getpixel((1500, 980)), BLUE)


def test_convert_photo_output_has_no_exif_or_gps():
    data = corpus.jpeg_bytes((3000, 2000), exif=corpus.gps_exif())
    assert _open(data).getexif().get_ifd(0x8825)
    out = convert_photo(io.BytesIO(data), width=1920, height=1080, max_bytes=5 * MB)
    assert dict(_open(out).getexif()) == {}
    assert b"Exif\x00\x00" not in out


def test_convert_photo_transparent_png_on_white():
    image = Image.new("RGBA", (1920, 1080), (0, 0, 0, 0))
    out = convert_photo(
        io.BytesIO(corpus.png_bytes(image=image)), width=1920, height=1080, max_bytes=5 * MB
    )
    assert _near(_open(out).getpixel((960, 540)), (255, 255, 255))


def test_convert_photo_lowers_quality_to_fit_limit():
    data = corpus.jpeg_bytes(image=corpus.photo(noise=True))
    out = convert_photo(io.BytesIO(data), width=1920, height=1080, max_bytes=400_000)
    assert len(out) <= 400_000
    assert _open(out).size == (1920, 1080)


def test_convert_photo_impossible_limit_refused():
    data = corpus.jpeg_bytes(image=corpus.photo(noise=True))
    with pytest.raises(UploadRefused) as refused:
        convert_photo(io.BytesIO(data), width=1920, height=1080, max_bytes=10_000)
    assert refused.value.code == RefusalCode.PHOTO_TOO_LARGE


def _xmp_segment() -> bytes:
    payload = b"http://ns.adobe.com/xap/1.0/\x00<x:xmpmeta>GPS 19.16N</x:xmpmeta>"
    return b"\xff\xe1" + (len(payload) + 2).to_bytes(2, "big") + payload


def _comment_segment() -> bytes:
    payload = b"<script>alert(1)</script>"
    return b"\xff\xfe" + (len(payload) + 2).to_bytes(2, "big") + payload


def _scan(data: bytes) -> bytes:
    """Everything from the first SOS to EOI: the compressed pixels."""
    layout = jpeg.walk(data)
    first = next(s for s in layout.segments if s.marker == jpeg.SOS)
    return data[first.start : layout.end]


def test_strip_jpeg_removes_gps_xmp_comment_and_trailer_keeps_scan():
    icc = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    original = corpus.jpeg_bytes(
        image=corpus.photo(noise=True), exif=corpus.gps_exif(), icc_profile=icc
    )
    dirty = original[:2] + _xmp_segment() + _comment_segment() + original[2:] + corpus.HTML
    clean = strip_metadata_losslessly(dirty)
    assert b"Exif\x00\x00" not in clean
    assert b"xmpmeta" not in clean
    assert b"<script>" not in clean
    assert clean.endswith(b"\xff\xd9")
    assert _scan(clean) == _scan(original)
    decoded = _open(clean)
    assert dict(decoded.getexif()) == {}
    assert decoded.info["icc_profile"] == icc
    assert decoded.tobytes() == _open(original).tobytes()


def test_strip_png_removes_text_exif_and_trailer_keeps_pixels():
    text = PngImagePlugin.PngInfo()
    text.add_text("Comment", "<script>alert(1)</script>")
    text.add_itxt("GPS", "19.16N 99.89E")
    text.add_text("Big", "x" * 2000, zip=True)
    original = corpus.png_bytes((320, 180), pnginfo=text, exif=corpus.gps_exif())
    clean = strip_metadata_losslessly(original + corpus.HTML)
    kinds = [chunk.type for chunk in png.walk(clean).chunks]
    assert kinds == [b"IHDR", b"IDAT", b"IEND"]
    idat = [original[c.start : c.end] for c in png.walk(original).chunks if c.type == b"IDAT"]
    assert idat == [clean[c.start : c.end] for c in png.walk(clean).chunks if c.type == b"IDAT"]
    assert _open(clean).tobytes() == _open(original).tobytes()


def test_strip_refuses_non_image():
    with pytest.raises(ValueError, match="SOI"):
        strip_metadata_losslessly(b"<html>")


def test_conforms_full_hd_jpeg():
    assert conforms(_inspect(corpus.jpeg_bytes()), 1920, 1080, 5 * MB) is True


@pytest.mark.parametrize(
    ("data", "max_bytes"),
    [
        (lambda: corpus.jpeg_bytes((1280, 720)), 5 * MB),
        (lambda: corpus.jpeg_bytes(exif=corpus.gps_exif(orientation=6)), 5 * MB),
        (lambda: corpus.jpeg_bytes(image=corpus.photo(noise=True)), 100_000),
    ],
    ids=["other-size", "exif-rotated", "over-limit"],
)
def test_conforms_false(data, max_bytes):
    assert conforms(_inspect(data()), 1920, 1080, max_bytes) is False


def test_conforms_pdf_false():
    inspection = inspect_upload(
        io.BytesIO(corpus.pdf_bytes()), "a.pdf", accepted_types=tuple(FileKind), max_bytes=MB
    )
    assert conforms(inspection, 1920, 1080, MB) is False


def test_strip_progressive_jpeg_keeps_every_scan():
    original = corpus.jpeg_bytes(exif=corpus.gps_exif(), progressive=True)
    clean = strip_metadata_losslessly(original)
    scans = [s for s in jpeg.walk(original).segments if s.marker == jpeg.SOS]
    assert len(scans) > 1
    assert _scan(clean) == _scan(original)
    assert _open(clean).tobytes() == _open(original).tobytes()
