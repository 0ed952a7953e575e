"""The decision page while reviews are missing: what it counts, whose reviews it names, and
which applications it offers (issue 11)."""

import datetime as dt
import re

import pytest
from django.utils import timezone

from learningcity.audit.models import AuditEntry
from learningcity.editions.enums import PhaseKind
from learningcity.results import services
from learningcity.results.enums import DecisionStatus
from tests.factories import log_in

pytestmark = pytest.mark.django_db
REASON = "ครบกำหนดการพิจารณาแล้ว กรรมการท่านหนึ่งติดภารกิจ"


def _url(edition, tail=""):
    return f"/results/manage/{edition.number}/YOUTH/{tail}"


def _options(page: str, name: str) -> list[tuple[str, bool]]:
    """The (value, selected) pairs of the select named ``name``, its empty choice left out."""
    select = re.search(rf'<select name="{name}"[^>]*>(.*?)</select>', page, re.S).group(1)
    return [
        (value, bool(selected))
        for value, selected in re.findall(r'<option value="(\d+)"( selected)?>', select)
    ]


def _judging_ends_in_future(edition):
    phase = edition.phases.get(kind=PhaseKind.JUDGING)
    phase.ends_at = timezone.now() + dt.timedelta(days=3)
    phase.save(update_fields=["ends_at"])


def test_decision_page_counts_reviews_and_names_missing(
    client, edition, partly, secretariat, chair, judge, third
):
    log_in(client, secretariat)
    page = client.get(_url(edition)).content.decode()
    assert "ได้รับผลการประเมินแล้ว 1 จาก 3 รายการที่มอบหมาย" in page
    missing = re.search(r"ยังไม่ได้ส่ง:.*?</table>", page, re.S).group(0)
    rows = re.findall(r"<tr><td>(.*?)</td><td>(.*?)</td><td>(.*?)</td></tr>", missing)
    assert rows == [
        (
            judge.user.full_name,
            partly["B"].reference,
            partly["B"].registration.local_government.full_name_th,
        ),
        (
            third.user.full_name,
            partly["C"].reference,
            partly["C"].registration.local_government.full_name_th,
        ),
    ]


def test_decision_page_offers_only_fully_scored_applications(client, edition, partly, secretariat):
    log_in(client, secretariat)
    page = client.get(_url(edition)).content.decode()
    only_a = [(str(partly["A"].pk), True)]
    assert _options(page, "winner_1") == only_a
    assert _options(page, "honourable_1") == [(str(partly["A"].pk), False)]
    assert _options(page, "honourable_2") == [(str(partly["A"].pk), False)]
    assert 'name="override_reason"' not in page
    # The secretariat cannot ask for the chair's override: the same offer.
    page = client.get(_url(edition) + "?override=1").content.decode()
    assert _options(page, "winner_1") == only_a
    assert 'name="override_reason"' not in page


def test_decision_page_chair_override_before_judging_ends_not_offered(
    client, edition, partly, chair
):
    _judging_ends_in_future(edition)
    log_in(client, chair.user)
    page = client.get(_url(edition) + "?override=1").content.decode()
    assert 'href="?override=1"' not in page
    assert 'name="override_reason"' not in page
    assert _options(page, "winner_1") == [(str(partly["A"].pk), True)]


def test_decision_page_chair_override_after_judging_offers_all(client, edition, partly, chair):
    log_in(client, chair.user)
    page = client.get(_url(edition)).content.decode()
    assert 'href="?override=1"' in page
    page = client.get(_url(edition) + "?override=1").content.decode()
    assert 'name="override_reason"' in page
    # Every application is offered; still only the fully scored one is pre-selected.
    assert _options(page, "winner_1") == [
        (str(partly["A"].pk), True),
        (str(partly["B"].pk), False),
        (str(partly["C"].pk), False),
    ]
    assert [selected for _, selected in _options(page, "honourable_1")] == [False] * 3


def test_record_view_reviews_missing_refused_in_thai(
    client, edition, youth, partly, secretariat, chair
):
    log_in(client, secretariat)
    response = client.post(
        _url(edition, "record/"), {"winner_1": partly["A"].pk, "chair_approved": "on"}
    )
    assert response.status_code == 400
    assert "ผลการประเมินยังไม่ครบ: กรรมการส่งแล้ว 1 จาก 3 รายการ" in response.content.decode()
    assert services.decision_for(edition, youth).status == DecisionStatus.DRAFT


def test_record_view_unscored_application_not_a_valid_choice(
    client, edition, youth, partly, secretariat, chair
):
    log_in(client, secretariat)
    response = client.post(
        _url(edition, "record/"), {"winner_1": partly["C"].pk, "chair_approved": "on"}
    )
    assert response.status_code == 400
    assert services.decision_for(edition, youth).status == DecisionStatus.DRAFT


def test_record_view_chair_override_with_reason_records(client, edition, youth, partly, chair):
    log_in(client, chair.user)
    response = client.post(
        _url(edition, "record/"),
        {"winner_1": partly["B"].pk, "override": "True", "override_reason": REASON},
    )
    assert response.status_code == 302
    decision = services.decision_for(edition, youth)
    assert decision.status == DecisionStatus.RECORDED
    assert list(decision.placings.values_list("application", flat=True)) == [partly["B"].pk]
    entry = AuditEntry.objects.get(action="results.decision_recorded_with_reviews_missing")
    assert entry.summary == REASON


def test_record_view_chair_override_without_reason_refused(client, edition, youth, partly, chair):
    log_in(client, chair.user)
    response = client.post(
        _url(edition, "record/"),
        {"winner_1": partly["A"].pk, "override": "True", "override_reason": " "},
    )
    assert response.status_code == 400
    assert "โปรดระบุเหตุผลที่บันทึกมติทั้งที่ผลการประเมินยังไม่ครบ" in response.content.decode()
    assert services.decision_for(edition, youth).status == DecisionStatus.DRAFT


def test_edition_page_counts_reviews_per_category(client, edition, partly, secretariat):
    log_in(client, secretariat)
    page = client.get(f"/results/manage/{edition.number}/").content.decode()
    youth = re.search(r"<tr>\s*<td>เมืองสำหรับเด็กและเยาวชน</td>.*?</tr>", page, re.S).group(0)
    assert "1 จาก 3" in youth
    assert "ขาด 2 รายการ" in youth
