"""Files follow the application's own submission window: the edition's phase, or the later
deadline the secretariat granted this application alone (bounds inclusive, Asia/Bangkok)."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile

from learningcity.accounts.enums import Role
from learningcity.applications import services as applications
from learningcity.attachments.models import Attachment
from learningcity.attachments.services import delete_attachment, set_caption, store_attachment
from learningcity.editions.enums import DocumentKind
from tests.attachments import corpus
from tests.attachments.conftest import IN_SUBMISSION, files_under
from tests.factories import UserFactory, bangkok

DEADLINE = bangkok(2026, 7, 31, 23, 59, 59)
EXTENDED = bangkok(2026, 8, 3, 12, 0, 0)


def store(application, user, at, slot=1):
    return store_attachment(
        application=application,
        kind=DocumentKind.PHOTOS,
        slot=slot,
        upload=ContentFile(corpus.jpeg_bytes(), name="ห้องสมุด.jpg"),
        caption="ห้องสมุดชุมชน",
        user=user,
        at=at,
    )


def extend(application, until=EXTENDED):
    applications.extend_deadline(application, UserFactory(role=Role.SECRETARIAT), until, "น้ำท่วมพื้นที่")


def test_store_attachment_at_deadline_second_accepted(application, member):
    assert store(application, member, DEADLINE).uploaded_at == DEADLINE


def test_store_attachment_one_second_before_window_refused(application, member, media):
    with pytest.raises(ValidationError) as error:
        store(application, member, bangkok(2026, 5, 31, 23, 59, 59))

    assert error.value.code == "closed"
    assert error.value.messages == ["แก้ไขไฟล์ได้เฉพาะในช่วงเวลาเปิดรับใบสมัครเท่านั้น"]
    assert files_under(media) == []


def test_store_attachment_after_deadline_inside_granted_extension_accepted(application, member):
    extend(application)

    attachment = store(application, member, EXTENDED)

    assert attachment.uploaded_at == EXTENDED


def test_store_attachment_one_second_after_granted_extension_refused(application, member, media):
    extend(application)

    with pytest.raises(ValidationError) as error:
        store(application, member, bangkok(2026, 8, 3, 12, 0, 1))

    assert error.value.code == "closed"
    assert files_under(media) == []


def test_set_caption_one_second_after_deadline_refused_caption_kept(application, member):
    attachment = store(application, member, IN_SUBMISSION)

    with pytest.raises(ValidationError):
        set_caption(attachment, "คำอธิบายใหม่", user=member, at=bangkok(2026, 8, 1, 0, 0, 0))

    attachment.refresh_from_db()
    assert attachment.caption == "ห้องสมุดชุมชน"


def test_delete_attachment_one_second_after_deadline_refused_file_kept(application, member, media):
    attachment = store(application, member, IN_SUBMISSION)

    with pytest.raises(ValidationError):
        delete_attachment(attachment, user=member, at=bangkok(2026, 8, 1, 0, 0, 0))

    assert Attachment.objects.filter(pk=attachment.pk).exists()
    assert files_under(media) == [attachment.stored_name]
