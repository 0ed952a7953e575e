import pytest
from django.core import mail
from django.urls import reverse

from learningcity.accounts.enums import Role
from learningcity.audit.models import AuditEntry
from learningcity.notices.models import Notice, NoticeTemplate
from tests.factories import UserFactory, log_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def template(edition):
    return NoticeTemplate.objects.create(
        key="news", name="ข่าว", subject_th="ข่าวถึง {{ area }}", body_th="เรียน {{ coordinator }}"
    )


@pytest.mark.parametrize("role", [None, Role.APPLICANT, Role.JUDGE])
@pytest.mark.parametrize(
    "url", ["notices:index", "notices:compose", "notices:template_new", "notices:detail"]
)
def test_notice_pages_are_404_for_everyone_but_the_secretariat(client, role, url, edition):
    notice = Notice.objects.create(edition=edition, subject_th="s", body_th="b")
    if role is not None:
        log_in(client, UserFactory(role=role))
    args = [notice.pk] if url == "notices:detail" else []
    assert client.get(reverse(url, args=args)).status_code == 404


def test_template_form_shows_thai_error_for_unknown_placeholder(client, secretariat):
    log_in(client, secretariat)
    response = client.post(
        reverse("notices:template_new"),
        {"key": "x", "name": "x", "subject_th": "หัวเรื่อง", "body_th": "{{ password }}"},
    )
    assert response.status_code == 200
    assert "ไม่รู้จักช่องแทนค่า: {{ password }}" in response.content.decode()
    assert not NoticeTemplate.objects.exists()


def test_template_form_saves_and_audits(client, secretariat):
    log_in(client, secretariat)
    response = client.post(
        reverse("notices:template_new"),
        {"key": "ok", "name": "ดี", "subject_th": "ถึง {{ area }}", "body_th": "{{ deadline }}"},
    )
    assert response.status_code == 302
    template = NoticeTemplate.objects.get()
    assert AuditEntry.objects.get(action="notice_template.saved").object_id == str(template.pk)


def test_compose_previews_with_the_chosen_recipient_then_sends(
    client, secretariat, edition, template, make_registration, django_capture_on_commit_callbacks
):
    first = make_registration("a@example.org")
    second = make_registration("b@example.org")
    log_in(client, secretariat)
    data = {"template": template.pk, "edition": edition.pk, "preview_registration": second.pk}
    response = client.post(reverse("notices:compose"), {**data, "preview": ""})
    page = response.content.decode()
    assert f"ข่าวถึง {second.local_government.full_name_th}" in page
    assert "b@example.org" in page
    assert not Notice.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("notices:compose"), {**data, "send": ""})
    notice = Notice.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("notices:detail", args=[notice.pk])
    assert sorted(m.to[0] for m in mail.outbox) == ["a@example.org", "b@example.org"]
    assert first.pk in set(notice.messages.values_list("registration_id", flat=True))
    detail = client.get(reverse("notices:detail", args=[notice.pk]))
    assert '<progress max="2" value="2">' in detail.content.decode()


def test_compose_filters_by_completeness(client, secretariat, edition, template, make_registration):
    from tests.judging.factories import SubmittedApplicationFactory

    make_registration("a@example.org")
    SubmittedApplicationFactory(registration=make_registration("b@example.org"))
    log_in(client, secretariat)
    response = client.post(
        reverse("notices:compose"),
        {
            "template": template.pk,
            "edition": edition.pk,
            "completeness": "incomplete",
            "preview": "",
        },
    )
    assert response.context["count"] == 1
    assert response.context["target"].coordinator_email == "a@example.org"


def test_progress_partial_polls_while_messages_are_queued(
    client, secretariat, edition, template, make_registration
):
    from learningcity.notices import services

    make_registration("a@example.org")
    notice = services.create_notice(
        edition=edition, template=template, registrations=edition.registrations.all(), user=None
    )
    log_in(client, secretariat)
    response = client.get(
        reverse("notices:detail", args=[notice.pk]), headers={"HX-Request": "true"}
    )
    page = response.content.decode()
    assert page.lstrip().startswith('<div class="card outbox-progress"')
    assert 'hx-trigger="every 2s"' in page


def test_index_lists_notices_with_counts_in_constant_queries(
    client, secretariat, edition, template, make_registration, django_assert_max_num_queries
):
    from learningcity.notices import services

    for n in range(3):
        make_registration(f"r{n}@example.org")
    for _ in range(4):
        services.create_notice(
            edition=edition, template=template, registrations=edition.registrations.all(), user=None
        )
    log_in(client, secretariat)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("notices:index"))
    notices = list(response.context["notices"])
    assert [(n.sent, n.queued) for n in notices] == [(0, 3)] * 4
