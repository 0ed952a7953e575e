"""Property-based tests of the main forms: no input makes the server fail or inject markup.

Each test sends hypothesis-generated values (any Unicode, huge strings, XSS payloads, negative,
enormous and malformed numbers) through the real views and asserts a status below 500; where
the value is shown again, the XSS payload must come back escaped.
"""

import shutil
import subprocess

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from learningcity.accounts.enums import MembershipRole
from tests.applications.factories import (
    RegistrationFactory,
    open_registration_now,
    open_submission_now,
    started_application,
)
from tests.factories import EditionFactory, MembershipFactory, log_in
from tests.properties import counting
from tests.properties.strategies import MARK, XSS, anything, numbers, xss

PDFTOTEXT = shutil.which("pdftotext")
PROPERTY = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def _no_raw_payload(html: str) -> None:
    for payload in XSS[:4]:
        assert payload not in html


@PROPERTY
@given(full_name=anything, email=anything, phone=anything, password=anything)
def test_signup_any_input_no_server_error(client, db, full_name, email, phone, password):
    response = client.post(
        reverse("accounts:signup"),
        {
            "full_name": full_name,
            "email": email,
            "phone": phone,
            "password1": password,
            "password2": password,
            "privacy_accepted": "on",
        },
    )
    counting.seen(response.status_code)
    assert response.status_code < 500
    _no_raw_payload(response.content.decode())


@pytest.fixture
def coordinator(db):
    edition = open_registration_now(EditionFactory(number=99, is_demo=True))
    membership = MembershipFactory(role=MembershipRole.COORDINATOR)
    return edition, membership


@PROPERTY
@given(text=anything, number=numbers, year=numbers, email=anything)
def test_registration_any_input_no_server_error(client, coordinator, text, number, year, email):
    edition, membership = coordinator
    log_in(client, membership.user)
    response = client.post(
        reverse("applications:register", args=[edition.number]),
        {
            "organisation": membership.organisation.pk,
            "category": edition.categories.get(code="EQUITY").pk,
            "population": number,
            "population_source": text,
            "population_year_be": year,
            "head_name": text,
            "head_position": text,
            "coordinator_name": text,
            "coordinator_phone": text,
            "coordinator_email": email,
            "rep1_full_name": text,
            "rep1_position": text,
            "rep1_phone": text,
            "rep1_email": email,
            "rep2_full_name": text,
            "rep2_position": text,
            "rep2_phone": text,
            "rep2_email": email,
        },
    )
    counting.seen(response.status_code)
    assert response.status_code < 500
    _no_raw_payload(response.content.decode())


@pytest.fixture
def draft(db):
    member = MembershipFactory(role=MembershipRole.COORDINATOR)
    edition = open_submission_now(EditionFactory())
    registration = RegistrationFactory(edition=edition, organisation=member.organisation)
    return started_application(registration), member.user


@PROPERTY
@given(narrative=anything, version=numbers, number=st.integers(-3, 12))
def test_answer_save_any_input_no_server_error(client, draft, narrative, version, number):
    application, user = draft
    log_in(client, user)
    response = client.post(
        f"/applications/applications/{application.pk}/sections/{number}/"
        if number < 0
        else reverse("applications:save_section", args=[application.pk, number]),
        {"version": version, "narrative": narrative, "save": "1"},
    )
    counting.seen(response.status_code)
    assert response.status_code < 500


@PROPERTY
@given(payload=xss)
def test_answer_xss_escaped_on_page_and_in_pdf(client, draft, payload):
    application, user = draft
    log_in(client, user)
    answer = application.answers.get(criterion__number=1)
    client.post(
        reverse("applications:save_section", args=[application.pk, 1]),
        {"version": answer.version, "narrative": payload, "save": "1"},
    )
    page = client.get(reverse("applications:application", args=[application.registration_id]))
    pdf = client.get(reverse("applications:application_pdf", args=[application.pk]))
    counting.seen(page.status_code)
    counting.seen(pdf.status_code)

    assert page.status_code == 200
    _no_raw_payload(page.content.decode())
    if PDFTOTEXT is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    text = subprocess.run(  # noqa: S603 - a fixed program on our own PDF
        [PDFTOTEXT, "-", "-"], input=pdf.content, capture_output=True, check=True
    ).stdout.decode()
    # In the PDF the payload is plain text, shown as typed, never interpreted.
    assert MARK in text.replace("\n", "")


@PROPERTY
@given(query=st.one_of(anything, numbers))
def test_registry_search_any_query_no_server_error(client, db, query):
    response = client.get(reverse("registry:search"), {"q": query})
    counting.seen(response.status_code)
    assert response.status_code < 500
    _no_raw_payload(response.content.decode())


@pytest.fixture
def judging(db):
    from learningcity.judging import services
    from tests.judging.conftest import open_judging_now
    from tests.judging.factories import JudgeFactory, real_submitted_application

    edition = EditionFactory()
    open_judging_now(edition)
    application, _ = real_submitted_application(edition)
    judge = JudgeFactory(edition=edition)
    services.assign(judge, application, actor=None)
    return judge, application


@PROPERTY
@given(points=numbers, comment=anything, action=st.sampled_from(["save", "submit", "", "x"]))
def test_score_save_any_input_no_server_error(client, judging, points, comment, action):
    judge, application = judging
    log_in(client, judge.user)
    data = {f"points_{n}": points for n in range(1, 7)}
    data |= {f"comment_{n}": comment for n in range(1, 7)}
    data |= {"overall_comment": comment, "action": action}
    response = client.post(reverse("judging:review", args=[application.pk]), data)
    counting.seen(response.status_code)
    assert response.status_code < 500
    _no_raw_payload(response.content.decode())
