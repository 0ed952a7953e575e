import pytest
from django.core.management import call_command

from learningcity.accounts.models import Membership, Organisation, User
from learningcity.applications.models import Registration
from learningcity.demo.builder import DEMO_EDITION_NUMBER, DEMO_PASSWORD, ORGANISATIONS
from learningcity.editions.enums import PhaseKind
from learningcity.editions.models import Edition, Phase
from learningcity.editions.services import phase_is_open
from learningcity.registry.models import LocalGovernment

pytestmark = pytest.mark.django_db


def counts() -> dict[str, int]:
    return {
        "editions": Edition.objects.count(),
        "phases": Phase.objects.count(),
        "users": User.objects.count(),
        "organisations": Organisation.objects.count(),
        "memberships": Membership.objects.count(),
        "local_governments": LocalGovernment.objects.count(),
        "registrations": Registration.objects.count(),
    }


def test_demo_twice_creates_everything_once(capsys):
    call_command("demo", "--no-serve")
    first = counts()
    call_command("demo", "--no-serve")

    assert counts() == first
    # Edition 1, the practice edition, and those the apps' demo steps add (judging, results).
    assert {1, DEMO_EDITION_NUMBER} <= set(Edition.objects.values_list("number", flat=True))
    assert Edition.objects.filter(is_demo=False).count() == 1
    assert first["local_governments"] == 7849
    names = [spec.name for spec in ORGANISATIONS]
    statuses = sorted(
        Registration.objects.filter(organisation__name__in=names).values_list("status", flat=True)
    )
    assert statuses == ["approved", "approved", "rejected", "submitted"]
    assert not Registration.objects.filter(edition__number=1).exists()
    out = capsys.readouterr().out
    assert f"รหัสผ่านทุกบัญชี: {DEMO_PASSWORD}" in out
    assert "secretariat@demo.learningcity.in.th" in out


def test_demo_practice_edition_is_open_now_and_edition_1_keeps_its_dates():
    call_command("demo", "--no-serve")
    demo = Edition.objects.get(number=DEMO_EDITION_NUMBER)
    edition_1 = Edition.objects.get(number=1)

    assert demo.is_demo is True
    assert phase_is_open(demo, PhaseKind.SUBMISSION) is True
    assert phase_is_open(demo, PhaseKind.REGISTRATION) is True
    assert phase_is_open(edition_1, PhaseKind.SUBMISSION) is False
    assert edition_1.phases.get(kind=PhaseKind.SUBMISSION).ends_at.isoformat() == (
        "2026-07-31T16:59:59+00:00"
    )


def test_demo_logins_work_for_every_role(client):
    call_command("demo", "--no-serve")
    roles = set(User.objects.values_list("role", flat=True))

    assert roles == {"applicant", "judge", "secretariat"}
    for user in User.objects.all():
        assert client.login(email=user.email, password=DEMO_PASSWORD), user.email
        client.logout()
