"""The signed certification page belongs to its application (issue 14): the generated page
carries a QR code, and an upload (PDF scan or photo) must show this application's current one."""

import html
import io
import subprocess
import tempfile
from pathlib import Path

import pikepdf
import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image, ImageFilter

from learningcity.applications import services
from learningcity.applications.models import Certification
from learningcity.applications.pdf import certification_pdf
from learningcity.applications.services import signed_page
from learningcity.attachments import storage
from tests.applications.factories import IN_SUBMISSION, complete_application, open_submission_now
from tests.attachments import corpus
from tests.attachments.test_phone_photos import heic_bytes
from tests.factories import log_in


def render(pdf: bytes, dpi: int) -> Image.Image:
    """The first page as poppler prints it, in colour, at ``dpi``."""
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "in.pdf"
        source.write_bytes(pdf)
        command = ["pdftoppm", "-r", str(dpi), "-png", "-l", "1", str(source), f"{folder}/p"]
        subprocess.run(  # noqa: S603 - fixed program and arguments
            command,
            check=True,
        )
        with Image.open(next(Path(folder).glob("p*.png"))) as page:
            return page.convert("RGB")


def photo_of(page: Image.Image) -> bytes:
    """A phone's picture of the printed page: smaller, turned 4°, on a desk, a little blurred,
    JPEG at quality 70."""
    page = page.resize((page.width * 2 // 5, page.height * 2 // 5), Image.Resampling.LANCZOS)
    page = page.rotate(4, expand=True, fillcolor=(90, 70, 50))
    desk = Image.new("RGB", (page.width + 200, page.height + 160), (90, 70, 50))
    desk.paste(page, (100, 80))
    desk = desk.filter(ImageFilter.GaussianBlur(0.8))
    out = io.BytesIO()
    desk.save(out, "JPEG", quality=70, exif=corpus.gps_exif().tobytes())
    return out.getvalue()


def upload(application, coordinator, data: bytes, name: str):
    return services.certify_by_upload(
        application, coordinator, SimpleUploadedFile(name, data), at=IN_SUBMISSION
    )


@pytest.fixture
def uncertified(db):
    return complete_application(certify=False)


@pytest.fixture
def printed(uncertified):
    """The certification page the platform generates for the application."""
    return certification_pdf(uncertified[0])


def test_certification_pdf_carries_the_application_code(uncertified, printed):
    application, _coordinator = uncertified

    assert signed_page.codes_on_pdf(printed) == [signed_page.page_code(application)]
    assert signed_page.page_code(application).startswith(f"LCCERT1:{application.pk}:")


def test_signed_page_scan_at_print_resolution_accepted(uncertified, printed):
    application, coordinator = uncertified
    scan = io.BytesIO()
    render(printed, 300).save(scan, "PDF", resolution=300)

    certification = upload(application, coordinator, scan.getvalue(), "scan.pdf")

    assert certification.method == "signed_upload"
    stored = storage.path_of(certification.stored_name)
    assert certification.stored_name.endswith(".pdf")
    assert signed_page.codes_on_pdf(stored.read_bytes()) == [signed_page.page_code(application)]


def _count_renders(monkeypatch) -> list[list[str]]:
    """The poppler runs made by the signed-page check from now on."""
    runs: list[list[str]] = []
    real_run = subprocess.run

    def counting_run(command, *args, **kwargs):
        runs.append(list(command))
        return real_run(command, *args, **kwargs)

    monkeypatch.setattr(signed_page.subprocess, "run", counting_run)
    return runs


def test_a_scanned_page_is_read_from_its_picture_without_rendering(
    uncertified, printed, monkeypatch
):
    application, _coordinator = uncertified
    scan = io.BytesIO()
    render(printed, 300).save(scan, "PDF", resolution=300)
    renders = _count_renders(monkeypatch)

    assert signed_page.codes_on_pdf(scan.getvalue()) == [signed_page.page_code(application)]
    assert renders == []


def test_a_drawn_page_is_rendered_to_read_its_code(uncertified, printed, monkeypatch):
    application, _coordinator = uncertified
    renders = _count_renders(monkeypatch)

    assert signed_page.codes_on_pdf(printed) == [signed_page.page_code(application)]
    assert [command[0] for command in renders] == ["pdftoppm"]


def test_a_scan_without_the_code_is_still_rendered_before_refusing(monkeypatch):
    blank = io.BytesIO()
    Image.new("L", (1240, 1754), 255).save(blank, "PDF", resolution=150)
    renders = _count_renders(monkeypatch)

    assert signed_page.codes_on_pdf(blank.getvalue()) == []
    assert len(renders) == 1


def test_a_broken_picture_in_the_pdf_leaves_the_code_to_the_rendering(monkeypatch):
    """A picture the reader cannot decode (here cut short) is not a refusal of the page: the
    page is rendered and read as it prints."""
    page = io.BytesIO()
    Image.new("L", (1240, 1754), 255).save(page, "PDF", resolution=150)
    with pikepdf.open(io.BytesIO(page.getvalue())) as pdf:
        (image,) = pdf.pages[0].get_images().values()
        image.write(image.read_raw_bytes()[:200], filter=pikepdf.Name.DCTDecode)
        broken = io.BytesIO()
        pdf.save(broken)
    renders = _count_renders(monkeypatch)

    assert signed_page.codes_on_pdf(broken.getvalue()) == []
    assert len(renders) == 1


def test_signed_page_phone_photo_accepted_and_stored_as_pdf_without_gps(uncertified, printed):
    application, coordinator = uncertified
    photo = photo_of(render(printed, 200))
    assert b"PhoneMaker" in photo

    certification = upload(application, coordinator, photo, "IMG_2041.jpg")

    stored = storage.path_of(certification.stored_name).read_bytes()
    assert stored.startswith(b"%PDF-")
    assert b"PhoneMaker" not in stored
    with pikepdf.open(io.BytesIO(stored)) as pdf:
        assert len(pdf.pages) == 1


def test_signed_page_heic_photo_accepted(uncertified, printed):
    application, coordinator = uncertified
    page = render(printed, 150)
    out = io.BytesIO()
    page.save(out, "HEIF", quality=70)

    certification = upload(application, coordinator, out.getvalue(), "IMG_2042.HEIC")

    assert certification.stored_name.endswith(".pdf")


@pytest.mark.parametrize(
    ("name", "build"),
    [
        ("blank.pdf", lambda: corpus.pdf_bytes()),
        (
            "blank.jpg",
            lambda: corpus.jpeg_bytes((1240, 1754), image=Image.new("RGB", (1240, 1754), "white")),
        ),
        ("holiday.jpg", lambda: corpus.jpeg_bytes((1600, 1200))),
        ("iphone.heic", lambda: heic_bytes((640, 480))),
    ],
)
def test_signed_page_without_code_refused(uncertified, name, build):
    application, coordinator = uncertified

    with pytest.raises(ValidationError) as refused:
        upload(application, coordinator, build(), name)

    assert refused.value.error_dict["signed_file"][0].code == "signed_no_code"
    assert "ไม่พบรหัส" in refused.value.message_dict["signed_file"][0]
    assert not Certification.objects.exists()


def test_signed_page_of_another_application_refused(uncertified):
    application, coordinator = uncertified
    other, _other_coordinator = complete_application(certify=False)

    with pytest.raises(ValidationError) as refused:
        upload(application, coordinator, certification_pdf(other), "signed.pdf")

    assert refused.value.error_dict["signed_file"][0].code == "signed_other_application"
    assert "ใบสมัครอื่น" in refused.value.message_dict["signed_file"][0]
    assert not Certification.objects.exists()


def test_signed_page_outdated_after_head_changed_refused(uncertified, printed):
    application, coordinator = uncertified
    registration = application.registration
    registration.head_name = "นายใหม่ เปลี่ยนตัว"
    registration.save(update_fields=["head_name"])

    with pytest.raises(ValidationError) as refused:
        upload(application, coordinator, photo_of(render(printed, 200)), "signed.jpg")

    assert refused.value.error_dict["signed_file"][0].code == "signed_outdated"
    assert "ไม่เป็นปัจจุบัน" in refused.value.message_dict["signed_file"][0]
    assert not Certification.objects.exists()


def test_signed_page_version_changes_with_what_the_letter_states(uncertified):
    application, _coordinator = uncertified
    before = signed_page.page_version(application)
    registration = application.registration
    registration.head_position = "รองนายกเทศมนตรี"
    registration.save(update_fields=["head_position"])

    assert signed_page.page_version(application) != before
    assert len(before) == 20


@pytest.mark.parametrize(
    ("name", "data", "says"),
    [
        ("blank.pdf", corpus.pdf_bytes(), "ไม่พบรหัสตรวจสอบ"),
        ("empty.pdf", b"", "ไฟล์ว่างเปล่า"),
    ],
)
def test_signed_page_refusal_shown_on_the_check_page(client, uncertified, name, data, says):
    application, coordinator = uncertified
    open_submission_now(application.registration.edition)
    log_in(client, coordinator)

    response = client.post(
        reverse("applications:certify_upload", args=[application.pk]),
        {"signed_file": SimpleUploadedFile(name, data)},
    )

    assert response.status_code in (200, 400)
    assert says in html.unescape(response.content.decode())
    assert not Certification.objects.exists()
