"""An autosave costs a fixed, small number of queries: the whole progress panel comes from one
query (EXISTS per kind of row), whatever the number of sections and rows."""

import pytest
from django.urls import reverse

from learningcity.accounts.enums import MembershipRole
from learningcity.applications import services
from learningcity.applications.models import Answer
from tests.applications.factories import (
    ROWS,
    RegistrationFactory,
    open_submission_now,
    started_application,
)
from tests.factories import EditionFactory, MembershipFactory, log_in

HTMX = {"HTTP_HX_REQUEST": "true"}
# Session, user, application, membership (×3: access, permission, may_apply_for), answer,
# phase, answer (get_or_create), savepoint, UPDATE, audit INSERT, release, progress: 14
# (21 before: the progress prefetched every kind of row, 7 queries, and re-read the answer).
AUTOSAVE_QUERIES = 14


@pytest.fixture
def member_client(client, db):
    member = MembershipFactory(role=MembershipRole.MEMBER)
    registration = RegistrationFactory(
        edition=open_submission_now(EditionFactory()), organisation=member.organisation
    )
    application = started_application(registration)
    log_in(client, member.user)
    client.application, client.user = application, member.user
    return client


def _fill_rows(application, user, count: int) -> None:
    for answer in services.answers_with_rows(application):
        rows = {
            model.kind(): [ROWS[model.kind()]] * count
            for model in services.row_models(answer.criterion)
        }
        if rows:
            services.save_rows(
                application=application,
                criterion=answer.criterion,
                user=user,
                rows=rows,
                base_version=answer.version,
            )


def _autosave(client, django_assert_num_queries) -> None:
    url = reverse("applications:save_section", args=[client.application.pk, 1])
    version = Answer.objects.get(application=client.application, criterion__number=1).version
    with django_assert_num_queries(AUTOSAVE_QUERIES):
        response = client.post(url, {"version": version, "narrative": "กำลังพิมพ์"}, **HTMX)
    assert response.headers["HX-Retarget"] == "#status-1"
    assert 'hx-swap-oob="true"' in response.text


@pytest.mark.parametrize("rows", [0, 1, 5])
def test_autosave_queries_constant_whatever_the_rows(
    member_client, django_assert_num_queries, rows
):
    _fill_rows(member_client.application, member_client.user, rows)

    _autosave(member_client, django_assert_num_queries)


def test_progress_one_query_matches_prefetched_progress(member_client, django_assert_num_queries):
    application = member_client.application
    _fill_rows(application, member_client.user, 1)
    Answer.objects.filter(application=application, criterion__number=2).update(
        narrative="มีคำตอบ", evidence_confirmed=True
    )
    with django_assert_num_queries(1):
        fast = services.progress(application)

    full = services.progress(application, answers=services.answers_with_rows(application))

    assert [(p.criterion.number, p.missing) for p in fast] == [
        (p.criterion.number, p.missing) for p in full
    ]
    assert [p.complete for p in fast][1] is True
    assert all(p.rows_present for p in fast)
