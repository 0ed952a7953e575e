"""The committee's pages: who sees them (everyone else 404), and the forms."""

import pytest

from learningcity.results import services
from learningcity.results.enums import DecisionStatus
from tests.factories import UserFactory, log_in

pytestmark = pytest.mark.django_db


def _manage(edition, code=""):
    return f"/results/manage/{edition.number}/{code + '/' if code else ''}"


@pytest.mark.parametrize(
    ("who", "status"),
    [("anonymous", 302), ("applicant", 404), ("judge", 404), ("chair", 200), ("secretariat", 200)],
)
def test_manage_pages_permission(client, edition, scored, secretariat, chair, judge, who, status):
    user = {
        "anonymous": None,
        "applicant": UserFactory(),
        "judge": judge.user,
        "chair": chair.user,
        "secretariat": secretariat,
    }[who]
    if user is not None:
        log_in(client, user)
    assert client.get(_manage(edition)).status_code == status
    assert client.get(_manage(edition, "YOUTH")).status_code == status


def test_record_form_prefilled_from_ranking_and_records(
    client, edition, scored, secretariat, chair
):
    log_in(client, secretariat)
    page = client.get(_manage(edition, "YOUTH")).content.decode()
    assert f'<option value="{scored["A"].pk}" selected>' in page
    response = client.post(
        _manage(edition, "YOUTH") + "record/",
        {
            "winner_1": scored["A"].pk,
            "honourable_1": scored["B"].pk,
            "note": "",
            "chair_approved": "on",
        },
    )
    assert response.status_code == 302
    assert (
        services.decision_for(edition, edition.categories.get(code="YOUTH")).status
        == DecisionStatus.RECORDED
    )


def test_record_form_without_chair_tick_shows_error(client, edition, scored, secretariat, chair):
    log_in(client, secretariat)
    response = client.post(_manage(edition, "YOUTH") + "record/", {"winner_1": scored["A"].pk})
    assert response.status_code == 400
    assert (
        services.decision_for(edition, edition.categories.get(code="YOUTH")).status
        == DecisionStatus.DRAFT
    )


def test_reopen_view_by_secretariat_is_404(client, edition, youth, scored, secretariat, chair):
    services.record_decision(
        services.decision_for(edition, youth),
        winners=[scored["A"]],
        honourable=[],
        note="",
        actor=secretariat,
        chair_approved=True,
    )
    log_in(client, secretariat)
    response = client.post(_manage(edition, "YOUTH") + "reopen/", {"reason": "ทบทวน"})
    assert response.status_code == 404
    log_in(client, chair.user)
    response = client.post(_manage(edition, "YOUTH") + "reopen/", {"reason": "ทบทวน"})
    assert response.status_code == 302
    assert services.decision_for(edition, youth).status == DecisionStatus.REOPENED


def test_publish_and_certificates_views(client, edition, youth, scored, secretariat, chair):
    services.record_decision(
        services.decision_for(edition, youth),
        winners=[scored["A"]],
        honourable=[],
        note="",
        actor=secretariat,
        chair_approved=True,
    )
    log_in(client, secretariat)
    response = client.post(
        _manage(edition, "YOUTH") + "publish/",
        {
            "publish_at_day": "1",
            "publish_at_month": "9",
            "publish_at_year": "2569",
            "publish_at_time": "09:00",
        },
    )
    assert response.status_code == 302
    decision = services.decision_for(edition, youth)
    assert decision.status == DecisionStatus.PUBLISHED
    assert decision.publish_at.isoformat() == "2026-09-01T02:00:00+00:00"
    response = client.post(_manage(edition, "YOUTH") + "certificates/")
    assert response.status_code == 302
    assert decision.certificates.count() == 3
    page = client.get(_manage(edition, "YOUTH")).content.decode()
    assert page.count("/pdf/") == 3


def test_publish_view_bad_date_400(client, edition, youth, scored, secretariat, chair):
    services.record_decision(
        services.decision_for(edition, youth),
        winners=[scored["A"]],
        honourable=[],
        note="",
        actor=secretariat,
        chair_approved=True,
    )
    log_in(client, secretariat)
    response = client.post(
        _manage(edition, "YOUTH") + "publish/",
        {"publish_at_day": "ไม่ใช่วันที่", "publish_at_month": "9", "publish_at_year": "2569"},
    )
    assert response.status_code == 400


def test_certificates_zip_has_one_pdf_per_area(client, edition, youth, scored, secretariat, chair):
    import io
    import zipfile

    decision = services.record_decision(
        services.decision_for(edition, youth),
        winners=[scored["A"]],
        honourable=[],
        note="",
        actor=secretariat,
        chair_approved=True,
    )
    url = _manage(edition, "YOUTH") + "certificates.zip"
    log_in(client, secretariat)
    assert client.get(url).status_code == 404  # none made yet
    services.issue_certificates(decision, render=False)
    response = client.get(url)
    assert response.status_code == 200
    names = sorted(zipfile.ZipFile(io.BytesIO(response.content)).namelist())
    assert names == sorted(f"certificate-{a.reference}.pdf" for a in scored.values())
    log_in(client, UserFactory())
    assert client.get(url).status_code == 404
