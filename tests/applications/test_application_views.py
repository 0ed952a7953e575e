"""The application page and its section saves, with plain requests and with htmx."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from learningcity.accounts.enums import MembershipRole, Role
from learningcity.applications.models import Answer, Indicator, Partner
from learningcity.editions.enums import AnswerSection
from tests.applications.factories import (
    RegistrationFactory,
    edition_with_sections,
    open_submission_now,
    started_application,
)
from tests.factories import EditionFactory, MembershipFactory, UserFactory, bangkok, log_in

HTMX = {"HTTP_HX_REQUEST": "true"}
# Session, user, registration, the user's memberships (once for every permission check),
# application, answers and one query per kind of row, whatever the number of rows.
QUERIES = 14


@pytest.fixture
def member(db):
    return MembershipFactory(role=MembershipRole.MEMBER)


@pytest.fixture
def registration(member):
    edition = open_submission_now(EditionFactory())
    return RegistrationFactory(edition=edition, organisation=member.organisation)


@pytest.fixture
def member_client(client, member):
    log_in(client, member.user)
    return client


def page_url(registration) -> str:
    return reverse("applications:application", args=[registration.pk])


def section_url(registration, number: int) -> str:
    application = started_application(registration)
    return reverse("applications:save_section", args=[application.pk, number])


def stored(registration, number: int) -> Answer:
    return Answer.objects.get(application__registration=registration, criterion__number=number)


def test_application_page_member_sees_every_section(member_client, registration):
    response = member_client.get(page_url(registration))

    assert response.status_code == 200
    assert [e.criterion.number for e in response.context["sections"]] == [1, 2, 3, 4, 5, 6]
    assert 'id="section-6"' in response.text
    assert "0 / 3000" in response.text
    assert 'hx-trigger="input changed delay:1500ms, submit"' in response.text


def test_application_page_other_organisation_404(client, registration):
    log_in(client, MembershipFactory().user)

    assert client.get(page_url(registration)).status_code == 404
    assert client.post(section_url(registration, 1), {"version": 0}).status_code == 404


def test_application_page_anonymous_redirects_to_login(client, registration):
    url = page_url(registration)

    response = client.get(url)

    assert response.status_code == 302
    assert response.url == f"{reverse('accounts:login')}?next={url}"


def test_application_page_secretariat_reads_only(client, registration):
    log_in(client, UserFactory(role=Role.SECRETARIAT))

    response = client.get(page_url(registration))

    assert response.status_code == 200
    assert response.context["editable"] is False
    assert "<textarea" not in response.text
    assert client.post(section_url(registration, 1), {"version": 0}).status_code == 404


def test_application_page_follows_the_editions_criteria(client, member):
    edition = open_submission_now(
        edition_with_sections(
            AnswerSection.NARRATIVE, AnswerSection.PARTNERS, AnswerSection.WORKING_GROUP
        )
    )
    registration = RegistrationFactory(edition=edition, organisation=member.organisation)
    log_in(client, member.user)

    response = client.get(page_url(registration))

    assert [e.criterion.number for e in response.context["sections"]] == [1, 2, 3]
    assert [[t.kind for t in e.tables] for e in response.context["sections"]] == [
        [],
        ["partner"],
        ["workinggroupmember", "meeting"],
    ]
    assert response.text.count('class="card answer-section"') == 3


def test_application_page_outside_window_read_only_with_thai_notice(client, member):
    registration = RegistrationFactory(organisation=member.organisation)
    log_in(client, member.user)

    response = client.get(page_url(registration))

    assert response.context["editable"] is False
    assert "ปิดรับใบสมัครแล้วเมื่อ 31 กรกฎาคม 2569 เวลา 23:59 น." in response.text


def test_save_section_plain_post_saves_and_redirects(member_client, registration):
    response = member_client.post(
        section_url(registration, 1),
        {"version": 0, "narrative": "แผนพัฒนาคน พัฒนาเมือง", "evidence_confirmed": "on", "save": "1"},
    )

    assert response.status_code == 302
    assert response.url == f"{page_url(registration)}#section-1"
    answer = stored(registration, 1)
    assert (answer.narrative, answer.evidence_confirmed, answer.version) == (
        "แผนพัฒนาคน พัฒนาเมือง",
        True,
        1,
    )
    page = member_client.get(response.url)
    assert "แผนพัฒนาคน พัฒนาเมือง" in page.text


def test_save_section_htmx_returns_only_the_partial(member_client, registration):
    response = member_client.post(
        section_url(registration, 1), {"version": 0, "narrative": "ข้อความ", "save": "1"}, **HTMX
    )

    assert response.status_code == 200
    assert "<html" not in response.text
    assert response.text.lstrip().startswith('<section class="card answer-section" id="section-1"')
    assert "บันทึกแล้ว เวลา" in response.text
    assert 'value="1"' in response.text


def test_save_section_htmx_autosave_returns_status_only(member_client, registration):
    response = member_client.post(
        section_url(registration, 1), {"version": 0, "narrative": "กำลังพิมพ์"}, **HTMX
    )

    assert response.headers["HX-Retarget"] == "#status-1"
    assert "<textarea" not in response.text
    assert 'id="version-1" value="1" hx-swap-oob="true"' in response.text
    assert 'id="progress" aria-labelledby="progress-title" hx-swap-oob="true"' in response.text
    assert stored(registration, 1).narrative == "กำลังพิมพ์"


def test_save_section_conflict_shows_both_texts(member_client, registration):
    url = section_url(registration, 1)
    member_client.post(url, {"version": 0, "narrative": "ข้อความที่บันทึกก่อน", "save": "1"})

    response = member_client.post(url, {"version": 0, "narrative": "ข้อความของฉัน", "save": "1"})

    assert response.status_code == 200
    assert "ข้อความที่บันทึกก่อน" in response.text
    assert "ข้อความของฉัน" in response.text
    assert 'name="overwrite" value="1"' in response.text
    assert stored(registration, 1).narrative == "ข้อความที่บันทึกก่อน"

    kept = member_client.post(
        url, {"version": 0, "narrative": "ข้อความของฉัน", "overwrite": "1"}, **HTMX
    )
    assert kept.status_code == 200
    assert (stored(registration, 1).narrative, stored(registration, 1).version) == (
        "ข้อความของฉัน",
        2,
    )


def test_save_section_over_limit_keeps_text_with_thai_message(member_client, registration):
    registration.edition.criteria.filter(number=1).update(narrative_max_chars=5)

    response = member_client.post(
        section_url(registration, 1), {"version": 0, "narrative": "กขคงจฉ", "save": "1"}
    )

    assert response.status_code == 200
    assert "กขคงจฉ" in response.text
    assert "เกินกำหนด 5 ตัวอักษร" in response.text
    assert stored(registration, 1).version == 0


def test_save_section_add_and_remove_rows_without_javascript(member_client, registration):
    url = section_url(registration, 2)
    row = {
        "indicator-0-beneficiary_group": "เด็กอายุ 6–12 ปี",
        "indicator-0-baseline": "35",
        "indicator-0-result": "62.5",
        "indicator-0-unit": "ร้อยละ",
        "indicator-0-method": "แบบทดสอบการอ่าน",
        "indicator-0-period": "2568",
    }
    member_client.post(
        url, {"version": 0, "narrative": "", "indicator-slots": 1, "add": "indicator", **row}
    )
    assert list(Indicator.objects.values_list("beneficiary_group", flat=True)) == ["เด็กอายุ 6–12 ปี"]

    member_client.post(url, {"version": 1, "indicator-slots": 2, "remove": "indicator-0", **row})
    assert Indicator.objects.count() == 0
    assert stored(registration, 2).version == 2


def test_save_section_unfinished_row_keeps_narrative_saved(member_client, registration):
    response = member_client.post(
        section_url(registration, 2),
        {
            "version": 0,
            "narrative": "คำอธิบาย",
            "indicator-slots": 1,
            "indicator-0-beneficiary_group": "เด็ก",
            "add": "indicator",
        },
    )

    assert response.status_code == 200
    assert stored(registration, 2).narrative == "คำอธิบาย"
    assert Indicator.objects.count() == 0
    assert 'value="เด็ก"' in response.text


@pytest.mark.parametrize("rows", [1, 4])
def test_application_page_query_count_constant(
    member_client, registration, django_assert_num_queries, rows
):
    application = started_application(registration)
    answer = stored(registration, 2)
    for order in range(rows):
        Indicator.objects.create(
            answer=answer,
            order=order,
            beneficiary_group=f"กลุ่ม {order}",
            baseline=1,
            result=2,
            unit="คน",
            method="นับ",
            period="2568",
        )
    assert application.pk

    with django_assert_num_queries(QUERIES):
        member_client.get(page_url(registration))


def test_save_section_htmx_autosave_conflict_keeps_fields_untouched(member_client, registration):
    url = section_url(registration, 1)
    member_client.post(url, {"version": 0, "narrative": "ฉบับของเพื่อน", "save": "1"})

    response = member_client.post(url, {"version": 0, "narrative": "ฉบับของฉัน"}, **HTMX)

    assert response.headers["HX-Retarget"] == "#status-1"
    assert "<textarea" not in response.text
    assert 'id="version-1"' not in response.text
    assert "ฉบับของเพื่อน" in response.text
    assert 'name="overwrite" value="1"' in response.text
    assert stored(registration, 1).narrative == "ฉบับของเพื่อน"


def test_save_section_take_saved_shows_stored_text(member_client, registration):
    url = section_url(registration, 1)
    member_client.post(url, {"version": 0, "narrative": "ฉบับของเพื่อน", "save": "1"})

    response = member_client.post(
        url, {"version": 0, "narrative": "ฉบับของฉัน", "take_saved": "1"}, **HTMX
    )

    assert response.context["editor"].form["narrative"].value() == "ฉบับของเพื่อน"
    assert 'id="version-1" value="1"' in response.text
    assert stored(registration, 1).version == 1


def test_save_section_htmx_autosave_over_limit_reports_in_status(member_client, registration):
    registration.edition.criteria.filter(number=1).update(narrative_max_chars=5)

    response = member_client.post(
        section_url(registration, 1), {"version": 0, "narrative": "กขคงจฉ"}, **HTMX
    )

    assert response.headers["HX-Retarget"] == "#status-1"
    assert "คำตอบยาว 6 ตัวอักษร เกินกำหนด 5 ตัวอักษร" in response.text
    assert stored(registration, 1).version == 0


def test_save_section_outside_window_refused_text_kept(client, member):
    registration = RegistrationFactory(organisation=member.organisation)
    log_in(client, member.user)

    response = client.post(
        section_url(registration, 1), {"version": 0, "narrative": "ส่งช้า", "save": "1"}
    )

    assert response.status_code == 200
    assert "ส่งช้า" in response.text
    assert "ไม่สามารถแก้ไขใบสมัครได้ในขณะนี้" in response.text
    assert stored(registration, 1).version == 0


def test_registration_page_links_to_application(member_client, registration):
    response = member_client.get(reverse("applications:registration", args=[registration.pk]))

    assert page_url(registration) in response.text


def test_application_page_read_only_shows_rows_with_labels(client, member):
    registration = RegistrationFactory(organisation=member.organisation)
    answer = stored_after_start(registration, 4)
    Partner.objects.create(
        answer=answer, order=1, name="โรงเรียนบ้านคลองท่อม", sector="education", contribution="ครู"
    )
    log_in(client, member.user)

    response = client.get(page_url(registration))

    assert "<td>ภาคการศึกษา</td>" in response.text
    assert 'name="partner-0-name"' not in response.text


def stored_after_start(registration, number: int) -> Answer:
    started_application(registration)
    return stored(registration, number)


def test_application_page_before_window_says_when_it_opens(client, member):
    edition = EditionFactory()
    edition.phases.filter(kind="submission").update(
        starts_at=bangkok(2027, 6, 1), ends_at=bangkok(2027, 7, 31, 23, 59, 59)
    )
    registration = RegistrationFactory(edition=edition, organisation=member.organisation)
    log_in(client, member.user)

    response = client.get(page_url(registration))

    assert "เปิดรับใบสมัครวันที่ 1 มิถุนายน 2570 เวลา 00:00 น." in response.text
    assert "<textarea" not in response.text


def test_application_page_deadline_override_keeps_it_open(client, member):
    registration = RegistrationFactory(organisation=member.organisation)
    application = started_application(registration)
    application.deadline_override = timezone.now() + dt.timedelta(days=1)
    application.save()
    log_in(client, member.user)

    response = client.get(page_url(registration))

    assert response.context["editable"] is True


def test_save_section_remove_an_unfinished_row(member_client, registration):
    response = member_client.post(
        section_url(registration, 5),
        {
            "version": 0,
            "workinggroupmember-slots": 1,
            "meeting-slots": 1,
            "meeting-0-attendance": "ไม่ใช่ตัวเลข",
            "remove": "meeting-0",
        },
    )

    assert response.status_code == 302
    assert stored(registration, 5).version == 1
