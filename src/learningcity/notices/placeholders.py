"""Placeholders in notice templates, rendered safely.

A notice template is written by the secretariat, so it is parsed with Django's template engine
and then checked: only text and bare ``{{ name }}`` of a known placeholder are allowed — no tags,
no filters, no attribute lookups — and it is rendered with a context of plain strings only. A
template that passes the check can neither read nor call anything else.
"""

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template import Context, Engine, TemplateSyntaxError
from django.template.base import TextNode, VariableNode
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from learningcity.editions.enums import PhaseKind
from learningcity.thai.formatting import format_datetime

# Name → what it stands for, shown beside the template form.
PLACEHOLDERS: dict[str, str] = {
    "organisation": _("the organisation's name"),
    "area": _("the local government's full name"),
    "province": _("the province"),
    "category": _("the award category"),
    "edition": _("the edition's title"),
    "coordinator": _("the coordinator's name"),
    "reference": _("the application's reference number"),
    "deadline": _("the submission deadline (Buddhist-era date and time)"),
    "days_left": _("days left until the deadline"),
    "site_url": _("the platform's address"),
}

# No loaders and no libraries: {% include %}, {% extends %} and {% load %} cannot reach anything.
_ENGINE = Engine(loaders=[], libraries={}, debug=False, autoescape=True)


def _compile(text: str):
    try:
        template = _ENGINE.from_string(text)
    except TemplateSyntaxError as error:
        raise ValidationError(
            _("The template cannot be read: %(error)s"), params={"error": error}, code="syntax"
        ) from error
    unknown: list[str] = []
    for node in template.nodelist:
        if isinstance(node, TextNode):
            # A placeholder the engine did not recognise, e.g. "{{ area" without its "}}".
            if "{{" in node.s or "{%" in node.s or "}}" in node.s:
                unknown.append(node.s.strip()[:40])
            continue
        if isinstance(node, VariableNode):
            expression = node.filter_expression
            lookups = getattr(expression.var, "lookups", None)
            if (
                not expression.filters
                and lookups is not None
                and len(lookups) == 1
                and lookups[0] in PLACEHOLDERS
            ):
                continue
            unknown.append("{{ " + expression.token + " }}")
        else:
            unknown.append(node.token.contents if getattr(node, "token", None) else str(node))
    if unknown:
        raise ValidationError(
            _("Unknown placeholder: %(unknown)s. Use only: %(known)s."),
            params={
                "unknown": ", ".join(unknown),
                "known": ", ".join("{{ " + name + " }}" for name in PLACEHOLDERS),
            },
            code="unknown_placeholder",
        )
    return template


def validate_template_text(text: str) -> None:
    """A template may hold only text and known placeholders (a Thai error names the rest)."""
    _compile(text)


def render_text(text: str, context: dict[str, str], *, html: bool = False) -> str:
    """``text`` with its placeholders filled from ``context`` (strings only), escaped for HTML
    when ``html`` is set; a missing value renders as empty."""
    template = _compile(text)
    values = {name: str(context.get(name, "")) for name in PLACEHOLDERS}
    return template.render(Context(values, autoescape=html))


def context_for(registration, *, deadline: dt.datetime | None = None) -> dict[str, str]:
    """The placeholder values for one registered area."""
    application = getattr(registration, "application", None)
    if deadline is None:
        deadline = _deadline(registration, application)
    days_left = ""
    if deadline is not None:
        days_left = str(max((deadline - timezone.now()).days, 0))
    return {
        "organisation": registration.organisation.name,
        "area": registration.local_government.full_name_th,
        "province": registration.local_government.province.name_th,
        "category": registration.category.name_th,
        "edition": registration.edition.title_th,
        "coordinator": registration.coordinator_name,
        "reference": (application.reference or "") if application else "",
        "deadline": _thai_datetime(deadline),
        "days_left": days_left,
        "site_url": settings.SITE_URL,
    }


def _deadline(registration, application) -> dt.datetime | None:
    if application is not None and application.deadline_override:
        return application.deadline_override
    phase = registration.edition.phases.filter(kind=PhaseKind.SUBMISSION).first()
    return phase.ends_at if phase else None


def _thai_datetime(value: dt.datetime | None) -> str:
    with translation.override("th"):
        return format_datetime(value) if value else ""
