import pytest
from django.urls import reverse

from learningcity.applications.enums import ApplicationStatus, RegistrationStatus
from learningcity.registry.enums import LocalGovernmentType
from learningcity.secretariat.services import lists
from tests.applications.factories import started_application
from tests.factories import EditionFactory, log_in
from tests.judging.factories import SubmittedApplicationFactory

from .helpers import days_ago, province, registration_in, secretariat_user

pytestmark = pytest.mark.django_db


def _pks(queryset):
    return sorted(row.pk for row in queryset)


def _filter(edition, **filters):
    return _pks(lists.filter_registrations(lists.registrations(edition), lists.Filters(**filters)))


@pytest.fixture
def edition():
    return EditionFactory()


def test_filter_by_category(edition):
    youth = registration_in(edition)
    equity = registration_in(edition, category=edition.categories.get(code="EQUITY"))
    assert _filter(edition, category=equity.category_id) == [equity.pk]
    assert _filter(edition, category=youth.category_id) == [youth.pk]


def test_filter_by_province_and_type(edition):
    chiang_mai = registration_in(edition, province=province("50", "เชียงใหม่"))
    town = registration_in(edition, lg_type=LocalGovernmentType.SUBDISTRICT_MUNICIPALITY)
    assert _filter(edition, province="50") == [chiang_mai.pk]
    assert _filter(edition, lg_type=LocalGovernmentType.SUBDISTRICT_MUNICIPALITY) == [town.pk]


def test_filter_by_status(edition):
    approved = registration_in(edition, status=RegistrationStatus.APPROVED)
    registration_in(edition)
    assert _filter(edition, status=RegistrationStatus.APPROVED) == [approved.pk]


def test_filter_by_completeness(edition):
    none = registration_in(edition)
    draft = registration_in(edition)
    started_application(draft)
    submitted = SubmittedApplicationFactory(registration=registration_in(edition)).registration
    assert _filter(edition, completeness="not_started") == [none.pk]
    assert _filter(edition, completeness=ApplicationStatus.DRAFT) == [draft.pk]
    assert _filter(edition, completeness=ApplicationStatus.SUBMITTED) == [submitted.pk]
    assert _filter(edition, completeness="unfinished") == sorted([none.pk, draft.pk])


def test_filter_by_eligibility(edition):
    small = registration_in(edition, population=3000)
    alone = registration_in(edition, reps=1)
    sound = registration_in(edition)
    assert _filter(edition, eligibility="population") == [small.pk]
    assert _filter(edition, eligibility="representatives") == [alone.pk]
    assert _filter(edition, eligibility="uncertified") == sorted([small.pk, alone.pk, sound.pk])


def test_filter_by_waiting_days(edition):
    old = registration_in(edition, created_at=days_ago(10))
    registration_in(edition, created_at=days_ago(2))
    assert _filter(edition, waiting=7) == [old.pk]


def test_search_by_name(edition):
    found = registration_in(edition)
    registration_in(edition)
    name = found.local_government.full_name_th
    assert _filter(edition, q=name) == [found.pk]


def test_lists_stay_within_the_edition(edition):
    registration_in(EditionFactory())
    mine = registration_in(edition)
    assert _filter(edition) == [mine.pk]


def test_registration_list_view_filters_from_the_query(client, edition):
    equity = registration_in(edition, category=edition.categories.get(code="EQUITY"))
    registration_in(edition)
    log_in(client, secretariat_user())
    response = client.get(
        reverse("secretariat:registrations"),
        {"edition": edition.number, "category": equity.category_id},
    )
    assert [row.pk for row in response.context["page"]] == [equity.pk]


def test_registration_list_paginates_by_50(client, edition):
    for _ in range(51):
        registration_in(edition, reps=0)
    log_in(client, secretariat_user())
    url = reverse("secretariat:registrations")
    first = client.get(url, {"edition": edition.number})
    second = client.get(url, {"edition": edition.number, "page": 2})
    assert len(first.context["page"].object_list) == 50
    assert len(second.context["page"].object_list) == 1


def test_list_answers_htmx_with_the_results_only(client, edition):
    registration_in(edition)
    log_in(client, secretariat_user())
    response = client.get(
        reverse("secretariat:registrations"),
        {"edition": edition.number},
        headers={"HX-Request": "true"},
    )
    body = response.content.decode()
    assert body.lstrip().startswith('<div id="results">')


def _queries(client, django_assert_num_queries, url, edition, rows):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, {"edition": edition.number})
    assert response.status_code == 200
    assert len(response.context["page"].object_list) == rows
    return len(captured)


@pytest.mark.parametrize("name", ["secretariat:registrations", "secretariat:applications"])
def test_lists_cost_the_same_queries_for_1_and_50_rows(client, django_assert_num_queries, name):
    secretary = secretariat_user()
    log_in(client, secretary)
    url = reverse(name)
    one = EditionFactory()
    SubmittedApplicationFactory(registration=registration_in(one))
    fifty = EditionFactory()
    for _ in range(50):
        SubmittedApplicationFactory(registration=registration_in(fifty))
    client.get(url, {"edition": one.number})  # warm the session and OTP device caches
    count = _queries(client, django_assert_num_queries, url, one, 1)
    with django_assert_num_queries(count):
        response = client.get(url, {"edition": fifty.number})
    assert len(response.context["page"].object_list) == 50


def test_application_list_links_reopen_and_extend(client, edition):
    application = SubmittedApplicationFactory(registration=registration_in(edition))
    log_in(client, secretariat_user())
    response = client.get(reverse("secretariat:applications"), {"edition": edition.number})
    assert reverse("applications:secretariat_application", args=[application.pk]) in (
        response.content.decode()
    )


def test_application_list_filters_by_eligibility(edition):
    alone = SubmittedApplicationFactory(registration=registration_in(edition, reps=1))
    SubmittedApplicationFactory(registration=registration_in(edition))
    found = lists.applications(edition, lists.Filters(eligibility="representatives"))
    assert [a.pk for a in found] == [alone.pk]
