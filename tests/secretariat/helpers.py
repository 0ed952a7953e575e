"""Shared bits of the secretariat tests."""

import datetime as dt

from django.utils import timezone

from learningcity.accounts.enums import Role
from learningcity.applications.models import Representative
from tests.applications.factories import RegistrationFactory
from tests.factories import (
    LocalGovernmentFactory,
    OrganisationFactory,
    ProvinceFactory,
    UserFactory,
)


def secretariat_user():
    return UserFactory(role=Role.SECRETARIAT)


def registration_in(edition, *, province=None, lg_type=None, lat=None, lon=None, reps=2, **kwargs):
    """A registration in ``edition`` for a new area, with ``reps`` named representatives."""
    lg_kwargs = {}
    if province is not None:
        lg_kwargs["province"] = province
    if lg_type is not None:
        lg_kwargs["type"] = lg_type
    if lat is not None:
        lg_kwargs.update(lat=lat, lon=lon)
    organisation = OrganisationFactory(local_government=LocalGovernmentFactory(**lg_kwargs))
    registration = RegistrationFactory(edition=edition, organisation=organisation, **kwargs)
    for slot in range(1, reps + 1):
        Representative.objects.create(
            registration=registration,
            slot=slot,
            full_name=f"ตัวแทน {registration.pk}-{slot}",
            position="ครู",
            phone="080",
            email=f"r{registration.pk}{slot}@example.org",
        )
    return registration


def days_ago(days: int) -> dt.datetime:
    return timezone.now() - dt.timedelta(days=days)


def province(code: str, name: str):
    return ProvinceFactory(code=code, name_th=name, name_en=name)
