import re
from urllib.parse import urlsplit

import pytest

from learningcity.accounts.enums import MembershipRole, Role
from learningcity.accounts.models import User
from tests.factories import PASSWORD, MembershipFactory, OrganisationFactory, UserFactory

LINK = re.compile(r"https?://\S+")


@pytest.fixture
def links_in():
    """The paths of every link in an e-mail body, in order."""

    def find(message) -> list[str]:
        return [urlsplit(url).path for url in LINK.findall(message.body)]

    return find


@pytest.fixture
def secretariat(db) -> User:
    """The secretariat's superuser, as ``createsuperuser`` makes it."""
    return User.objects.create_superuser(
        "secretariat@up.ac.th", PASSWORD, full_name="ฝ่ายเลขานุการ ทดสอบ"
    )


@pytest.fixture
def world(db) -> dict:
    """Two organisations and one person in each role of the permission matrix."""
    org_a = OrganisationFactory(name="องค์กร ก")
    org_b = OrganisationFactory(name="องค์กร ข")
    people = {
        "anonymous": None,
        "member_of_a": MembershipFactory(organisation=org_a, role=MembershipRole.MEMBER).user,
        "member_of_b": MembershipFactory(organisation=org_b, role=MembershipRole.MEMBER).user,
        "coordinator_of_a": MembershipFactory(
            organisation=org_a, role=MembershipRole.COORDINATOR
        ).user,
        "judge": UserFactory(role=Role.JUDGE),
        "secretariat": UserFactory(role=Role.SECRETARIAT),
        "superuser": UserFactory(role=Role.APPLICANT, is_superuser=True, is_staff=True),
    }
    return {"org_a": org_a, "org_b": org_b, "people": people}
