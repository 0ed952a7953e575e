import pytest

from learningcity.events import services
from learningcity.events.enums import AttendanceMethod
from learningcity.events.models import Attendance
from tests.events.factories import TrainingSessionFactory, area, secretariat
from tests.factories import EditionFactory, bangkok

pytestmark = pytest.mark.django_db


@pytest.fixture
def session():
    return TrainingSessionFactory()


def csv_of(*lines: str) -> bytes:
    return ("\n".join(lines) + "\n").encode("utf-8-sig")


def test_import_records_every_line_with_its_time(session):
    first, second = area(session.edition).representatives.order_by("slot")
    content = csv_of(
        "representative_id,full_name,checked_in_at",
        f"{first.pk},ก,2569-06-19 09:30",
        f"{second.pk},ข,",
    )
    result = services.import_attendance(session, secretariat(), content)
    assert result == services.ImportResult(recorded=2, already=0)
    times = dict(Attendance.objects.values_list("representative_id", "checked_in_at"))
    assert times == {first.pk: bangkok(2026, 6, 19, 9, 30), second.pk: session.starts_at}
    assert set(Attendance.objects.values_list("method", flat=True)) == {AttendanceMethod.CSV}


def test_import_again_records_nothing_twice(session):
    first, second = area(session.edition).representatives.order_by("slot")
    content = csv_of("representative_id", str(first.pk), str(second.pk))
    actor = secretariat()
    services.import_attendance(session, actor, content)
    again = services.import_attendance(session, actor, content)
    assert again == services.ImportResult(recorded=0, already=2)
    assert Attendance.objects.count() == 2


def test_import_with_one_bad_line_records_nothing(session):
    first, second = area(session.edition).representatives.order_by("slot")
    stranger = area(EditionFactory()).representatives.first()
    content = csv_of(
        "representative_id,checked_in_at",
        str(first.pk),
        "abc",
        str(stranger.pk),
        f"{second.pk},เมื่อวาน",
        str(first.pk),
    )
    with pytest.raises(services.AttendanceImportError) as refused:
        services.import_attendance(session, secretariat(), content)
    assert refused.value.errors == [
        "บรรทัดที่ 3: “abc” ไม่ใช่รหัสตัวแทน",
        f"บรรทัดที่ 4: ไม่มีตัวแทนรหัส {stranger.pk} ในรุ่นการประกวดนี้",
        "บรรทัดที่ 5: “เมื่อวาน” ไม่ใช่เวลาในรูปแบบ 2569-06-19 09:30",
        f"บรรทัดที่ 6: ตัวแทนรหัส {first.pk} อยู่ในบรรทัดที่ 2 แล้ว",
    ]
    assert Attendance.objects.count() == 0


def test_import_without_the_id_column_is_refused(session):
    with pytest.raises(services.AttendanceImportError) as refused:
        services.import_attendance(session, secretariat(), csv_of("name", "สมชาย"))
    assert refused.value.errors == ["บรรทัดที่ 1: หัวตารางต้องมีคอลัมน์ “representative_id”"]


def test_import_reads_thai_windows_encoding_and_thai_header(session):
    representative = area(session.edition).representatives.first()
    content = f"รหัสตัวแทน,ชื่อ\n{representative.pk},สมชาย\n".encode("cp874")
    result = services.import_attendance(session, secretariat(), content)
    assert result.recorded == 1


def test_expected_csv_lists_representatives_and_neutralises_formulas(session):
    registration = area(session.edition)
    registration.representatives.filter(slot=1).update(full_name="=HYPERLINK(1)")
    text = services.expected_csv(session)
    lines = text.lstrip("\ufeff").splitlines()
    assert lines[0] == "representative_id,full_name,area,province,checked_in_at"
    assert len(lines) == 3
    assert "'=HYPERLINK(1)" in lines[1]
