"""The applicant's pages of step 1, driven with plain requests (no JavaScript)."""

import pytest
from django.core import mail
from django.urls import reverse

from learningcity.accounts.enums import MembershipRole, OrganisationKind, Role
from learningcity.accounts.models import Membership, Organisation
from learningcity.applications.models import Registration
from tests.applications.factories import (
    RegistrationFactory,
    RepresentativeFactory,
    open_registration_now,
)
from tests.factories import (
    EditionFactory,
    LocalGovernmentFactory,
    MembershipFactory,
    OrganisationFactory,
    UserFactory,
    log_in,
)


@pytest.fixture
def open_edition(db):
    return open_registration_now(EditionFactory(number=99, is_demo=True))


def form_data(organisation, edition, **changes) -> dict:
    data = {
        "organisation": organisation.pk,
        "category": edition.categories.get(code="EQUITY").pk,
        "population": "7350",
        "population_source": "ทะเบียนราษฎร กรมการปกครอง",
        "population_year_be": "2568",
        "head_name": "นายสมศักดิ์ ใจดี",
        "head_position": "นายกองค์การบริหารส่วนตำบล",
        "coordinator_name": "นางสาวสมหญิง ประสานงาน",
        "coordinator_phone": "081 234 5678",
        "coordinator_email": "coordinator@example.org",
        "rep1_full_name": "นายหนึ่ง ตัวแทน",
        "rep1_position": "นักวิชาการศึกษา",
        "rep1_phone": "081 111 1111",
        "rep1_email": "one@example.org",
        "rep2_full_name": "นางสอง ตัวแทน",
        "rep2_position": "ครู",
        "rep2_phone": "081 222 2222",
        "rep2_email": "two@example.org",
    }
    data.update(changes)
    return data


def test_dashboard_anonymous_redirects_to_login(client):
    url = reverse("applications:dashboard")

    response = client.get(url)

    assert response.status_code == 302
    assert response.url == f"{reverse('accounts:login')}?next={url}"


def test_dashboard_lists_open_editions_and_own_registrations(client, open_edition):
    closed = EditionFactory(number=1)
    coordinator = MembershipFactory()
    RegistrationFactory(edition=closed, organisation=coordinator.organisation)
    log_in(client, coordinator.user)

    response = client.get(reverse("applications:dashboard"))

    assert list(response.context["open_editions"]) == [open_edition]
    assert [r.edition for r in response.context["registrations"]] == [closed]
    assert reverse("applications:register", args=[99]) in response.text


def test_register_without_organisation_shows_organisation_form(client, open_edition):
    log_in(client, UserFactory())

    response = client.get(reverse("applications:register", args=[99]))

    assert response.status_code == 200
    assert "organisation_form" in response.context
    assert 'name="create_organisation"' in response.text


def test_register_search_without_js_lists_local_governments(client, open_edition):
    lg = LocalGovernmentFactory(name_th="คลองท่อมใต้", full_name_th="เทศบาลตำบลคลองท่อมใต้")
    log_in(client, UserFactory())

    response = client.get(
        reverse("applications:register", args=[99]), {"q": "คลองท่อม", "kind": "other"}
    )

    assert f'data-dla-code="{lg.dla_code}"' in response.text
    assert f'<input type="radio" name="dla_code" value="{lg.dla_code}">' in response.text
    assert response.context["organisation_form"]["kind"].value() == "other"


def test_register_search_with_htmx_answers_with_choices_only(client, open_edition):
    lg = LocalGovernmentFactory(name_th="คลองท่อมใต้")
    log_in(client, UserFactory())

    response = client.get(
        reverse("applications:register", args=[99]),
        {"q": "คลองท่อม", "new_organisation": "1"},
        headers={"HX-Request": "true"},
    )

    assert f'data-dla-code="{lg.dla_code}"' in response.text
    assert "<html" not in response.text


def test_register_create_organisation_other_kind(client, open_edition):
    user = UserFactory()
    lg = LocalGovernmentFactory()
    log_in(client, user)

    response = client.post(
        reverse("applications:register", args=[99]),
        {
            "create_organisation": "1",
            "kind": OrganisationKind.OTHER,
            "name": "มูลนิธิบ้านเรียนรู้",
            "dla_code": lg.dla_code,
        },
    )

    assert response.status_code == 302
    assert response.url == reverse("applications:register", args=[99])
    membership = Membership.objects.get(user=user)
    assert (membership.role, membership.organisation.name) == (
        MembershipRole.COORDINATOR,
        "มูลนิธิบ้านเรียนรู้",
    )
    assert membership.organisation.local_government == lg


def test_register_create_organisation_local_government_takes_registry_name(client, open_edition):
    lg = LocalGovernmentFactory(full_name_th="องค์การบริหารส่วนตำบลทดสอบใหม่")
    log_in(client, UserFactory())

    client.post(
        reverse("applications:register", args=[99]),
        {
            "create_organisation": "1",
            "kind": OrganisationKind.LOCAL_GOVERNMENT,
            "dla_code": lg.dla_code,
        },
    )

    assert Organisation.objects.get().name == "องค์การบริหารส่วนตำบลทดสอบใหม่"


def test_register_create_organisation_without_local_government_refused(client, open_edition):
    log_in(client, UserFactory())

    response = client.post(
        reverse("applications:register", args=[99]),
        {"create_organisation": "1", "kind": OrganisationKind.OTHER, "name": "มูลนิธิ"},
    )

    assert response.status_code == 200
    assert response.context["organisation_form"].errors == {
        "dla_code": ["ค้นหาองค์กรปกครองส่วนท้องถิ่นแล้วเลือกจากรายการ"]
    }
    assert Organisation.objects.count() == 0


def test_register_plain_post_creates_registration_and_redirects(client, open_edition):
    coordinator = MembershipFactory()
    log_in(client, coordinator.user)

    response = client.post(
        reverse("applications:register", args=[99]),
        form_data(coordinator.organisation, open_edition),
        follow=True,
    )

    registration = Registration.objects.get()
    assert response.redirect_chain == [
        (reverse("applications:registration", args=[registration.pk]), 302)
    ]
    assert [str(m) for m in response.context["messages"]] == [
        "ลงทะเบียนพื้นที่ในประเภท “เมืองลดความเหลื่อมล้ำ” เรียบร้อยแล้ว"
    ]
    assert registration.population == 7350
    assert registration.representatives.count() == 2


def test_register_refused_keeps_typed_input_and_shows_thai_error(client, open_edition):
    coordinator = MembershipFactory()
    log_in(client, coordinator.user)

    response = client.post(
        reverse("applications:register", args=[99]),
        form_data(coordinator.organisation, open_edition, population="4999"),
    )

    assert response.status_code == 200
    assert Registration.objects.count() == 0
    form = response.context["form"]
    assert form.errors == {"population": ["พื้นที่ที่สมัครต้องมีประชากร 5,000 คนขึ้นไป"]}
    assert 'value="4999"' in response.text
    assert 'value="นายสมศักดิ์ ใจดี"' in response.text
    assert 'value="one@example.org"' in response.text
    assert response.text.count("พื้นที่ที่สมัครต้องมีประชากร 5,000 คนขึ้นไป") == 2


def test_register_missing_representative_shown_next_to_field(client, open_edition):
    coordinator = MembershipFactory()
    log_in(client, coordinator.user)
    data = form_data(coordinator.organisation, open_edition)
    for part in ("full_name", "position", "phone", "email"):
        data[f"rep2_{part}"] = ""

    response = client.post(reverse("applications:register", args=[99]), data)

    message = "กรุณาระบุตัวแทนเข้าอบรมให้ครบ 2 คน (ระบุแล้ว 1 คน)"
    assert response.context["form"].errors == {"__all__": [message], "rep2_full_name": [message]}


def test_register_closed_edition_shows_notice(client, db):
    EditionFactory(number=1)
    log_in(client, MembershipFactory().user)

    response = client.get(reverse("applications:register", args=[1]))

    assert response.context["is_open"] is False
    assert "ขณะนี้ไม่อยู่ในช่วงเปิดรับลงทะเบียนของรางวัลครั้งนี้" in response.text


@pytest.fixture
def matrix(open_edition):
    registration = RegistrationFactory(edition=open_edition)
    RepresentativeFactory(registration=registration, slot=1)
    RepresentativeFactory(registration=registration, slot=2)
    people = {
        "anonymous": None,
        "member_of_a": MembershipFactory(
            organisation=registration.organisation, role=MembershipRole.MEMBER
        ).user,
        "head_of_a": MembershipFactory(
            organisation=registration.organisation, role=MembershipRole.HEAD
        ).user,
        "member_of_b": MembershipFactory(organisation=OrganisationFactory()).user,
        "judge": UserFactory(role=Role.JUDGE),
        "secretariat": UserFactory(role=Role.SECRETARIAT),
    }
    return registration, people


# person → (GET detail, GET edit, POST invite)
MATRIX = {
    "anonymous": (302, 302, 302),
    "member_of_a": (200, 200, 302),
    "head_of_a": (200, 404, 404),
    "member_of_b": (404, 404, 404),
    "judge": (404, 404, 404),
    "secretariat": (200, 404, 404),
}


@pytest.mark.parametrize("who", sorted(MATRIX))
def test_registration_pages_status_by_role(client, matrix, who):
    registration, people = matrix
    if people[who] is not None:
        log_in(client, people[who])

    statuses = (
        client.get(reverse("applications:registration", args=[registration.pk])).status_code,
        client.get(reverse("applications:edit_registration", args=[registration.pk])).status_code,
        client.post(
            reverse("applications:invite", args=[registration.pk]), {"email": "x@example.org"}
        ).status_code,
    )

    assert statuses == MATRIX[who]


def test_registration_detail_shows_thai_dates(client, matrix):
    registration, people = matrix
    log_in(client, people["member_of_a"])

    response = client.get(reverse("applications:registration", args=[registration.pk]))

    assert str(registration.created_at.year + 543) in response.text
    assert reverse("applications:edit_registration", args=[registration.pk]) in response.text


def test_edit_registration_plain_post_updates(client, matrix, open_edition):
    registration, people = matrix
    log_in(client, people["member_of_a"])
    data = form_data(registration.organisation, open_edition, population="8000")
    del data["organisation"]

    response = client.post(reverse("applications:edit_registration", args=[registration.pk]), data)

    assert response.status_code == 302
    registration.refresh_from_db()
    assert (registration.population, registration.category.code) == (8000, "EQUITY")


def test_invite_view_sends_email(client, matrix):
    registration, people = matrix
    log_in(client, people["member_of_a"])

    response = client.post(
        reverse("applications:invite", args=[registration.pk]), {"email": "friend@example.org"}
    )

    assert response.status_code == 302
    assert [m.to for m in mail.outbox] == [["friend@example.org"]]


def test_accept_invitation_view_joins_organisation(client, matrix):
    registration, people = matrix
    log_in(client, people["member_of_a"])
    client.post(
        reverse("applications:invite", args=[registration.pk]), {"email": "friend@example.org"}
    )
    path = "/apply/" + mail.outbox[0].body.split("/apply/", 1)[1].split()[0]
    friend = UserFactory(email="friend@example.org")
    log_in(client, friend)

    page = client.get(path)
    response = client.post(path)

    assert page.status_code == 200
    assert response.status_code == 302
    assert Membership.objects.get(user=friend).organisation == registration.organisation


def test_accept_invitation_view_unknown_token_404(client, db):
    log_in(client, UserFactory())

    response = client.get(reverse("applications:accept_invitation", args=["nope"]))

    assert response.status_code == 404


def test_dashboard_query_count_does_not_grow_with_registrations(
    client, open_edition, django_assert_num_queries
):
    coordinator = MembershipFactory()
    log_in(client, coordinator.user)
    for _ in range(3):
        organisation = OrganisationFactory()
        MembershipFactory(user=coordinator.user, organisation=organisation)
        RegistrationFactory(edition=open_edition, organisation=organisation)
    client.get(reverse("applications:dashboard"))  # warm the session

    # session, user, open editions, registrations (one query, joined)
    with django_assert_num_queries(4):
        response = client.get(reverse("applications:dashboard"))

    assert len(response.context["registrations"]) == 3


def test_register_create_organisation_refused_keeps_chosen_local_government(client, open_edition):
    lg = LocalGovernmentFactory()
    log_in(client, UserFactory())

    response = client.post(
        reverse("applications:register", args=[99]),
        {"create_organisation": "1", "kind": OrganisationKind.OTHER, "dla_code": lg.dla_code},
    )

    assert response.context["organisation_form"].errors == {"name": ["กรุณากรอกชื่อองค์กร"]}
    assert f'<input type="radio" name="dla_code" value="{lg.dla_code}" checked>' in response.text


def test_register_same_area_twice_shows_thai_error_once(client, open_edition):
    coordinator = MembershipFactory()
    RegistrationFactory(edition=open_edition, organisation=coordinator.organisation)
    log_in(client, coordinator.user)

    response = client.post(
        reverse("applications:register", args=[99]),
        form_data(coordinator.organisation, open_edition),
    )

    message = (
        "พื้นที่นี้ลงทะเบียนในรางวัลครั้งนี้แล้ว ในประเภท “เมืองสำหรับเด็กและเยาวชน” หนึ่งพื้นที่สมัครได้เพียงประเภทเดียว"
    )
    assert response.context["form"].errors == {"__all__": [message]}
    assert response.text.count(message) == 1
    assert Registration.objects.count() == 1


def test_register_sent_after_window_closed_keeps_typed_input(client, db):
    edition = EditionFactory(number=1)
    coordinator = MembershipFactory()
    log_in(client, coordinator.user)

    response = client.post(
        reverse("applications:register", args=[1]), form_data(coordinator.organisation, edition)
    )

    assert response.context["form"].errors == {
        "__all__": ["ขณะนี้ไม่อยู่ในช่วงเปิดรับลงทะเบียนของรางวัลครั้งนี้"]
    }
    assert 'value="นายสมศักดิ์ ใจดี"' in response.text
    assert Registration.objects.count() == 0
