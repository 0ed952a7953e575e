import datetime as dt

import pytest
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation

from learningcity.audit.models import AuditEntry
from learningcity.editions.enums import PhaseKind
from learningcity.editions.models import Criterion, Edition, Prize
from learningcity.secretariat.services.editions import (
    create_next_edition,
    guard_edition_change,
    next_edition_defaults,
    years_later,
)
from tests.factories import BANGKOK, EditionFactory, UserFactory, log_in
from tests.judging.factories import SubmittedApplicationFactory

from .helpers import registration_in, secretariat_user

pytestmark = pytest.mark.django_db

# After edition 1's registration closed (29 May) and before its submission closes (31 July).
DURING_SUBMISSION = dt.datetime(2026, 6, 15, 12, 0, tzinfo=BANGKOK)


@pytest.fixture
def edition():
    edition = EditionFactory(number=1, year_be=2569, title_th="รางวัล ครั้งที่ 1", title_en="Award 1")
    Prize.objects.create(edition=edition, order=3, title_th="งบดำเนินงาน", amount_baht=30000)
    return edition


@pytest.fixture
def submitted(edition):
    SubmittedApplicationFactory(registration=registration_in(edition))
    return edition


def test_years_later_keeps_the_bangkok_wall_clock():
    start = dt.datetime(2026, 5, 5, 0, 0, tzinfo=BANGKOK)
    assert years_later(start) == dt.datetime(2028, 5, 5, 0, 0, tzinfo=BANGKOK)
    assert years_later(dt.datetime(2028, 2, 29, 9, 0, tzinfo=BANGKOK)) == dt.datetime(
        2030, 2, 28, 9, 0, tzinfo=BANGKOK
    )


def test_next_edition_defaults(edition):
    assert next_edition_defaults(edition) == {
        "number": 2,
        "year_be": 2571,
        "title_th": "รางวัล ครั้งที่ 2",
        "title_en": "Award 2",
    }


def test_create_next_edition_copies_everything_two_years_on(edition):
    actor = secretariat_user()
    new = create_next_edition(
        edition, actor=actor, number=2, year_be=2571, title_th="รางวัล ครั้งที่ 2", title_en="Award 2"
    )
    assert (new.number, new.year_be, new.is_published) == (2, 2571, False)
    assert new.min_population == edition.min_population
    assert list(new.categories.values_list("code", flat=True)) == ["YOUTH", "EQUITY"]
    assert list(new.criteria.order_by("number").values_list("max_points", flat=True)) == [
        15,
        20,
        20,
        15,
        15,
        15,
    ]
    assert new.documents.count() == 3
    assert list(new.prizes.values_list("amount_baht", flat=True)) == [30000]
    registration = new.phases.get(kind=PhaseKind.REGISTRATION)
    assert registration.starts_at == dt.datetime(2028, 5, 5, tzinfo=BANGKOK)
    assert registration.ends_at == dt.datetime(2028, 5, 29, 23, 59, 59, tzinfo=BANGKOK)
    entry = AuditEntry.objects.get(action="edition.copied")
    assert (entry.actor, entry.object_id) == (actor, str(new.pk))


def test_create_next_edition_refuses_an_existing_number(edition):
    with pytest.raises(ValidationError):
        create_next_edition(
            edition, actor=secretariat_user(), number=1, year_be=2571, title_th="x", title_en="x"
        )


def test_next_edition_page_creates_and_opens_the_workspace(client, edition):
    log_in(client, secretariat_user())
    response = client.post(
        reverse("secretariat:next_edition"),
        {"source": edition.pk, "number": 2, "year_be": 2571, "title_th": "ครั้งที่ 2", "title_en": "2"},
    )
    new = Edition.objects.get(number=2)
    assert response.status_code == 302
    assert response["Location"] == reverse("secretariat:edition", args=[new.number])


def test_guard_lets_anything_change_before_submissions(edition):
    guard_edition_change(edition, ["min_population", "criteria.max_points", "phases.registration"])


@pytest.mark.parametrize(
    "field",
    [
        "min_population",
        "representatives_required",
        "criteria.max_points",
        "documents",
        "categories",
    ],
)
def test_guard_refuses_rules_once_there_are_submissions(submitted, field):
    with pytest.raises(ValidationError) as error:
        guard_edition_change(submitted, [field], at=DURING_SUBMISSION)
    assert error.value.code == "frozen"


def test_guard_refuses_dates_of_a_passed_phase_only(submitted):
    with pytest.raises(ValidationError):
        guard_edition_change(submitted, ["phases.registration"], at=DURING_SUBMISSION)
    guard_edition_change(submitted, ["phases.judging", "phases.ceremony"], at=DURING_SUBMISSION)


def test_guard_allows_wording_and_contacts_after_submissions(submitted):
    guard_edition_change(submitted, ["summary_th", "contacts", "prizes", "is_published"])


def test_guard_ignores_drafts(edition):
    from tests.applications.factories import started_application

    started_application(registration_in(edition))
    guard_edition_change(edition, ["min_population"])


def _admin_request():
    request = RequestFactory().get("/")
    request.user = UserFactory(is_superuser=True, is_staff=True)
    return request


def test_admin_edition_form_refuses_a_new_minimum_population(submitted):
    model_admin = admin.site._registry[Edition]
    form_class = model_admin.get_form(_admin_request(), submitted)
    initial = form_class(instance=submitted)
    data = {name: initial[name].value() for name in initial.fields}
    data = {k: v for k, v in data.items() if v not in (None, False)}
    data["min_population"] = 3000
    form = form_class(data, instance=submitted)
    assert not form.is_valid()
    assert "frozen" in [e.code for e in form.non_field_errors().as_data()]


def _formset_data(formset, change=None):
    data = {
        f"{formset.prefix}-TOTAL_FORMS": len(formset.forms),
        f"{formset.prefix}-INITIAL_FORMS": len(formset.forms),
    }
    for form in formset.forms:
        for name in form.fields:
            value = form[name].value()
            if value in (None, False):
                continue
            data[form.add_prefix(name)] = value
    if change:
        data.update(change(formset))
    return data


def test_admin_criteria_refuse_new_points_once_submitted(submitted):
    request = _admin_request()
    inline = next(
        i
        for i in admin.site._registry[Edition].get_inline_instances(request, submitted)
        if i.model is Criterion
    )
    formset_class = inline.get_formset(request, submitted)
    unbound = formset_class(instance=submitted)
    first, second = unbound.forms[0], unbound.forms[1]

    def swap(_formset):
        return {first.add_prefix("max_points"): 20, second.add_prefix("max_points"): 15}

    formset = formset_class(_formset_data(unbound, swap), instance=submitted)
    assert not formset.is_valid()
    assert "frozen" in [e.code for e in formset.non_form_errors().as_data()]


def test_admin_criteria_unchanged_pass_once_submitted(submitted):
    request = _admin_request()
    inline = next(
        i
        for i in admin.site._registry[Edition].get_inline_instances(request, submitted)
        if i.model is Criterion
    )
    formset_class = inline.get_formset(request, submitted)
    unbound = formset_class(instance=submitted)
    formset = formset_class(_formset_data(unbound), instance=submitted)
    assert formset.is_valid(), formset.errors


def _phase_formset(edition, moves):
    from django.forms.models import BaseInlineFormSet, inlineformset_factory

    from learningcity.editions.models import Phase
    from learningcity.secretariat.admin_guard import guarded

    formset_class = inlineformset_factory(
        Edition,
        Phase,
        formset=guarded(BaseInlineFormSet, "phases"),
        fields=["kind", "starts_at", "ends_at"],
        extra=0,
    )
    unbound = formset_class(instance=edition)

    def change(_formset):
        return {
            form.add_prefix("ends_at"): form.instance.ends_at + dt.timedelta(days=2)
            for form in unbound.forms
            if form.instance.kind in moves
        }

    return formset_class(_formset_data(unbound, change), instance=edition)


def test_phase_formset_refuses_moving_a_passed_phase(submitted, settings):
    # Edition 1 as the factory makes it lies in 2026; the guard reads the clock, so the
    # registration phase (May 2026) has passed by the time these tests run.
    formset = _phase_formset(submitted, {PhaseKind.REGISTRATION})
    if submitted.phases.get(kind=PhaseKind.REGISTRATION).ends_at > dt.datetime.now(tz=BANGKOK):
        pytest.skip("the registration phase of the factory edition has not passed yet")
    assert not formset.is_valid()
    with translation.override("th"):
        assert not formset.is_valid()
        message = formset.non_form_errors()[0]
    assert message == (
        "รางวัลครั้งนี้มีใบสมัครที่ส่งแล้ว การแก้ไข วันของขั้นตอน “เปิดรับสมัคร” "
        "จะเปลี่ยนกติกาหลังจากผู้สมัครส่งใบสมัครไปแล้ว จึงแก้ไขไม่ได้"
    )


def test_phase_formset_accepts_moving_a_future_phase(submitted):
    from learningcity.editions.models import Phase

    Phase.objects.filter(edition=submitted, kind=PhaseKind.CEREMONY).update(
        starts_at=dt.datetime(2099, 9, 1, tzinfo=BANGKOK),
        ends_at=dt.datetime(2099, 9, 1, 23, tzinfo=BANGKOK),
    )
    formset = _phase_formset(submitted, {PhaseKind.CEREMONY})
    assert formset.is_valid(), formset.non_form_errors()


def test_admin_change_page_opens_with_the_guarded_forms(client, submitted):
    log_in(client, UserFactory(is_superuser=True, is_staff=True))
    response = client.get(reverse("admin:editions_edition_change", args=[submitted.pk]))
    assert response.status_code == 200
    assert response.context["adminform"].form.__class__.__mro__[1].__name__ == "GuardedEditionForm"
