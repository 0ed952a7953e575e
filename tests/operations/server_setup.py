"""Run inside ``learningcity shell`` against a throwaway database: applications open for
uploads and a logged-in coordinator. Prints one JSON line: the session cookie and the ids."""

import json

from django.conf import settings
from django.core.management import call_command
from django.test import Client

from learningcity.accounts.enums import MembershipRole
from learningcity.applications.models import Application
from tests.applications.factories import RegistrationFactory, open_submission_now
from tests.factories import MembershipFactory


def build(applications: int = 4) -> None:
    call_command("migrate", verbosity=0)
    coordinator = None
    ids = []
    for _ in range(applications):
        registration = RegistrationFactory()
        open_submission_now(registration.edition)
        membership = MembershipFactory(
            organisation=registration.organisation,
            role=MembershipRole.COORDINATOR,
            **({"user": coordinator} if coordinator else {}),
        )
        coordinator = membership.user
        ids.append(Application.objects.create(registration=registration).pk)
    client = Client()
    client.force_login(coordinator)
    print(json.dumps({"session": client.cookies[settings.SESSION_COOKIE_NAME].value, "ids": ids}))
