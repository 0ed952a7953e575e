"""Every page that lists rows costs the same number of queries with 1 row and with 50 (issue 7).

Each entry of PAGES builds what one page lists and returns who looks at it, its URL and a
function adding ``n`` rows that returns a text naming each new row. The test renders the page
with 1 row and with 50, and asserts the same query count and that the rows are shown (as many
as one page of a paginated list holds).
"""

import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from learningcity.applications.enums import RegistrationStatus
from learningcity.audit.services import record
from learningcity.editions.models import Prize
from learningcity.events import services as events
from learningcity.exports.enums import ExportStatus
from learningcity.exports.models import ExportJob
from learningcity.judging import services as judging
from learningcity.judging.enums import ReviewStatus
from learningcity.judging.models import Assignment, Review, Score
from learningcity.judging.services.committee import declare_conflict
from learningcity.notices import services as notices
from learningcity.notices.models import NoticeTemplate
from learningcity.secretariat.services import prizes
from tests.applications.factories import RegistrationFactory, open_registration_now
from tests.events.factories import TrainingSessionFactory, area, presenting_area
from tests.factories import (
    EditionFactory,
    MembershipFactory,
    OrganisationFactory,
    UserFactory,
    log_in,
)
from tests.judging.factories import JudgeFactory, SubmittedApplicationFactory
from tests.secretariat.helpers import registration_in, secretariat_user

pytestmark = pytest.mark.django_db

MANY = 50


@dataclass
class Page:
    user: object
    url: str
    add: Callable[[int], list[str]]
    # Rows one page shows at most (a paginated or capped list).
    page_size: int = MANY


PAGES: dict[str, Callable[[], Page]] = {}


def page(name: str):
    def register(build):
        PAGES[name] = build
        return build

    return register


def _area_name(registration) -> str:
    return registration.local_government.full_name_th


# --- The applicant -------------------------------------------------------------------------


@page("applications:dashboard")
def applicant_dashboard():
    edition = open_registration_now(EditionFactory())
    user = UserFactory()

    def add(n):
        names = []
        for _ in range(n):
            organisation = OrganisationFactory()
            MembershipFactory(user=user, organisation=organisation)
            names.append(
                _area_name(RegistrationFactory(edition=edition, organisation=organisation))
            )
        return names

    return Page(user, reverse("applications:dashboard"), add)


# --- The secretariat's workspace -------------------------------------------------------------


@page("secretariat:review_queue")
def review_queue():
    edition = EditionFactory()

    def add(n):
        return [_area_name(registration_in(edition)) for _ in range(n)]

    url = reverse("secretariat:review_queue") + f"?edition={edition.number}"
    return Page(secretariat_user(), url, add, page_size=20)


@page("secretariat:prizes")
def prize_list():
    edition = EditionFactory()
    for order in (1, 2, 3):
        Prize.objects.create(
            edition=edition, order=order, title_th=f"รางวัล {order}", amount_baht=Decimal(order)
        )
    secretary = secretariat_user()

    def add(n):
        names = []
        for _ in range(n):
            winner = registration_in(edition, status=RegistrationStatus.APPROVED)
            prizes.add_winner(winner, actor=secretary)
            names.append(_area_name(winner))
        return names

    return Page(secretary, reverse("secretariat:prizes") + f"?edition={edition.number}", add)


@page("secretariat:audit")
def audit_log():
    edition = EditionFactory()

    def add(n):
        summaries = []
        for _ in range(n):
            actor = UserFactory()
            summary = f"บันทึกทดสอบของ {actor.full_name}"
            record(actor, "test.changed", edition, before={"a": 1}, after={"a": 2}, summary=summary)
            summaries.append(actor.full_name)
        return summaries

    return Page(
        secretariat_user(), reverse("secretariat:audit") + f"?edition={edition.number}", add
    )


# --- Judging ---------------------------------------------------------------------------------


def _scored(judge, application):
    """A submitted review of every criterion, written directly for speed."""
    assignment = Assignment.objects.create(judge=judge, application=application)
    review = Review.objects.create(
        assignment=assignment, status=ReviewStatus.SUBMITTED, submitted_at=timezone.now()
    )
    Score.objects.bulk_create(
        Score(review=review, criterion=c, half_points=c.max_points, max_points=c.max_points)
        for c in judge.edition.criteria.all()
    )


@page("judging:home")
def judge_home():
    edition = EditionFactory()
    judge = JudgeFactory(edition=edition)

    def add(n):
        references = []
        for _ in range(n):
            application = SubmittedApplicationFactory(registration__edition=edition)
            judging.assign(judge, application, actor=None)
            references.append(application.reference)
        return references

    return Page(judge.user, reverse("judging:home"), add)


@page("judging:manage")
def judging_editions():
    def add(n):
        return [EditionFactory(full=False).title_th for _ in range(n)]

    return Page(secretariat_user(), reverse("judging:manage"), add)


@page("judging:manage_committee")
def committee():
    edition = EditionFactory()
    application = SubmittedApplicationFactory(registration__edition=edition)

    def add(n):
        names = []
        for _ in range(n):
            judge = JudgeFactory(edition=edition)
            judging.assign(judge, application, actor=None)
            names.append(judge.user.full_name)
        return names

    url = reverse("judging:manage_committee", args=[edition.number])
    return Page(secretariat_user(), url, add)


@page("judging:manage_assignments")
def assignments():
    edition = EditionFactory()
    judges = [JudgeFactory(edition=edition) for _ in range(2)]

    def add(n):
        references = []
        for _ in range(n):
            application = SubmittedApplicationFactory(registration__edition=edition)
            for judge in judges:
                judging.assign(judge, application, actor=None)
            references.append(application.reference)
        return references

    url = reverse("judging:manage_assignments", args=[edition.number])
    return Page(secretariat_user(), url, add)


@page("judging:manage_ranking")
def ranking_page():
    edition = EditionFactory()
    judges = [JudgeFactory(edition=edition) for _ in range(3)]

    def add(n):
        references = []
        for _ in range(n):
            application = SubmittedApplicationFactory(registration__edition=edition)
            for judge in judges:
                _scored(judge, application)
            references.append(application.reference)
        return references

    url = reverse("judging:manage_ranking", args=[edition.number, "YOUTH"])
    return Page(secretariat_user(), url, add)


def _conflicts_of(judge):
    secretary = secretariat_user()

    def add(n):
        names = []
        for _ in range(n):
            registration = RegistrationFactory(edition=judge.edition)
            declare_conflict(
                judge, secretary, reason="ญาติ", local_government=registration.local_government
            )
            names.append(_area_name(registration))
        return names

    return secretary, add


@page("judging:conflicts")
def judge_conflicts():
    judge = JudgeFactory()
    _secretary, add = _conflicts_of(judge)
    return Page(judge.user, reverse("judging:conflicts", args=[judge.edition.number]), add)


@page("judging:manage_conflicts")
def manage_conflicts():
    judge = JudgeFactory()
    secretary, add = _conflicts_of(judge)
    url = reverse("judging:manage_conflicts", args=[judge.edition.number, judge.pk])
    return Page(secretary, url, add)


@page("results:manage_category")
def results_category():
    edition = EditionFactory()
    edition.settings = {"awards_per_category": 1, "honourable_mentions_per_category": 2}
    edition.save(update_fields=["settings"])
    judges = [JudgeFactory(edition=edition, is_chair=True), JudgeFactory(edition=edition)]

    def add(n):
        references = []
        for _ in range(n):
            application = SubmittedApplicationFactory(registration__edition=edition)
            for judge in judges:
                _scored(judge, application)
            references.append(application.reference)
        return references

    url = reverse("results:manage_category", args=[edition.number, "YOUTH"])
    return Page(secretariat_user(), url, add)


# --- Events ----------------------------------------------------------------------------------


@page("events:index")
def events_index():
    def add(n):
        return [EditionFactory(full=False).title_th for _ in range(n)]

    return Page(secretariat_user(), reverse("events:index"), add)


@page("events:training")
def training():
    session = TrainingSessionFactory()
    edition = session.edition

    def add(n):
        return [_area_name(area(edition)) for _ in range(n)]

    return Page(secretariat_user(), reverse("events:training", args=[edition.number]), add)


@page("events:checkin")
def checkin():
    session = TrainingSessionFactory()

    def add(n):
        return [
            area(session.edition, representatives=1).representatives.get().full_name
            for _ in range(n)
        ]

    return Page(secretariat_user(), reverse("events:checkin", args=[session.pk]), add)


def _slots(name: str):
    edition = EditionFactory()
    secretary = secretariat_user()
    references = []

    def add(n):
        for _ in range(n):
            references.append(f"R-{len(references) + 1:03d}")
            presenting_area(edition, references[-1])
        events.allocate_slots(edition, secretary, replace=True)
        return references[-n:]

    return Page(secretary, reverse(name, args=[edition.number]), add)


@page("events:presentation")
def presentation():
    return _slots("events:presentation")


@page("events:running_order")
def running_order():
    return _slots("events:running_order")


# --- Notices, exports, privacy ----------------------------------------------------------------


def _notice_template():
    return NoticeTemplate.objects.create(
        key="news", name="ข่าว", subject_th="ข่าวถึง {{ area }}", body_th="เรียน {{ coordinator }}"
    )


@page("notices:index")
def notice_list():
    edition = EditionFactory()
    RegistrationFactory(edition=edition)
    template = _notice_template()

    def add(n):
        subjects = []
        for _ in range(n):
            subject = f"ข่าวฉบับที่ {len(subjects) + 1}"
            template.subject_th = subject
            notice = notices.create_notice(
                edition=edition,
                template=template,
                registrations=edition.registrations.all(),
                user=None,
            )
            subjects.append(f'href="{reverse("notices:detail", args=[notice.pk])}"')
        return subjects

    return Page(secretariat_user(), reverse("notices:index"), add)


@page("notices:detail")
def notice_detail():
    edition = EditionFactory()
    template = _notice_template()
    added = []
    page_ = Page(secretariat_user(), "", lambda n: [])

    def add(n):
        for _ in range(n):
            added.append(f"c{len(added) + 1}@example.org")
            RegistrationFactory(edition=edition, coordinator_email=added[-1])
        notice = notices.create_notice(
            edition=edition, template=template, registrations=edition.registrations.all(), user=None
        )
        page_.url = reverse("notices:detail", args=[notice.pk])
        return added[-n:]

    page_.add = add
    return page_


@page("exports:index")
def export_list():
    secretary = secretariat_user()

    def add(n):
        editions = [EditionFactory(full=False) for _ in range(n)]
        for edition in editions:
            ExportJob.objects.create(
                edition=edition,
                kind="applications",
                format="xlsx",
                requested_by=secretary,
                status=ExportStatus.FAILED,  # one running export per kind and person
            )
        return [f"<td>{edition.number}</td>" for edition in editions]

    return Page(secretary, reverse("exports:index"), add, page_size=30)


@page("privacy:retention")
def retention_list():
    def add(n):
        return [EditionFactory(full=False).title_th for _ in range(n)]

    return Page(secretariat_user(), reverse("privacy:retention"), add)


@page("privacy:retention_detail")
def retention_detail():
    edition = EditionFactory()

    def add(n):
        return [registration_in(edition, reps=1).coordinator_email for _ in range(n)]

    return Page(secretariat_user(), reverse("privacy:retention_detail", args=[edition.pk]), add)


# --- The test --------------------------------------------------------------------------------


def _shown(html: str, texts: list[str]) -> int:
    """How many of ``texts`` the page shows (“…ทดสอบ1” does not count inside “…ทดสอบ12”)."""
    return sum(bool(re.search(re.escape(text) + r"(?!\d)", html)) for text in texts)


def _render(client, url) -> tuple[int, str]:
    client.get(url)  # the session's once-a-minute stamps and the caches, outside the count
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response.content.decode()


@pytest.mark.parametrize("name", PAGES)
def test_list_page_queries_do_not_grow_with_rows(client, name):
    listed = PAGES[name]()
    log_in(client, listed.user)
    texts = listed.add(1)
    one, html = _render(client, listed.url)
    assert _shown(html, texts) == 1
    texts += listed.add(MANY - 1)
    many, html = _render(client, listed.url)
    assert _shown(html, texts) == min(MANY, listed.page_size)
    assert many == one, f"{name}: {one} queries with 1 row, {many} with {MANY}"
