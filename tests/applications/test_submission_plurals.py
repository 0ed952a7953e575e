"""Counts in the submission check read right in English: "1 file is required", not "1 files"."""

import pytest
from django.utils import translation

from learningcity.applications import services
from learningcity.attachments.models import Attachment
from learningcity.editions.enums import DocumentKind
from tests.applications.factories import IN_SUBMISSION, complete_application

pytestmark = pytest.mark.django_db


def _document_messages(application) -> list[str]:
    return [
        p.message
        for p in services.submission_problems(application, IN_SUBMISSION)
        if p.code == "document"
    ]


def test_submission_problem_one_file_is_singular_in_english():
    application, _coordinator = complete_application()
    Attachment.objects.filter(application=application, kind=DocumentKind.PRESENTATION).delete()

    with translation.override("en"):
        messages = _document_messages(application)

    assert len(messages) == 1
    assert ": 1 file is required; there are 0." in messages[0]


def test_submission_problem_file_count_in_thai():
    application, _coordinator = complete_application()
    Attachment.objects.filter(application=application, kind=DocumentKind.PRESENTATION).delete()

    with translation.override("th"):
        messages = _document_messages(application)

    assert len(messages) == 1
    assert messages[0].endswith(": ต้องมี 1 ไฟล์ ขณะนี้มี 0 ไฟล์")
