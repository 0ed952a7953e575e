from django.core.management import call_command


def test_busy_page_thai_with_meta_refresh_and_no_script(tmp_path):
    page = tmp_path / "errors" / "busy.html"

    call_command("render_busy_page", str(page), "--retry-after", "7")

    html = page.read_text(encoding="utf-8")
    assert '<meta http-equiv="refresh" content="7">' in html
    assert "ขณะนี้มีผู้ใช้งานส่งข้อมูลพร้อมกันจำนวนมาก" in html
    assert "หน้านี้จะลองใหม่เองในอีก 7 วินาที" in html
    assert "<script" not in html
    assert "style=" not in html
