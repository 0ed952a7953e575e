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
# Session, user, application, memberships (read once for the three permission checks), answer,
# phase, savepoint, UPDATE, audit INSERT, release, progress: 11 (21 before the progress came
# from one query; 14 before the memberships were read once a request and the answer once).
AUTOSAVE_QUERIES = 11


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


def _post_section(client, number, data):
    url = reverse("applications:save_section", args=[client.application.pk, number])
    version = Answer.objects.get(application=client.application, criterion__number=number).version
    return client.post(url, {"version": version, **data}, **HTMX)


def test_autosave_leaves_the_progress_panel_when_nothing_it_shows_changed(member_client):
    begun = _post_section(member_client, 1, {"narrative": "เริ่มเขียน"})
    assert 'id="progress"' in begun.text  # the answer was begun: the panel changes

    more_words = _post_section(member_client, 1, {"narrative": "เริ่มเขียน แล้วเขียนต่อ"})
    assert more_words.headers["HX-Retarget"] == "#status-1"
    assert 'id="progress"' not in more_words.text

    ticked = _post_section(
        member_client, 1, {"narrative": "เริ่มเขียน แล้วเขียนต่อ", "evidence_confirmed": "on"}
    )
    assert 'id="progress"' in ticked.text

    emptied = _post_section(member_client, 1, {"narrative": "", "evidence_confirmed": "on"})
    assert 'id="progress"' in emptied.text


def _section_with_rows(application):
    for answer in services.answers_with_rows(application):
        models = services.row_models(answer.criterion)
        if models:
            return answer, models[0]
    raise AssertionError("the edition has no section with rows")


def test_autosave_rewrites_a_table_only_when_its_rows_changed(member_client):
    application = member_client.application
    answer, model = _section_with_rows(application)
    kind = model.kind()
    row = {f"{kind}-0-{name}": value for name, value in ROWS[kind].items()}
    first = _post_section(
        member_client, answer.criterion.number, {"narrative": "ตาราง", f"{kind}-slots": 1, **row}
    )
    assert 'id="progress"' in first.text  # a row was added
    stored = list(model.objects.filter(answer=answer).values_list("pk", flat=True))
    assert len(stored) == 1

    same = _post_section(
        member_client, answer.criterion.number, {"narrative": "ตาราง ต่อ", f"{kind}-slots": 1, **row}
    )
    assert 'id="progress"' not in same.text
    assert list(model.objects.filter(answer=answer).values_list("pk", flat=True)) == stored

    changed_row = dict(row)
    first_column = f"{kind}-0-{model.columns[0]}"
    changed_row[first_column] = "แก้ไขแล้ว"
    _post_section(
        member_client,
        answer.criterion.number,
        {"narrative": "ตาราง ต่อ", f"{kind}-slots": 1, **changed_row},
    )
    rows = model.objects.filter(answer=answer)
    assert [getattr(r, model.columns[0]) for r in rows] == ["แก้ไขแล้ว"]
    assert list(rows.values_list("pk", flat=True)) != stored
