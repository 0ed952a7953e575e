"""A judge in a real browser: logs in with password and TOTP code, opens the application,
scores every criterion while the running total follows, and submits."""

import pytest

from learningcity.demo.submitted import photo_jpeg
from learningcity.judging import services
from learningcity.judging.enums import ReviewStatus
from tests.browser.fixtures import DESKTOP
from tests.factories import PASSWORD, EditionFactory, current_code, second_factor_device

from .conftest import open_judging_now
from .factories import JudgeFactory, real_submitted_application

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

POINTS = ["12", "15.5", "17", "10", "11.5", "13"]  # 79


def _stub_thumbnail(route):
    route.fulfill(status=200, content_type="image/jpeg", body=photo_jpeg())


def test_judge_scores_and_submits(live_server, page_factory, shot):
    edition = open_judging_now(EditionFactory())
    application, _coordinator = real_submitted_application(edition)
    judge = JudgeFactory(edition=edition)
    device = second_factor_device(judge.user)
    review = services.assign(judge, application, actor=None).review
    page = page_factory(viewport=DESKTOP)
    # The page asks for ten thumbnails at once and every request rewrites the session; the
    # test database (SQLite in memory, shared by the live server's threads) locks on that.
    # Thumbnails are not this test's subject (test_permissions fetches them), so stub them.
    page.route("**/thumbnail/", _stub_thumbnail)

    page.goto(f"{live_server.url}/accounts/login/?next=/judging/")
    page.fill("#id_username", judge.user.email)
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.locator("form button[type=submit]").last.click()
    page.fill("#id_code", current_code(device))
    with page.expect_navigation():
        page.get_by_role("button", name="ดำเนินการต่อ").click()
    assert page.url.endswith("/judging/")

    with page.expect_navigation():
        page.get_by_role("link", name="ให้คะแนน").click()
    assert application.reference in page.content()
    for number, points in enumerate(POINTS, start=1):
        page.fill(f"#points_{number}", points)
        page.fill(f"#comment_{number}", f"ความเห็นเกณฑ์ {number}")
    assert page.locator("#running-total").inner_text() == "79.0"
    page.fill("#points_1", "16")  # above the maximum of 15: marked at once
    assert page.locator("#points_1").get_attribute("aria-invalid") == "true"
    assert page.locator("#running-total").inner_text() == "67.0"
    page.fill("#points_1", "12")
    page.fill("#overall_comment", "พื้นที่มีความตั้งใจจริง")
    page.wait_for_load_state("networkidle")  # the last autosave has answered
    assert "บันทึกแล้ว" in page.locator("#status-6").inner_text()
    shot(page, "judging-scoring-desktop")
    with page.expect_navigation():
        page.get_by_role("button", name="ส่งผลการพิจารณา").click()

    assert "ส่งผลการพิจารณาเรียบร้อยแล้ว" in page.content()
    review.refresh_from_db()
    assert review.status == ReviewStatus.SUBMITTED
    assert sum(s.points for s in review.scores.all()) == 79
    assert review.overall_comment == "พื้นที่มีความตั้งใจจริง"
    assert page.console_errors == []
