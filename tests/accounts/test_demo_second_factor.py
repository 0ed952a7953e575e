"""The demo's second factor: a device per demo judge/secretariat, and the totp_code command."""

from dataclasses import dataclass, field
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django_otp.plugins.otp_totp.models import TOTPDevice

from learningcity.accounts import demo, second_factor
from learningcity.accounts.enums import Role
from tests.factories import UserFactory, second_factor_device


@dataclass
class Context:
    people: list
    summary: list = field(default_factory=list)


@pytest.fixture
def demo_people(db):
    return [
        (None, UserFactory(email="judge1@demo.learningcity.in.th", role=Role.JUDGE)),
        (None, UserFactory(email="secretariat@demo.learningcity.in.th", is_staff=True)),
        (None, UserFactory(email="coordinator@demo.learningcity.in.th")),
    ]


def test_demo_gives_judges_and_secretariat_a_device_and_prints_its_key(demo_people):
    context = Context(people=demo_people)

    demo.build(context)

    judge, secretariat, applicant = (user for _p, user in demo_people)
    assert TOTPDevice.objects.filter(user=judge, confirmed=True).count() == 1
    assert TOTPDevice.objects.filter(user=secretariat, confirmed=True).count() == 1
    assert not TOTPDevice.objects.filter(user=applicant).exists()
    key = second_factor.secret_text(TOTPDevice.objects.get(user=judge))
    assert any(judge.email in line and key in line for line in context.summary)
    assert "uv run learningcity totp_code" in "\n".join(context.summary)


def test_demo_second_factor_is_idempotent(demo_people):
    demo.build(Context(people=demo_people))
    keys = list(TOTPDevice.objects.order_by("pk").values_list("key", flat=True))

    demo.build(Context(people=demo_people))

    assert list(TOTPDevice.objects.order_by("pk").values_list("key", flat=True)) == keys


def test_totp_code_prints_a_code_the_device_accepts(demo_people):
    judge = demo_people[0][1]
    demo.build(Context(people=demo_people))
    out = StringIO()

    call_command("totp_code", judge.email.upper(), stdout=out)

    code = out.getvalue().strip()
    assert len(code) == 6
    assert code.isdigit()
    assert TOTPDevice.objects.get(user=judge).verify_token(code) is True


def test_totp_code_refuses_a_real_account(db, settings):
    settings.DEBUG = False
    judge = UserFactory(email="judge@up.ac.th", role=Role.JUDGE)
    second_factor_device(judge)

    with pytest.raises(CommandError, match="Only demo accounts"):
        call_command("totp_code", judge.email)


def test_totp_code_works_for_any_account_when_debug_is_on(db, settings):
    settings.DEBUG = True
    judge = UserFactory(email="judge@up.ac.th", role=Role.JUDGE)
    second_factor_device(judge)
    out = StringIO()

    call_command("totp_code", judge.email, stdout=out)

    assert out.getvalue().strip().isdigit()
