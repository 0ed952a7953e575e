from django.urls import reverse

from learningcity.accounts.enums import MembershipRole, Role
from tests.factories import MembershipFactory, UserFactory

HOME = reverse("accounts:home")
NEXT_STEP = "ขั้นต่อไป: ลงทะเบียนพื้นที่ของคุณ"


def test_home_requires_login(client, db):
    response = client.get(HOME)

    assert response.status_code == 302
    assert response.url == f"{reverse('accounts:login')}?next={HOME}"


def test_home_applicant_without_organisation_learns_the_next_step(client, db):
    client.force_login(UserFactory(full_name="สมหญิง ใจดี"))

    content = client.get(HOME).content.decode()

    assert "สวัสดี สมหญิง ใจดี" in content
    assert "ผู้สมัคร" in content
    assert NEXT_STEP in content
    assert "เปิดส่วนผู้ดูแลระบบ" not in content


def test_home_lists_organisations_with_the_role_in_each(client, db):
    membership = MembershipFactory(role=MembershipRole.COORDINATOR, organisation__name="อบต.ทดสอบ")
    client.force_login(membership.user)

    content = client.get(HOME).content.decode()

    assert "องค์กรของฉัน" in content
    assert "อบต.ทดสอบ" in content
    assert "ผู้ประสานงาน" in content
    assert reverse("accounts:organisation", args=[membership.organisation.pk]) in content
    assert NEXT_STEP not in content


def test_home_judge_sees_the_judging_panel(client, db):
    client.force_login(UserFactory(role=Role.JUDGE))

    content = client.get(HOME).content.decode()

    assert '<span class="badge">กรรมการ</span>' in content
    assert "ใบสมัครที่มอบหมายให้คุณพิจารณาจะแสดงที่นี่เมื่อเริ่มการตัดสิน" in content
    assert NEXT_STEP not in content


def test_home_secretariat_sees_its_panel(client, db):
    client.force_login(UserFactory(role=Role.SECRETARIAT))

    content = client.get(HOME).content.decode()

    assert "ฝ่ายเลขานุการ" in content
    assert "เครื่องมือสำหรับติดตามการลงทะเบียน ตรวจสอบคุณสมบัติ และประกาศผล" in content


def test_home_staff_see_a_link_to_the_admin(client, db):
    client.force_login(UserFactory(role=Role.SECRETARIAT, is_staff=True))

    content = client.get(HOME).content.decode()

    assert "เปิดส่วนผู้ดูแลระบบ" in content


def test_home_query_count_does_not_grow_with_organisations(client, db, django_assert_num_queries):
    user = UserFactory()
    MembershipFactory(user=user)
    client.force_login(user)
    client.get(HOME)
    MembershipFactory.create_batch(4, user=user)

    # session, user, memberships (the idle-timeout stamp is written at most once a minute)
    with django_assert_num_queries(3):
        response = client.get(HOME)

    assert len(response.context["memberships"]) == 5
