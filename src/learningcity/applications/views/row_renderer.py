"""A form renderer for the application page that writes Django's stock widgets (text, number,
e-mail, URL, check box, hidden, text area, select), the Thai date widget and empty error lists
directly in Python instead of through their templates.

The page holds some 120 row fields; rendering each widget and each (empty) error list through
the template engine was about half of the page's CPU. The output is byte for byte what the
templates give (tests/applications/test_application_page.py compares them); any other template (a
non-empty error list, a widget not listed here) goes to Django's renderer unchanged.
"""

from django import forms
from django.forms.renderers import DjangoTemplates
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe

WIDGETS = "django/forms/widgets/"
# Each of these templates is `{% include "django/forms/widgets/input.html" %}` and a newline.
INPUT_TEMPLATES = frozenset(
    f"{WIDGETS}{name}.html" for name in ("text", "number", "email", "url", "checkbox", "hidden")
)
TEXTAREA = f"{WIDGETS}textarea.html"
SELECT = f"{WIDGETS}select.html"
SELECT_OPTION = f"{WIDGETS}select_option.html"
THAI_DATE = "thai/widgets/date.html"
ERROR_LISTS = frozenset(
    ("django/forms/errors/list/default.html", "django/forms/errors/list/ul.html")
)


def _attrs(attrs: dict) -> str:
    # attrs.html: False leaves the attribute out, True writes its bare name.
    return "".join(
        f" {name}" if value is True else f' {name}="{conditional_escape(value)}"'
        for name, value in attrs.items()
        if value is not False
    )


def _input(widget: dict) -> str:
    value = widget["value"]
    shown = "" if value is None else f' value="{conditional_escape(value)}"'
    return (
        f'<input type="{conditional_escape(widget["type"])}" '
        f'name="{conditional_escape(widget["name"])}"{shown}{_attrs(widget["attrs"])}>\n\n'
    )


def _textarea(widget: dict) -> str:
    value = conditional_escape(widget["value"]) if widget["value"] else ""
    return (
        f'<textarea name="{conditional_escape(widget["name"])}"{_attrs(widget["attrs"])}>\n'
        f"{value}</textarea>\n"
    )


def _option(option: dict) -> str | None:
    if option["template_name"] != SELECT_OPTION:
        return None
    return (
        f'<option value="{conditional_escape(option["value"])}"{_attrs(option["attrs"])}>'
        f"{conditional_escape(option['label'])}</option>\n"
    )


def _select(widget: dict) -> str | None:
    parts = [f'<select name="{conditional_escape(widget["name"])}"{_attrs(widget["attrs"])}>']
    for group_name, options, _index in widget["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{conditional_escape(group_name)}">')
        for option in options:
            html = _option(option)
            if html is None:
                return None
            parts.append(f"\n  {html}")
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>\n")
    return "".join(parts)


def _thai_date(widget: dict) -> str | None:
    subwidgets = widget["subwidgets"]
    modifier = " thai-date--time" if len(subwidgets) > 3 else ""
    parts = [f'<span class="thai-date{modifier}">']
    for sub in subwidgets:
        html = _raw(sub)
        if html is None:
            return None
        part = conditional_escape(sub["part"])
        parts.append(
            f'\n  <label class="thai-date__part thai-date__part--{part}">'
            f'<span class="thai-date__caption">{conditional_escape(sub["caption"])}</span>'
            f"{html}</label>"
        )
    parts.append("\n</span>\n")
    return "".join(parts)


def _raw(widget: dict) -> str | None:
    """What the widget's template writes (before the renderer strips it), or None for a
    template not written here."""
    template_name = widget["template_name"]
    if template_name in INPUT_TEMPLATES:
        return _input(widget)
    if template_name == TEXTAREA:
        return _textarea(widget)
    if template_name == SELECT:
        return _select(widget)
    if template_name == THAI_DATE:
        return _thai_date(widget)
    return None


class RowFormRenderer(DjangoTemplates):
    """Django's renderer, with the widgets above and empty error lists written directly."""

    def render(self, template_name, context, request=None):
        if template_name in ERROR_LISTS and not context.get("errors"):
            return ""
        widget = context.get("widget")
        if widget is not None and widget.get("template_name") == template_name:
            html = _raw(widget)
            if html is not None:
                return html.strip()
        return super().render(template_name, context, request=request)


ROW_FORM_RENDERER = RowFormRenderer()


def cells_html(form: forms.Form) -> SafeString:
    """A row form's table cells, as the page's template writes them for a section saved
    through htmx: a hidden label, the widget and its errors per field."""
    return mark_safe(  # noqa: S308 - every value is escaped or already safe HTML
        "".join(
            f'<td><label class="visually-hidden" for="{conditional_escape(field.id_for_label)}">'
            f"{conditional_escape(field.label)}</label>{field}{field.errors}</td>"
            for field in form
        )
    )
