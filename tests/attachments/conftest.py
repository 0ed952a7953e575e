import datetime as dt

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from learningcity.accounts.enums import MembershipRole
from learningcity.applications.models import Application
from learningcity.attachments.services import store_attachment
from learningcity.editions.enums import DocumentKind, PhaseKind
from tests.applications.factories import RegistrationFactory
from tests.attachments import corpus
from tests.factories import MembershipFactory, bangkok

IN_SUBMISSION = bangkok(2026, 6, 15, 10, 0)


@pytest.fixture
def application(db):
    return Application.objects.create(registration=RegistrationFactory())


@pytest.fixture
def member(application):
    return MembershipFactory(
        organisation=application.registration.organisation, role=MembershipRole.COORDINATOR
    ).user


@pytest.fixture
def open_now(application):
    """Move the submission window around the present moment, for requests made now."""
    now = timezone.now()
    application.registration.edition.phases.filter(kind=PhaseKind.SUBMISSION).update(
        starts_at=now - dt.timedelta(days=3), ends_at=now + dt.timedelta(days=3)
    )
    return application


@pytest.fixture
def media(settings):
    return settings.MEDIA_ROOT


def files_under(root) -> list[str]:
    """Every file under ``root``, relative, sorted: what is left on disk."""
    if not root.exists():
        return []
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())


@pytest.fixture
def stored(open_now, member):
    """A photo stored in the first slot by a member, on whichever storage is configured."""
    return store_attachment(
        application=open_now,
        kind=DocumentKind.PHOTOS,
        slot=1,
        upload=ContentFile(corpus.jpeg_bytes(), name="ลานกีฬา.jpg"),
        caption="ลานกีฬาชุมชน",
        user=member,
    )
