import pytest
from django.urls import reverse

from learningcity.accounts.enums import Role
from learningcity.accounts.models import User
from tests.factories import PASSWORD, MembershipFactory, UserFactory, log_in


@pytest.fixture
def admin_client_th(client, secretariat):
    log_in(client, secretariat)
    return client


@pytest.mark.parametrize(
    "url_name",
    [
        "admin:index",
        "admin:accounts_user_changelist",
        "admin:accounts_user_add",
        "admin:accounts_organisation_changelist",
        "admin:accounts_organisation_add",
    ],
)
def test_admin_page_opens_for_the_secretariat(admin_client_th, url_name):
    response = admin_client_th.get(reverse(url_name))

    assert response.status_code == 200


def test_admin_change_pages_open(admin_client_th):
    membership = MembershipFactory()

    for url in [
        reverse("admin:accounts_user_change", args=[membership.user.pk]),
        reverse("admin:accounts_organisation_change", args=[membership.organisation.pk]),
    ]:
        assert admin_client_th.get(url).status_code == 200


def test_admin_user_changelist_is_in_thai_with_filters_and_search(admin_client_th):
    UserFactory(email="judge@example.org", full_name="กรรมการ หนึ่ง", role=Role.JUDGE)
    UserFactory(email="other@example.org", full_name="ผู้สมัคร สอง")

    response = admin_client_th.get(
        reverse("admin:accounts_user_changelist"), {"q": "judge", "role__exact": "judge"}
    )

    content = response.content.decode()
    assert "การยืนยันอีเมล" in content
    assert "กรรมการ หนึ่ง" in content
    assert "ผู้สมัคร สอง" not in content


def test_admin_organisation_changelist_searches_by_member_email(admin_client_th):
    membership = MembershipFactory(organisation__name="เทศบาลตำบลค้นหา")
    MembershipFactory(organisation__name="องค์กรที่ไม่ควรพบ")

    response = admin_client_th.get(
        reverse("admin:accounts_organisation_changelist"), {"q": membership.user.email}
    )

    content = response.content.decode()
    assert "เทศบาลตำบลค้นหา" in content
    assert "องค์กรที่ไม่ควรพบ" not in content


def test_admin_unverified_filter(admin_client_th):
    UserFactory(full_name="ยังไม่ยืนยัน คนหนึ่ง", email_verified_at=None)
    UserFactory(full_name="ยืนยันแล้ว คนหนึ่ง")

    response = admin_client_th.get(reverse("admin:accounts_user_changelist"), {"verified": "no"})

    content = response.content.decode()
    assert "ยังไม่ยืนยัน คนหนึ่ง" in content
    assert "ยืนยันแล้ว คนหนึ่ง" not in content


def test_admin_add_user_creates_a_judge(admin_client_th):
    response = admin_client_th.post(
        reverse("admin:accounts_user_add"),
        {
            "email": "New.Judge@Example.org",
            "full_name": "กรรมการ ใหม่",
            "phone": "",
            "role": Role.JUDGE,
            "usable_password": "true",
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )

    assert response.status_code == 302
    judge = User.objects.get(email="new.judge@example.org")
    assert (judge.full_name, judge.role) == ("กรรมการ ใหม่", Role.JUDGE)
    assert judge.check_password(PASSWORD)


def test_admin_add_user_refuses_an_address_taken_in_another_case(admin_client_th):
    UserFactory(email="judge@example.org")

    response = admin_client_th.post(
        reverse("admin:accounts_user_add"),
        {
            "email": "JUDGE@example.org",
            "full_name": "ซ้ำ",
            "role": Role.JUDGE,
            "usable_password": "false",
        },
    )

    assert response.status_code == 200
    assert response.context["adminform"].form.errors == {"email": ["มีผู้ใช้ที่ใช้อีเมลนี้อยู่แล้ว"]}
    assert User.objects.filter(email__iexact="judge@example.org").count() == 1


def test_admin_is_closed_to_applicants(client, db):
    client.force_login(UserFactory())

    response = client.get(reverse("admin:accounts_user_changelist"))

    assert response.status_code == 302
