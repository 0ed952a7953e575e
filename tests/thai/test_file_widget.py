"""File inputs are labelled in the page's language, not the browser's ("Choose File")."""

from django import forms
from django.utils import translation

from learningcity.thai.widgets import ThaiFileInput


class _Form(forms.Form):
    file = forms.FileField(label="ไฟล์", widget=ThaiFileInput(attrs={"accept": ".csv"}))


def test_file_widget_renders_thai_button_and_status_for_the_native_input():
    with translation.override("th"):
        html = str(_Form(auto_id="id_%s")["file"])

    assert html == (
        '<span class="file-pick"><input type="file" name="file" accept=".csv"'
        ' class="file-pick__input" required id="id_file"><label for="id_file"'
        ' class="button button--small button--ghost file-pick__button">เลือกไฟล์</label>'
        ' <span class="file-pick__status" data-many="ไฟล์ที่เลือก:">ยังไม่ได้เลือกไฟล์</span>'
        "</span>"
    )


def test_file_widget_english_mode_is_english():
    with translation.override("en"):
        html = str(_Form(auto_id="id_%s")["file"])

    assert ">Choose a file</label>" in html
    assert ">No file chosen yet</span>" in html
