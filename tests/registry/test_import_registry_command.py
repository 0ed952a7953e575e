from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from learningcity.registry.models import LocalGovernment

ROWS = (
    "5810401,subdistrict_municipality,คลองท่อมใต้,81,คลองท่อม,7.952981685,99.15039092,2.7",
    "6810408,subdistrict_admin_org,คลองท่อมใต้,81,คลองท่อม,7.944773,99.152228,0",
)


def run(*args, **options):
    out = StringIO()
    call_command("import_registry", *args, stdout=out, **options)
    return out.getvalue()


@pytest.mark.django_db
def test_import_registry_command_prints_summary(write_csv):
    output = run("--path", str(write_csv(*ROWS)))

    assert output.splitlines() == [
        "นำเข้าทะเบียนแล้ว: องค์กรปกครองส่วนท้องถิ่น 2 แห่ง (เพิ่มใหม่ 2 แก้ไข 0 ไม่เปลี่ยนแปลง 0) "
        "จังหวัด 77 จังหวัด อำเภอ 928 อำเภอ",
        "อำเภอที่จับคู่กับ geothai ไม่ได้: 0 แห่ง (จับคู่ได้ 100.0%)",
        "พิกัดหรือพื้นที่ในไฟล์ที่เป็นไปไม่ได้ 1 ค่า ถูกบันทึกเป็น “ไม่ทราบ”",
    ]
    assert LocalGovernment.objects.count() == 2


@pytest.mark.django_db
def test_import_registry_command_second_run_does_nothing(write_csv):
    path = str(write_csv(*ROWS))
    run("--path", path)

    output = run("--path", path)

    assert output == "ทะเบียนเป็นปัจจุบันแล้ว: องค์กรปกครองส่วนท้องถิ่น 2 แห่ง ไม่มีอะไรต้องนำเข้า\n"


@pytest.mark.django_db
def test_import_registry_command_force_compares_again(write_csv):
    path = str(write_csv(*ROWS))
    run("--path", path)

    output = run("--path", path, "--force")

    assert output.splitlines()[0] == (
        "นำเข้าทะเบียนแล้ว: องค์กรปกครองส่วนท้องถิ่น 2 แห่ง (เพิ่มใหม่ 0 แก้ไข 0 ไม่เปลี่ยนแปลง 2) "
        "จังหวัด 77 จังหวัด อำเภอ 928 อำเภอ"
    )


@pytest.mark.django_db
def test_import_registry_command_verbosity_zero_is_silent(write_csv):
    assert run("--path", str(write_csv(*ROWS)), verbosity=0) == ""


@pytest.mark.django_db
def test_import_registry_command_bad_file_fails_with_line(write_csv):
    path = str(write_csv(*ROWS, "6810409,county,คลองท่อมเหนือ,81,คลองท่อม,,,"))

    with pytest.raises(CommandError) as raised:
        run("--path", path)

    assert str(raised.value) == "บรรทัดที่ 4: ไม่รู้จักประเภท “county”"
    assert LocalGovernment.objects.count() == 0


@pytest.mark.django_db
def test_import_registry_command_missing_file_fails(tmp_path):
    with pytest.raises(CommandError):
        run("--path", str(tmp_path / "missing.csv"))
