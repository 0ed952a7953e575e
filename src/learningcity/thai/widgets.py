"""A file input labelled in Thai: the browser's own button and status ("Choose File / No file
chosen") follow the browser's language, not the page's. The native input stays in the page
(keyboard and forms work without JavaScript); a label styled as a button opens it, and
static/js/site.js writes the chosen file's name into the status."""

from django import forms


class ThaiFileInput(forms.FileInput):
    template_name = "thai/widgets/file.html"

    def __init__(self, attrs=None):
        attrs = dict(attrs or {})
        attrs["class"] = f"file-pick__input {attrs.get('class', '')}".strip()
        super().__init__(attrs)
