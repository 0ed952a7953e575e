"""The edition workspace's services, called directly: copying the next edition, the lists an
edition holds (the 100-point rule and the guard included), settings, and draft → open."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from learningcity.audit.models import AuditEntry
from learningcity.editions.enums import EditionStatus, PhaseKind
from learningcity.editions.models import Contact, Edition, Prize
from learningcity.secretariat import edition_forms as forms
from learningcity.secretariat.services.edition_setup import (
    save_collection,
    save_details,
    save_settings,
)
from learningcity.secretariat.services.editions import create_next_edition, set_edition_status
from tests.factories import BANGKOK, EditionFactory
from tests.judging.factories import SubmittedApplicationFactory

from .helpers import registration_in, secretariat_user

pytestmark = pytest.mark.django_db

COMMITTEE = {
    "awards_per_category": 1,
    "honourable_mentions_per_category": 2,
    "hide_other_scores_until_submitted": True,
    "tie_break": ["sum_of_20_point_criteria", "committee_vote"],
    "signatories": [{"name_th": "ศ.ดร.ผู้ลงนาม", "position_th": "อธิการบดี"}],
    "certificate_issuer_th": "มหาวิทยาลัยพะเยา",
}


@pytest.fixture
def edition():
    edition = EditionFactory(number=1, year_be=2569, title_th="รางวัล ครั้งที่ 1", title_en="Award 1")
    edition.settings = dict(COMMITTEE)
    edition.save()
    Prize.objects.create(edition=edition, order=1, title_th="โล่รางวัล")
    Prize.objects.create(edition=edition, order=3, title_th="งบดำเนินงาน", amount_baht=30000)
    Contact.objects.create(edition=edition, order=1, name_th="คุณประสาน", phone="054-466-666")
    return edition


@pytest.fixture
def actor():
    return secretariat_user()


def post_data(formset, change=None) -> dict:
    """What the browser would send back for ``formset`` unchanged, then ``change`` applied:
    ``change`` maps (form index, field) to a value; a value of ``None`` leaves the field out."""
    data = {
        f"{formset.prefix}-TOTAL_FORMS": str(len(formset.forms)),
        f"{formset.prefix}-INITIAL_FORMS": str(formset.initial_form_count()),
    }
    for form in formset.forms:
        for name, field in form.fields.items():
            value = form[name].value()
            if hasattr(field.widget, "decompress"):
                parts = zip(field.widget.widgets_names, field.widget.decompress(value), strict=True)
                for suffix, sub in parts:
                    data[f"{form.add_prefix(name)}{suffix}"] = "" if sub is None else str(sub)
            elif value in (None, False):
                continue
            else:
                data[form.add_prefix(name)] = value
    for (index, name), value in (change or {}).items():
        key = formset.forms[index].add_prefix(name)
        if value is None:
            data.pop(key, None)
        else:
            data[key] = value
    return data


def bound(collection, edition, change=None):
    unbound = forms.collection_formset(collection, edition)
    data = post_data(unbound, change)
    return forms.collection_formset(collection, edition, _querydict(data))


def _querydict(data: dict):
    from django.http import QueryDict

    query = QueryDict(mutable=True)
    for key, value in data.items():
        if isinstance(value, list):
            query.setlist(key, value)
        else:
            query[key] = value
    return query


def test_next_edition_copies_every_part_with_new_dates(edition, actor):
    new = create_next_edition(
        edition, actor=actor, number=2, year_be=2571, title_th="รางวัล ครั้งที่ 2", title_en="Award 2"
    )
    assert new.status == EditionStatus.DRAFT
    assert sorted(new.phases.values_list("kind", flat=True)) == sorted(PhaseKind.values)
    submission = new.phases.get(kind=PhaseKind.SUBMISSION)
    assert (submission.starts_at, submission.ends_at) == (
        dt.datetime(2028, 6, 1, tzinfo=BANGKOK),
        dt.datetime(2028, 7, 31, 23, 59, 59, tzinfo=BANGKOK),
    )
    assert list(new.categories.order_by("order").values_list("code", "sdgs")) == [
        ("YOUTH", [4, 10, 13]),
        ("EQUITY", [1, 4, 5, 10, 11]),
    ]
    assert list(new.criteria.order_by("number").values_list("max_points", flat=True)) == [
        15,
        20,
        20,
        15,
        15,
        15,
    ]
    assert list(new.documents.order_by("order").values_list("kind", "max_bytes")) == list(
        edition.documents.order_by("order").values_list("kind", "max_bytes")
    )
    assert list(new.prizes.values_list("order", "title_th")) == [(1, "โล่รางวัล"), (3, "งบดำเนินงาน")]
    assert list(new.contacts.values_list("name_th", "phone")) == [("คุณประสาน", "054-466-666")]
    assert new.settings == COMMITTEE


def test_criteria_totalling_other_than_100_are_refused_in_thai(edition, actor):
    with translation.override("th"):
        formset = bound("criteria", edition, {(0, "max_points"): "16"})
        assert save_collection(edition, "criteria", formset, actor=actor) is False
        messages = formset.non_form_errors()
    assert messages == ["เกณฑ์ทั้งหมดรวมได้ 101 คะแนน แต่เกณฑ์ของการประกวดแต่ละครั้งต้องรวมกันได้ 100 คะแนนพอดี"]
    assert edition.criteria.get(number=1).max_points == 15
    assert not AuditEntry.objects.filter(action="edition.criteria.changed").exists()


def test_criteria_totalling_100_are_saved_and_audited(edition, actor):
    formset = bound("criteria", edition, {(0, "max_points"): "20", (1, "max_points"): "15"})
    assert save_collection(edition, "criteria", formset, actor=actor), formset.errors
    points = list(edition.criteria.order_by("number").values_list("max_points", flat=True))
    assert points == [20, 15, 20, 15, 15, 15]
    entry = AuditEntry.objects.get(action="edition.criteria.changed")
    assert (entry.actor, entry.object_id) == (actor, str(edition.pk))
    assert [row["max_points"] for row in entry.before["criteria"]][:2] == [15, 20]
    assert [row["max_points"] for row in entry.after["criteria"]][:2] == [20, 15]


def test_guard_refuses_new_points_once_there_are_submissions(edition, actor):
    SubmittedApplicationFactory(registration=registration_in(edition))
    formset = bound("criteria", edition, {(0, "max_points"): "20", (1, "max_points"): "15"})
    assert save_collection(edition, "criteria", formset, actor=actor) is False
    assert "frozen" in [error.code for error in formset.non_form_errors().as_data()]
    assert edition.criteria.get(number=1).max_points == 15


def test_guard_refuses_a_category_description_once_there_are_submissions(edition, actor):
    SubmittedApplicationFactory(registration=registration_in(edition))
    formset = bound("categories", edition, {(0, "description_th"): "คำอธิบายใหม่"})
    assert save_collection(edition, "categories", formset, actor=actor) is False
    assert "frozen" in [error.code for error in formset.non_form_errors().as_data()]


def test_prizes_may_change_once_there_are_submissions(edition, actor):
    SubmittedApplicationFactory(registration=registration_in(edition))
    formset = bound("prizes", edition, {(1, "amount_baht"): "40000"})
    assert save_collection(edition, "prizes", formset, actor=actor), formset.errors
    assert edition.prizes.get(order=3).amount_baht == 40000
    assert AuditEntry.objects.filter(action="edition.prizes.changed").count() == 1


def test_categories_take_sdgs_as_numbers(edition, actor):
    formset = bound("categories", edition, {(0, "sdgs"): "4, 17, 4"})
    assert save_collection(edition, "categories", formset, actor=actor), formset.errors
    assert edition.categories.get(code="YOUTH").sdgs == [4, 17]
    refused = bound("categories", edition, {(0, "sdgs"): "18"})
    assert save_collection(edition, "categories", refused, actor=actor) is False
    assert refused.forms[0].errors["sdgs"][0].startswith("“18”")


def test_phase_ending_before_it_starts_is_refused(edition, actor):
    index = [f.instance.kind for f in forms.collection_formset("phases", edition).forms].index(
        PhaseKind.REGISTRATION
    )
    formset = bound("phases", edition, {(index, "ends_at_day"): "1", (index, "ends_at_month"): "5"})
    assert save_collection(edition, "phases", formset, actor=actor) is False
    assert [form.errors for form in formset.forms if form.errors] == [
        {"ends_at": ["วันสิ้นสุดของขั้นตอนต้องอยู่หลังวันเริ่ม"]}
    ]


def test_phase_dates_typed_in_buddhist_era_are_saved_and_audited(edition, actor):
    index = [f.instance.kind for f in forms.collection_formset("phases", edition).forms].index(
        PhaseKind.CEREMONY
    )
    formset = bound(
        "phases",
        edition,
        {
            (index, "starts_at_day"): "2",
            (index, "starts_at_time"): "09.00",
            (index, "ends_at_day"): "2",
            (index, "ends_at_time"): "16:30",
        },
    )
    assert save_collection(edition, "phases", formset, actor=actor), formset.errors
    ceremony = edition.phases.get(kind=PhaseKind.CEREMONY)
    assert (ceremony.starts_at, ceremony.ends_at) == (
        dt.datetime(2026, 9, 2, 9, 0, tzinfo=BANGKOK),
        dt.datetime(2026, 9, 2, 16, 30, tzinfo=BANGKOK),
    )
    entry = AuditEntry.objects.get(action="edition.phases.changed")
    assert [p["ends_at"] for p in entry.after["phases"] if p["kind"] == "ceremony"] == [
        "2026-09-02T09:30:00Z"
    ]


def test_details_guard_refuses_a_new_minimum_population_once_submitted(edition, actor):
    SubmittedApplicationFactory(registration=registration_in(edition))
    initial = forms.EditionDetailsForm(instance=edition)
    data = {name: initial[name].value() for name in initial.fields}
    data["min_population"] = 3000
    form = forms.EditionDetailsForm(data, instance=edition)
    with pytest.raises(ValidationError):
        save_details(form, actor=actor)
    edition.refresh_from_db()
    assert edition.min_population == 5000


def test_details_change_the_titles_and_are_audited(edition, actor):
    initial = forms.EditionDetailsForm(instance=edition)
    data = {name: initial[name].value() for name in initial.fields}
    data["title_en"] = "Local Learning City Award, 2nd edition"
    save_details(forms.EditionDetailsForm(data, instance=edition), actor=actor)
    edition.refresh_from_db()
    assert edition.title_en == "Local Learning City Award, 2nd edition"
    entry = AuditEntry.objects.get(action="edition.changed")
    assert entry.before == {"title_en": "Award 1"}
    assert entry.after == {"title_en": "Local Learning City Award, 2nd edition"}


def test_committee_settings_are_saved_and_audited(edition, actor):
    form = forms.CommitteeForm.for_edition(
        edition,
        {
            "awards_per_category": "2",
            "honourable_mentions_per_category": "3",
            "judges_see_other_scores": "always",
            "tie_break_1": "committee_vote",
            "tie_break_2": "",
            "tie_break_3": "",
        },
    )
    assert form.is_valid(), form.errors
    save_settings(edition, form.settings(), actor=actor)
    edition.refresh_from_db()
    assert edition.settings["awards_per_category"] == 2
    assert edition.settings["honourable_mentions_per_category"] == 3
    assert edition.settings["hide_other_scores_until_submitted"] is False
    assert edition.settings["tie_break"] == ["committee_vote"]
    assert edition.settings["signatories"] == COMMITTEE["signatories"]
    entry = AuditEntry.objects.get(action="edition.settings.changed")
    assert entry.before["awards_per_category"] == 1
    assert entry.after["awards_per_category"] == 2


def test_committee_form_refuses_a_rule_twice(edition):
    form = forms.CommitteeForm.for_edition(
        edition,
        {
            "awards_per_category": "1",
            "honourable_mentions_per_category": "0",
            "judges_see_other_scores": "after",
            "tie_break_1": "committee_vote",
            "tie_break_2": "committee_vote",
        },
    )
    assert not form.is_valid()
    assert [e.code for e in form.non_field_errors().as_data()] == ["twice"]


def test_eligibility_text_is_frozen_once_there_are_submissions(edition, actor):
    SubmittedApplicationFactory(registration=registration_in(edition))
    with pytest.raises(ValidationError) as error:
        save_settings(edition, {"eligibility_th": ["กฎใหม่"]}, actor=actor)
    assert error.value.code == "frozen"


def draft(edition, actor) -> Edition:
    return create_next_edition(
        edition, actor=actor, number=2, year_be=2571, title_th="รางวัล ครั้งที่ 2", title_en="Award 2"
    )


def test_opening_a_draft_makes_it_public_and_is_audited(edition, actor):
    new = set_edition_status(draft(edition, actor), EditionStatus.OPEN, actor=actor)
    assert (new.status, new.is_published) == (EditionStatus.OPEN, True)
    entry = AuditEntry.objects.get(action="edition.opened")
    assert (entry.actor, entry.object_id, entry.before, entry.after) == (
        actor,
        str(new.pk),
        {"status": "draft"},
        {"status": "open"},
    )


def test_opening_twice_is_refused(edition, actor):
    new = set_edition_status(draft(edition, actor), EditionStatus.OPEN, actor=actor)
    with pytest.raises(ValidationError) as error:
        set_edition_status(new, EditionStatus.OPEN, actor=actor)
    assert error.value.code == "transition"


def test_a_draft_whose_rubric_is_not_whole_does_not_open(edition, actor):
    new = draft(edition, actor)
    new.criteria.filter(number=1).update(max_points=10)
    with translation.override("th"), pytest.raises(ValidationError) as error:
        set_edition_status(new, EditionStatus.OPEN, actor=actor)
    assert [e.code for e in error.value.error_list] == ["not_ready"]
    assert error.value.messages == ["เกณฑ์รวมได้ 95 คะแนน ไม่ใช่ 100 คะแนน"]
    new.refresh_from_db()
    assert new.status == EditionStatus.DRAFT


def test_an_open_edition_with_registrations_stays_open(edition, actor):
    registration_in(edition)
    with pytest.raises(ValidationError) as error:
        set_edition_status(edition, EditionStatus.DRAFT, actor=actor)
    assert error.value.code == "registered"


def test_an_open_edition_without_registrations_goes_back_to_draft(edition, actor):
    new = set_edition_status(draft(edition, actor), EditionStatus.OPEN, actor=actor)
    new = set_edition_status(new, EditionStatus.DRAFT, actor=actor)
    assert new.status == EditionStatus.DRAFT
    assert AuditEntry.objects.filter(action="edition.withdrawn").count() == 1


def test_details_and_call_texts_are_saved_all_or_nothing(edition, actor):
    SubmittedApplicationFactory(registration=registration_in(edition))
    initial = forms.EditionDetailsForm(instance=edition)
    data = {name: initial[name].value() for name in initial.fields}
    data["summary_th"] = "คำอธิบายใหม่"  # wording may change after submissions...
    data["eligibility_th"] = "กฎใหม่"  # ...who may enter may not
    form = forms.EditionDetailsForm(data, instance=edition)
    with pytest.raises(ValidationError):
        save_details(form, actor=actor)
    assert [e.code for e in form.non_field_errors().as_data()] == ["frozen"]
    edition.refresh_from_db()
    assert edition.summary_th == ""
    assert not AuditEntry.objects.filter(action__startswith="edition.").exists()


def test_a_second_phase_of_the_same_kind_is_refused_not_a_server_error(edition, actor):
    unbound = forms.collection_formset("phases", edition)
    new = len(unbound.forms) - 1  # the empty row
    formset = bound(
        "phases",
        edition,
        {
            (new, "kind"): PhaseKind.REGISTRATION,
            (new, "starts_at_day"): "1",
            (new, "starts_at_month"): "3",
            (new, "starts_at_year"): "2569",
            (new, "ends_at_day"): "2",
            (new, "ends_at_month"): "3",
            (new, "ends_at_year"): "2569",
        },
    )
    assert save_collection(edition, "phases", formset, actor=actor) is False
    assert edition.phases.filter(kind=PhaseKind.REGISTRATION).count() == 1
    assert [f.errors for f in formset.forms if f.errors] == [
        {"__all__": ["ช่วงเวลาซ้ำกับช่วงเวลาอื่นในรางวัลครั้งนี้"]}
    ]
