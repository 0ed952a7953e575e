"""Keyboard alone: certifying and submitting an application, scoring a review, and an
eligibility decision, each done with Tab, typing and Enter only, and the focus visible at every
stop (the :focus-visible outline of site.css)."""

from decimal import Decimal

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from learningcity.accounts.enums import MembershipRole
from learningcity.applications.enums import ApplicationStatus, RegistrationStatus
from learningcity.applications.models import Registration
from learningcity.demo.submitted import photo_jpeg
from learningcity.judging import services as judging
from learningcity.judging.enums import ReviewStatus
from tests.applications.factories import complete_application, open_submission_now
from tests.browser.fixtures import DESKTOP, PHONE
from tests.factories import (
    PASSWORD,
    EditionFactory,
    MembershipFactory,
    current_code,
    second_factor_device,
)
from tests.judging.conftest import open_judging_now
from tests.judging.factories import JudgeFactory, real_submitted_application
from tests.secretariat.helpers import registration_in, secretariat_user

from .keyboard import Keyboard

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_keyboard_head_certifies_and_coordinator_submits(live_server, page_factory):
    edition = EditionFactory()
    # Built inside the factory edition's submission window, then the window moves to now.
    application, coordinator = complete_application(certify=False, edition=edition)
    open_submission_now(edition)
    head = MembershipFactory(
        organisation=application.registration.organisation, role=MembershipRole.HEAD
    ).user
    check_url = reverse("applications:check", args=[application.pk])

    head_keys = Keyboard(page_factory(viewport=PHONE))
    head_keys.log_in(live_server.url, head.email, check_url)
    head_keys.type_into("#id_password", PASSWORD)
    with head_keys.page.expect_navigation():
        head_keys.page.keyboard.press("Enter")
    application.refresh_from_db()
    assert application.certification.certified_by == head

    keys = Keyboard(page_factory(viewport=PHONE))
    keys.log_in(live_server.url, coordinator.email, check_url)
    keys.press_on("#submit button[type=submit]")

    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED
    assert keys.page.url == live_server.url + reverse("applications:receipt", args=[application.pk])
    assert (head_keys.unseen, keys.unseen) == ([], [])


def test_keyboard_judge_scores_and_submits_a_review(live_server, page_factory):
    edition = open_judging_now(EditionFactory())
    application, _coordinator = real_submitted_application(edition)
    judge = JudgeFactory(edition=edition)
    device = second_factor_device(judge.user)
    review = judging.assign(judge, application, actor=None).review
    page = page_factory(viewport=DESKTOP)
    page.route(
        "**/thumbnail/",
        lambda route: route.fulfill(status=200, content_type="image/jpeg", body=photo_jpeg()),
    )
    keys = Keyboard(page)

    keys.log_in(live_server.url, judge.user.email, "/judging/", code=lambda: current_code(device))
    keys.press_on(f"a[href='{reverse('judging:review', args=[application.pk])}']")
    for number, points in enumerate(["12", "15.5", "17", "10", "11.5", "13"], start=1):
        keys.type_into(f"#points_{number}", points)
        keys.type_into(f"#comment_{number}", f"ความเห็นเกณฑ์ {number}")
    assert page.locator("#running-total").inner_text() == "79.0"
    keys.type_into("#overall_comment", "พื้นที่มีความตั้งใจจริง")
    page.wait_for_load_state("networkidle")
    keys.press_on("button[name=action][value=submit]")

    review.refresh_from_db()
    assert review.status == ReviewStatus.SUBMITTED
    assert sum(s.points for s in review.scores.all()) == Decimal("79")
    assert keys.unseen == []


def test_keyboard_secretariat_decides_eligibility(live_server, page_factory):
    edition = EditionFactory()
    registration_in(edition, population=3100)
    registration = Registration.objects.get(edition=edition)
    user = secretariat_user()
    device = second_factor_device(user)
    keys = Keyboard(page_factory(viewport=PHONE))
    queue = reverse("secretariat:review_queue") + f"?edition={edition.number}"

    keys.log_in(live_server.url, user.email, queue, code=lambda: current_code(device))
    keys.press_on(f"#registration-{registration.pk} button[value=approve]", navigates=False)

    expect(keys.page.locator(f"#registration-{registration.pk} .notice--success")).to_be_visible()
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.APPROVED
    assert keys.unseen == []
