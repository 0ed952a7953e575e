"""The signed certification page belongs to its application: a QR code on the generated page
says which application and which version of the letter, and an uploaded scan or photo must
show it.

The code holds ``LCCERT1:<application id>:<version>``, where the version is a keyed hash
(the project's secret key) of what the letter states: the head's name and position, the
organisation, the local government, the category and the edition. A page printed before one of
them changed is "outdated"; the hash cannot be made up without the key.
"""

import io
import json
import subprocess
import tempfile
from pathlib import Path

import pikepdf
import segno
import zxingcpp
from django.core.exceptions import ValidationError
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext as _
from PIL import Image, ImageOps

from learningcity.attachments.checks import Inspection, UploadRefused
from learningcity.attachments.checks.images import MAX_PIXELS, decoding
from learningcity.attachments.enums import FileKind
from learningcity.attachments.photos import to_jpeg

PREFIX = "LCCERT1"
SALT = "learningcity.applications.certification-page"
RENDER_DPI = 150  # a 3 cm code is about 180 pixels wide: plenty for the reader
RENDER_PAGES = 3  # a scan may carry a cover page; the letter is one of the first pages
RENDER_TIMEOUT = 60
READ_SIDE = 2400  # photos are read at this size first, then at full size


def certified_facts(application) -> dict:
    """What the letter states: when one of these changes, a printed page is outdated."""
    registration = application.registration
    return {
        "application": application.pk,
        "edition": registration.edition_id,
        "category": registration.category_id,
        "organisation": registration.organisation.name,
        "local_government": registration.local_government_id,
        "head_name": registration.head_name,
        "head_position": registration.head_position,
    }


def page_version(application) -> str:
    facts = json.dumps(certified_facts(application), sort_keys=True, ensure_ascii=False)
    return salted_hmac(SALT, facts, algorithm="sha256").hexdigest()[:20]


def page_code(application) -> str:
    """The text of the QR code printed on the application's certification page."""
    return f"{PREFIX}:{application.pk}:{page_version(application)}"


def page_code_svg(application) -> str:
    """The QR code as an SVG ``data:`` URL, for the PDF template (no file, no network)."""
    return segno.make(page_code(application), error="m").svg_data_uri(scale=4, border=4)


def _pdf_pages(content: bytes) -> list[Image.Image]:
    """The first pages rendered by poppler's ``pdftoppm``, in grey."""
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "page.pdf"
        source.write_bytes(content)
        try:
            subprocess.run(  # noqa: S603 - fixed program and arguments, no shell
                [  # noqa: S607 - poppler-utils from the system packages
                    "pdftoppm",
                    "-r",
                    str(RENDER_DPI),
                    "-gray",
                    "-png",
                    "-f",
                    "1",
                    "-l",
                    str(RENDER_PAGES),
                    str(source),
                    str(Path(folder) / "page"),
                ],
                check=True,
                capture_output=True,
                timeout=RENDER_TIMEOUT,
            )
        except (subprocess.CalledProcessError, subprocess.TimeoutExpired):
            return []
        pages = []
        for path in sorted(Path(folder).glob("page*.png")):
            with Image.open(path) as page:
                page.load()
                pages.append(page.copy())
        return pages


def _photo_pages(content: bytes) -> list[Image.Image]:
    with decoding(MAX_PIXELS, 1):
        image = Image.open(io.BytesIO(content), formats=["JPEG", "PNG", "HEIF", "WEBP"])
        image = ImageOps.exif_transpose(image).convert("L")
    return _read_sizes(image)


def codes_on(inspection: Inspection) -> list[str]:
    """The texts of this platform's codes found on the uploaded page, first found first."""
    if inspection.kind == FileKind.PDF:
        return codes_on_pdf(inspection.content)
    return _codes(_photo_pages(inspection.content))


def codes_on_pdf(content: bytes) -> list[str]:
    """A scanned page is a picture inside the PDF: the code is read from the pictures of the
    first pages as they are (a few ms); only when none shows it is the page rendered by
    poppler (about 90 ms of CPU), for a page drawn rather than scanned."""
    return _codes(_pdf_pictures(content)) or _codes(_pdf_pages(content))


def _pdf_pictures(content: bytes) -> list[Image.Image]:
    """The pictures on the first pages, in grey, largest first, each at most ``MAX_PIXELS``;
    a picture that cannot be decoded here (cut short, an encoding Pillow lacks) is skipped,
    and a page without a readable one is left to the rendering."""
    try:
        with pikepdf.open(io.BytesIO(content)) as pdf:
            images = [
                pikepdf.PdfImage(image)
                for page in pdf.pages[:RENDER_PAGES]
                for image in page.get_images().values()
            ]
            pictures = [picture for picture in map(_decoded, images) if picture is not None]
    except (pikepdf.PdfError, ValueError):
        return []  # the rendering decides
    pictures.sort(key=lambda picture: -picture.width * picture.height)
    return [page for picture in pictures for page in _read_sizes(picture)]


def _decoded(picture: pikepdf.PdfImage) -> Image.Image | None:
    if picture.width * picture.height > MAX_PIXELS:
        return None
    try:
        with decoding(picture.width, picture.height):
            return picture.as_pil_image().convert("L")
    except (UploadRefused, pikepdf.PdfError, NotImplementedError, ValueError, OSError):
        return None


def _read_sizes(image: Image.Image) -> list[Image.Image]:
    """A large picture is read at ``READ_SIDE`` first, then at full size."""
    if max(image.size) <= READ_SIDE:
        return [image]
    small = image.copy()
    small.thumbnail((READ_SIDE, READ_SIDE), Image.Resampling.LANCZOS)
    return [small, image]


def _codes(pages: list[Image.Image]) -> list[str]:
    found: list[str] = []
    for page in pages:
        for result in zxingcpp.read_barcodes(page, formats=zxingcpp.BarcodeFormat.QRCode):
            if result.text.startswith(f"{PREFIX}:") and result.text not in found:
                found.append(result.text)
        if found:
            break
    return found


def _refused(message: str, code: str) -> ValidationError:
    return ValidationError({"signed_file": ValidationError(message, code=code)})


def check_page_belongs(application, inspection: Inspection) -> None:
    """Refuses a page without the code, another application's page or an outdated one."""
    codes = codes_on(inspection)
    if not codes:
        raise _refused(
            _(
                "No certification code was found on this page. Please upload the "
                "certification page printed from this application, signed, with its QR "
                "code whole and clearly visible."
            ),
            "signed_no_code",
        )
    ours = [code for code in codes if code.split(":")[1:2] == [str(application.pk)]]
    if not ours:
        raise _refused(
            _(
                "This is the certification page of another application. Please print the "
                "certification page of this application, have it signed and upload that."
            ),
            "signed_other_application",
        )
    if not any(constant_time_compare(code, page_code(application)) for code in ours):
        raise _refused(
            _(
                "This certification page is outdated: the head's name or position, the "
                "organisation or the category changed after it was printed. Please print "
                "the page again, have it signed and upload that."
            ),
            "signed_outdated",
        )


def as_pdf(inspection: Inspection, max_bytes: int) -> bytes:
    """What is stored: the checked PDF, or a photo of the page as a one-page PDF (upright,
    without its metadata), so that the signed page is always a PDF."""
    if inspection.kind == FileKind.PDF:
        return inspection.content
    jpeg = to_jpeg(inspection.content, max_bytes=max_bytes)
    out = io.BytesIO()
    with Image.open(io.BytesIO(jpeg)) as image:
        image.save(out, "PDF", resolution=RENDER_DPI)
    return out.getvalue()


def page_with_code(application) -> bytes:
    """A plain A4 page carrying only the application's current code, as a PDF: the demo's and
    the tests' stand-in for a signed scan (the real page is ``pdf.certification_pdf``)."""
    page = Image.new("L", (1240, 1754), 255)  # A4 at 150 dpi
    code = io.BytesIO()
    segno.make(page_code(application), error="m").save(code, kind="png", scale=6, border=4)
    with Image.open(code) as image:
        page.paste(image.convert("L"), (120, 1300))
    out = io.BytesIO()
    page.save(out, "PDF", resolution=RENDER_DPI)
    return out.getvalue()
