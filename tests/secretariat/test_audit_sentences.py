"""The audit log reads as Thai sentences: who did what to which object, values in Thai."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import translation

from learningcity.audit.models import AuditEntry
from learningcity.secretariat.services.audit_sentences import Change, sentence
from tests.factories import BANGKOK, EditionFactory, UserFactory, log_in

from .helpers import registration_in, secretariat_user

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _thai():
    with translation.override("th"):
        yield


def _entry(**kwargs):
    defaults = {
        "actor": UserFactory(full_name="อลิสา ผู้ตรวจ"),
        "at": dt.datetime(2026, 12, 1, 16, 8, tzinfo=BANGKOK),
        "object_type": "applications.registration",
        "object_id": "7",
    }
    return AuditEntry.objects.create(**(defaults | kwargs))


def test_sentence_status_change_names_who_what_and_choice_labels():
    entry = _entry(
        action="registration.status_changed",
        before={"status": "submitted"},
        after={"status": "approved"},
    )

    said = sentence(entry)

    assert said.who == "อลิสา ผู้ตรวจ"
    assert said.what == "เปลี่ยนสถานะของ การลงทะเบียนพื้นที่ #7"
    assert said.changes == [Change("สถานะ", "ลงทะเบียนแล้ว รอตรวจสอบคุณสมบัติ", "ผ่านการตรวจสอบคุณสมบัติ")]


def test_sentence_values_booleans_dates_and_times_in_thai():
    entry = _entry(
        action="retention.set",
        object_type="editions.edition",
        before={"is_published": False, "keep_until": None},
        after={
            "is_published": True,
            "keep_until": "2028-11-30",
            "closed_at": "2026-12-01T09:08:00+00:00",
        },
    )

    rows = {change.name: (change.before, change.after) for change in sentence(entry).changes}

    assert rows["เก็บรักษาถึง"] == ("—", "30 พฤศจิกายน 2571")
    assert rows["closed at"] == ("", "1 ธันวาคม 2569 เวลา 16:08 น.")
    assert [v for k, v in rows.items() if k not in ("เก็บรักษาถึง", "closed at")] == [("ไม่ใช่", "ใช่")]


def test_sentence_unknown_action_and_system_actor_still_read_as_a_sentence():
    entry = _entry(action="something.new", actor=None, object_type="nowhere.thing")

    said = sentence(entry)

    assert said.who == "ระบบ"
    assert said.what == "บันทึกการดำเนินการ “something.new” กับ nowhere.thing #7"
    assert '"action": "something.new"' in said.raw


def test_audit_page_sentences_with_raw_detail_behind_a_disclosure(client):
    edition = EditionFactory()
    registration = registration_in(edition)
    _entry(
        action="registration.status_changed",
        object_id=str(registration.pk),
        before={"status": "submitted"},
        after={"status": "approved"},
    )
    log_in(client, secretariat_user())

    body = client.get(reverse("secretariat:audit"), {"edition": edition.number}).content.decode()

    assert f"เปลี่ยนสถานะของ การลงทะเบียนพื้นที่ #{registration.pk}" in body
    assert "ผ่านการตรวจสอบคุณสมบัติ" in body
    assert body.count('<details class="ws-raw">') == 1
    assert "registration.status_changed</code>" not in body


def test_sentence_rows_by_kind_and_references_named_in_thai():
    entry = _entry(
        action="answer.saved",
        object_type="applications.answer",
        after={"rows": {"partner": 1}, "subject": "applications.application:10"},
    )

    rows = {change.name: change.after for change in sentence(entry).changes}

    assert rows == {"จำนวนแถว": "ภาคีเครือข่าย: 1", "เรื่อง": "ใบสมัคร #10"}
