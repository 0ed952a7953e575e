"""Storing evidence files: the rules of ``attachments.services``, with real files on disk."""

import datetime as dt
import hashlib
import io
import os
import time

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.management import call_command
from PIL import Image

from learningcity.accounts.enums import MembershipRole
from learningcity.applications.enums import ApplicationStatus
from learningcity.attachments import pending, services
from learningcity.attachments.models import Attachment
from learningcity.attachments.services import (
    NeedsConversion,
    delete_attachment,
    remove_orphans,
    set_caption,
    set_criteria,
    store_attachment,
)
from learningcity.audit.models import AuditEntry
from learningcity.editions.enums import DocumentKind
from tests.attachments import corpus
from tests.attachments.conftest import IN_SUBMISSION, files_under
from tests.factories import EditionFactory, MembershipFactory, bangkok


def upload(data: bytes, name: str = "photo.jpg") -> ContentFile:
    return ContentFile(data, name=name)


def store_photo(application, user, data=None, *, slot=1, at=IN_SUBMISSION, **kwargs):
    kwargs.setdefault("caption", "ห้องสมุดชุมชน")
    return store_attachment(
        application=application,
        kind=DocumentKind.PHOTOS,
        slot=slot,
        upload=upload(data if data is not None else corpus.jpeg_bytes()),
        user=user,
        at=at,
        **kwargs,
    )


def test_store_attachment_conforming_photo_kept_with_sha256_and_no_gps(application, member, media):
    original = corpus.jpeg_bytes(exif=corpus.gps_exif())
    assert b"PhoneMaker" in original

    attachment = store_photo(application, member, original)

    stored = (media / attachment.stored_name).read_bytes()
    assert attachment.sha256 == hashlib.sha256(stored).hexdigest()
    assert attachment.stored_name == f"{attachment.sha256[:2]}/{attachment.sha256}.jpg"
    assert (attachment.size, attachment.width, attachment.height) == (len(stored), 1920, 1080)
    assert attachment.content_type == "image/jpeg"
    assert attachment.display_name == "photo.jpg"
    assert b"PhoneMaker" not in stored
    with Image.open(io.BytesIO(stored)) as image:
        assert image.getexif().get_ifd(0x8825) == {}
        assert image.size == (1920, 1080)
    assert files_under(media) == [attachment.stored_name]
    assert AuditEntry.objects.filter(action="attachment.stored").count() == 1


def test_store_attachment_big_photo_needs_conversion(application, member, media):
    with pytest.raises(NeedsConversion) as offer:
        store_photo(application, member, corpus.jpeg_bytes((4000, 3000)))

    assert (offer.value.inspection.width, offer.value.inspection.height) == (4000, 3000)
    assert Attachment.objects.count() == 0
    assert files_under(media) == []


@pytest.mark.parametrize("mode", ["fit", "crop"])
def test_store_attachment_big_photo_converted_to_edition_size(application, member, media, mode):
    attachment = store_photo(application, member, corpus.jpeg_bytes((4000, 3000)), convert=mode)

    with Image.open(media / attachment.stored_name) as image:
        assert image.size == (1920, 1080)
    assert (attachment.width, attachment.height) == (1920, 1080)
    assert attachment.size <= 5 * 1024 * 1024


def test_store_attachment_fit_and_crop_differ(application, member, media):
    big = corpus.jpeg_bytes((4000, 3000))
    fitted = store_photo(application, member, big, slot=1, convert="fit")
    cropped = store_photo(application, member, big, slot=2, convert="crop")

    with Image.open(media / fitted.stored_name) as image:
        # Fitting a 4:3 photo into 16:9 leaves white bands left and right.
        assert image.convert("RGB").getpixel((5, 540)) == (255, 255, 255)
    assert fitted.sha256 != cropped.sha256


def test_store_attachment_eleventh_photo_refused(application, member):
    with pytest.raises(ValidationError) as error:
        store_photo(application, member, slot=11)

    assert error.value.code == "slot"
    assert error.value.messages == ["ภาพประกอบ 10 ภาพ ส่งได้ไม่เกิน 10 ไฟล์"]


def test_store_attachment_photo_without_caption_refused(application, member):
    with pytest.raises(ValidationError) as error:
        store_photo(application, member, caption="   ")

    assert error.value.code == "caption"
    assert error.value.messages == ["กรุณาเขียนคำอธิบายภาพนี้"]
    assert Attachment.objects.count() == 0


def test_store_attachment_html_named_jpg_refused_and_nothing_on_disk(application, member, media):
    with pytest.raises(ValidationError) as error:
        store_photo(application, member, corpus.HTML)

    assert error.value.code == "type_mismatch"
    assert error.value.messages == [
        "เนื้อหาของไฟล์ไม่ตรงกับชนิดที่ระบุในชื่อไฟล์ (.jpg) กรุณาบันทึกไฟล์ใหม่ในรูปแบบที่ถูกต้องแล้วอัปโหลดอีกครั้ง"
    ]
    assert Attachment.objects.count() == 0
    assert files_under(media) == []


def test_store_attachment_database_failure_leaves_no_file(application, member, media, monkeypatch):
    def fail(*args, **kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr(services.Attachment.objects, "create", fail)

    with pytest.raises(RuntimeError):
        store_photo(application, member)

    assert Attachment.objects.count() == 0
    assert files_under(media) == []


def test_store_attachment_replaces_slot_and_removes_unshared_file(application, member, media):
    first = store_photo(application, member, corpus.jpeg_bytes(image=corpus.photo(noise=True)))
    second = store_photo(application, member)

    assert list(Attachment.objects.values_list("pk", flat=True)) == [second.pk]
    assert files_under(media) == [second.stored_name]
    assert first.stored_name != second.stored_name
    assert AuditEntry.objects.filter(action="attachment.replaced").count() == 1


def test_store_attachment_identical_files_share_one_stored_file(application, member, media):
    one = store_photo(application, member, slot=1)
    two = store_photo(application, member, slot=2)
    assert one.stored_name == two.stored_name

    delete_attachment(one, user=member, at=IN_SUBMISSION)

    assert files_under(media) == [two.stored_name]
    delete_attachment(two, user=member, at=IN_SUBMISSION)
    assert files_under(media) == []
    assert AuditEntry.objects.filter(action="attachment.deleted").count() == 2


def test_store_attachment_one_second_before_deadline_accepted(application, member):
    attachment = store_photo(application, member, at=bangkok(2026, 7, 31, 23, 59, 58))

    assert attachment.pk is not None


def test_store_attachment_one_second_after_deadline_refused(application, member, media):
    with pytest.raises(ValidationError) as error:
        store_photo(application, member, at=bangkok(2026, 8, 1, 0, 0, 0))

    assert error.value.code == "closed"
    assert files_under(media) == []


def test_store_attachment_submitted_application_refused(application, member):
    application.status = ApplicationStatus.SUBMITTED
    application.reference = "LCA1-YOUTH-0001"
    application.submitted_at = IN_SUBMISSION
    application.save()

    with pytest.raises(ValidationError) as error:
        store_photo(application, member)

    assert error.value.code == "status"


def test_store_attachment_other_organisation_refused(application):
    stranger = MembershipFactory().user

    with pytest.raises(ValidationError) as error:
        store_photo(application, stranger)

    assert error.value.code == "member"


def test_store_attachment_map_pdf_and_presentation(application, member, media):
    pdf = corpus.pdf_bytes()
    city_map = store_attachment(
        application=application,
        kind=DocumentKind.MAP,
        slot=1,
        upload=upload(pdf, "แผนที่.pdf"),
        user=member,
        at=IN_SUBMISSION,
    )
    presentation = store_attachment(
        application=application,
        kind=DocumentKind.PRESENTATION,
        slot=1,
        upload=upload(pdf, "นำเสนอ.pdf"),
        user=member,
        at=IN_SUBMISSION,
    )

    assert (city_map.content_type, city_map.display_name, city_map.caption) == (
        "application/pdf",
        "แผนที่.pdf",
        "",
    )
    assert city_map.stored_name == presentation.stored_name
    assert files_under(media) == [city_map.stored_name]


def test_set_caption_and_criteria(application, member):
    attachment = store_photo(application, member)
    criteria = list(application.registration.edition.criteria.filter(number__in=[2, 3]))

    set_caption(attachment, "  ลานกีฬา  เยาวชน ", user=member, at=IN_SUBMISSION)
    set_criteria(attachment, criteria, user=member, at=IN_SUBMISSION)

    attachment.refresh_from_db()
    assert attachment.caption == "ลานกีฬา เยาวชน"
    assert sorted(c.number for c in attachment.criteria.all()) == [2, 3]
    with pytest.raises(ValidationError):
        set_caption(attachment, "", user=member, at=IN_SUBMISSION)


def _age(path, seconds: int) -> None:
    old = time.time() - seconds
    os.utime(path, (old, old))


def test_remove_orphans_removes_stray_and_stale_temp_keeps_referenced(application, member, media):
    kept = store_photo(application, member)
    stray = media / "ff" / f"{'f' * 64}.jpg"
    stray.parent.mkdir(parents=True)
    stray.write_bytes(b"left behind")
    temp = media / kept.stored_name[:2] / f"{kept.sha256}.jpg.0123456789abcdef.part"
    temp.write_bytes(b"half written")
    fresh = media / "ee" / f"{'e' * 64}.pdf"
    fresh.parent.mkdir(parents=True)
    fresh.write_bytes(b"being committed right now")
    for path in (stray, temp, media / kept.stored_name):
        _age(path, 7200)

    counts = remove_orphans(older_than=dt.timedelta(hours=1))

    assert counts == {"temporary": 1, "pending": 0, "unreferenced": 1, "thumbnails": 0}
    assert files_under(media) == sorted([kept.stored_name, fresh.relative_to(media).as_posix()])


def test_remove_orphans_expires_old_pending_uploads(application, member, media):
    token = pending.keep(
        content=b"waiting",
        user=member,
        application=application,
        kind="photos",
        slot=1,
        caption="ก",
        display_name="a.jpg",
        criteria=[],
    )
    assert pending.load(token, user=member, application=application).content == b"waiting"
    for path in (media / "pending").iterdir():
        _age(path, 7200)

    counts = remove_orphans()

    assert counts["pending"] == 2
    assert pending.load(token, user=member, application=application) is None


def test_store_attachment_limits_come_from_the_edition_rows(application, member, media):
    document = application.registration.edition.documents.get(kind=DocumentKind.PHOTOS)
    document.max_bytes = 300_000
    document.min_count = document.max_count = 3
    document.save()
    heavy = corpus.jpeg_bytes(image=corpus.photo(noise=True))
    assert len(heavy) > 300_000

    with pytest.raises(NeedsConversion):
        store_photo(application, member, heavy, slot=3)
    attachment = store_photo(application, member, heavy, slot=3, convert="fit")
    with pytest.raises(ValidationError):
        store_photo(application, member, slot=4)

    assert attachment.size <= 300_000
    assert (attachment.width, attachment.height) == (1920, 1080)


def test_remove_orphan_files_command_prints_counts(db, media):
    stray = media / "ab" / f"{'a' * 64}.jpg"
    stray.parent.mkdir(parents=True)
    stray.write_bytes(b"x")
    _age(stray, 7200)
    out = io.StringIO()

    call_command("remove_orphan_files", stdout=out)

    assert out.getvalue() == (
        '{"pending": 0, "temporary": 0, "thumbnails": 0, "unreferenced": 1}\n'
    )
    assert not stray.exists()


@pytest.mark.parametrize(
    ("role", "code"),
    [
        (MembershipRole.COORDINATOR, None),
        (MembershipRole.MEMBER, None),
        (MembershipRole.HEAD, "member"),
    ],
)
def test_store_attachment_by_membership_role(application, role, code):
    user = MembershipFactory(organisation=application.registration.organisation, role=role).user

    if code is None:
        assert store_photo(application, user).uploaded_by == user
    else:
        with pytest.raises(ValidationError) as error:
            store_photo(application, user)
        assert error.value.code == code


def test_set_criteria_ignores_other_editions_criteria(application, member):
    attachment = store_photo(application, member)
    foreign = EditionFactory().criteria.get(number=1)
    own = application.registration.edition.criteria.get(number=1)

    set_criteria(attachment, [foreign.pk, own.pk], user=member, at=IN_SUBMISSION)

    assert list(attachment.criteria.all()) == [own]


def test_store_attachment_replacement_keeps_criteria_unless_given(application, member):
    first = store_photo(application, member)
    set_criteria(
        first,
        [application.registration.edition.criteria.get(number=5)],
        user=member,
        at=IN_SUBMISSION,
    )

    second = store_photo(application, member, corpus.jpeg_bytes(image=corpus.photo(noise=True)))
    assert [c.number for c in second.criteria.all()] == [5]
    third = store_photo(application, member, criteria=[])

    assert list(third.criteria.all()) == []
