"""The audit log read as sentences: who did what to which object, when, with values in Thai.

Action codes map to sentence templates; an unknown code still reads as a sentence (it names the
code). Object types are named by their model's Thai name; values are shown the way the rest of
the platform shows them: booleans ใช่/ไม่ใช่, dates and times in the Buddhist era, Bangkok time.
"""

import datetime as dt
import json
import re
from dataclasses import dataclass

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from learningcity.audit.models import AuditEntry
from learningcity.thai.formatting import format_date, format_datetime

# "%(object)s" is the object's Thai name and number, e.g. "ใบสมัคร #15".
SENTENCES = {
    "account.email_changed": gettext_lazy("changed the e-mail address of %(object)s"),
    "account.email_verified": gettext_lazy("verified the e-mail address of %(object)s"),
    "account.second_factor_enrolled": gettext_lazy("set up the second factor of %(object)s"),
    "account.second_factor_replaced": gettext_lazy("replaced the second factor of %(object)s"),
    "account.signed_up": gettext_lazy("signed up as %(object)s"),
    "answer.saved": gettext_lazy("saved an answer of %(object)s"),
    "application.certified": gettext_lazy("certified %(object)s"),
    "application.deadline_extended": gettext_lazy("extended the deadline of %(object)s"),
    "application.status_changed": gettext_lazy("changed the status of %(object)s"),
    "attachment.caption": gettext_lazy("changed the caption of %(object)s"),
    "attachment.criteria": gettext_lazy("changed the criteria of %(object)s"),
    "attachment.replaced": gettext_lazy("replaced %(object)s"),
    "attachment.stored": gettext_lazy("uploaded %(object)s"),
    "consent.given": gettext_lazy("recorded %(object)s"),
    "edition.changed": gettext_lazy("changed %(object)s"),
    "edition.copied": gettext_lazy("created %(object)s as a copy"),
    "edition.opened": gettext_lazy("opened %(object)s to the public"),
    "edition.settings.changed": gettext_lazy("changed the settings of %(object)s"),
    "edition.withdrawn": gettext_lazy("withdrew %(object)s from the public"),
    "erasure.decided": gettext_lazy("decided on %(object)s"),
    "export.requested": gettext_lazy("requested %(object)s"),
    "invitation.accepted": gettext_lazy("accepted %(object)s"),
    "invitation.sent": gettext_lazy("sent %(object)s"),
    "judging.assigned": gettext_lazy("assigned a judge in %(object)s"),
    "judging.chair_set": gettext_lazy("set the chair of %(object)s"),
    "judging.conflict_declared": gettext_lazy("declared a conflict of interest in %(object)s"),
    "judging.overall_comment": gettext_lazy("wrote the overall comment of %(object)s"),
    "judging.reminder_sent": gettext_lazy("sent a reminder to %(object)s"),
    "judging.review_status": gettext_lazy("changed the status of %(object)s"),
    "judging.score_saved": gettext_lazy("saved a score in %(object)s"),
    "judging.unassigned": gettext_lazy("removed a judge from %(object)s"),
    "notice.queued": gettext_lazy("queued %(object)s for sending"),
    "notice_template.saved": gettext_lazy("saved %(object)s"),
    "organisation.created": gettext_lazy("created %(object)s"),
    "presentation.allocated": gettext_lazy("allocated the presentation slots of %(object)s"),
    "presentation.change_decided": gettext_lazy("decided on a slot change in %(object)s"),
    "presentation.change_requested": gettext_lazy("asked for a slot change in %(object)s"),
    "presentation.slot_added": gettext_lazy("added %(object)s"),
    "prize.status_changed": gettext_lazy("changed the delivery status of %(object)s"),
    "prize.winner_added": gettext_lazy("added a winner to %(object)s"),
    "registration.created": gettext_lazy("registered %(object)s"),
    "registration.status_changed": gettext_lazy("changed the status of %(object)s"),
    "registration.updated": gettext_lazy("updated %(object)s"),
    "results.decision_recorded_with_reviews_missing": gettext_lazy(
        "recorded %(object)s while reviews were missing"
    ),
    "results.decision_recorded": gettext_lazy("recorded the committee's decision in %(object)s"),
    "results.decision_published": gettext_lazy("published the results of %(object)s"),
    "results.decision_reopened": gettext_lazy("reopened %(object)s for review"),
    "story.created": gettext_lazy("wrote %(object)s"),
    "story.changed": gettext_lazy("edited %(object)s"),
    "story.status_changed": gettext_lazy("changed the status of %(object)s"),
    "assessment.started": gettext_lazy("started %(object)s"),
    "assessment.completed": gettext_lazy("completed %(object)s"),
    "assessment.attached": gettext_lazy("attached %(object)s to an organisation"),
    "consent.withdrawn": gettext_lazy("withdrew %(object)s"),
    "erasure.requested": gettext_lazy("asked for %(object)s"),
    "privacy.data_exported": gettext_lazy("downloaded the personal data of %(object)s"),
    "retention.anonymised": gettext_lazy("anonymised the personal data of %(object)s"),
    "retention.confirmed": gettext_lazy("confirmed the retention of %(object)s"),
    "retention.set": gettext_lazy("set the retention date of %(object)s"),
    "training.check_in_undone": gettext_lazy("undid a check-in at %(object)s"),
    "training.checked_in": gettext_lazy("checked someone in at %(object)s"),
    "training.session_created": gettext_lazy("created %(object)s"),
    "training.waiver_recorded": gettext_lazy("recorded a training waiver for %(object)s"),
}


# Names of recorded values that are not a field of the object's model.
VALUE_NAMES = {
    "status": pgettext_lazy("audit value", "status"),
    "registration": pgettext_lazy("audit value", "registration"),
    "method": pgettext_lazy("audit value", "method"),
    "judge": pgettext_lazy("audit value", "judge"),
    "email": pgettext_lazy("audit value", "e-mail"),
    "version": pgettext_lazy("audit value", "version"),
    "subject": pgettext_lazy("audit value", "subject"),
    "starts_at": pgettext_lazy("audit value", "starts"),
    "ends_at": pgettext_lazy("audit value", "ends"),
    "session": pgettext_lazy("audit value", "session"),
    "rows": pgettext_lazy("audit value", "rows"),
    "role": pgettext_lazy("audit value", "role"),
    "representative": pgettext_lazy("audit value", "representative"),
    "reason": pgettext_lazy("audit value", "reason"),
    "purpose": pgettext_lazy("audit value", "purpose"),
    "points": pgettext_lazy("audit value", "points"),
    "kind": pgettext_lazy("audit value", "kind"),
    "deadline_override": pgettext_lazy("audit value", "own deadline"),
    "comment": pgettext_lazy("audit value", "comment"),
    "checked_in_at": pgettext_lazy("audit value", "checked in at"),
    "chair": pgettext_lazy("audit value", "chair"),
    "application": pgettext_lazy("audit value", "application"),
    "year_be": pgettext_lazy("audit value", "year (B.E.)"),
    "waiver": pgettext_lazy("audit value", "waiver"),
    "user": pgettext_lazy("audit value", "person"),
    "title": pgettext_lazy("audit value", "title"),
    "slot": pgettext_lazy("audit value", "slot"),
    "reference": pgettext_lazy("audit value", "reference"),
    "number": pgettext_lazy("audit value", "number"),
    "keep_until": pgettext_lazy("audit value", "keep until"),
    "organisation": pgettext_lazy("audit value", "organisation"),
    "local_government": pgettext_lazy("audit value", "local government"),
    "criteria": pgettext_lazy("audit value", "criteria"),
    "edition": pgettext_lazy("audit value", "edition"),
    "due": pgettext_lazy("audit value", "due"),
    "expected": pgettext_lazy("audit value", "expected"),
    "submitted": pgettext_lazy("audit value", "submitted"),
    "sha256": pgettext_lazy("audit value", "file fingerprint (SHA-256)"),
    "recipients": pgettext_lazy("audit value", "recipients"),
    "slots": pgettext_lazy("audit value", "slots"),
    "replaced": pgettext_lazy("audit value", "replaced"),
    "filters": pgettext_lazy("audit value", "recipients chosen by"),
    "votes": pgettext_lazy("audit value", "votes"),
    "target": pgettext_lazy("audit value", "target"),
    "prizes": pgettext_lazy("audit value", "prizes"),
    "copies": pgettext_lazy("audit value", "copies"),
    "format": pgettext_lazy("audit value", "format"),
    "by_hand": pgettext_lazy("audit value", "by hand"),
    "missing": pgettext_lazy("audit value", "missing"),
    "narrative": pgettext_lazy("audit value", "narrative"),
    "body": pgettext_lazy("audit value", "message"),
    "invitation": pgettext_lazy("audit value", "invitation"),
    "invited_by": pgettext_lazy("audit value", "invited by"),
    "membership": pgettext_lazy("audit value", "membership"),
    "head_name": pgettext_lazy("audit value", "name of the head"),
    "head_position": pgettext_lazy("audit value", "position of the head"),
    "evidence_confirmed": pgettext_lazy("audit value", "evidence confirmed"),
    "object": pgettext_lazy("audit value", "object"),
    "notice_version": pgettext_lazy("audit value", "notice version"),
    "overall": pgettext_lazy("audit value", "overall"),
    "area": pgettext_lazy("audit value", "area"),
    "demo": pgettext_lazy("audit value", "demo accounts only"),
    "assessment": pgettext_lazy("audit value", "self-assessment"),
    "changed": pgettext_lazy("audit value", "changed"),
    "created": pgettext_lazy("audit value", "created"),
    "started": pgettext_lazy("audit value", "started"),
    "remove_unpublished_material": pgettext_lazy(
        "audit value", "remove material without consent to publish"
    ),
}


@dataclass(frozen=True)
class Change:
    name: str
    before: str
    after: str


@dataclass(frozen=True)
class Sentence:
    who: str
    what: str
    changes: list[Change]
    raw: str


def _model(object_type: str):
    try:
        return apps.get_model(object_type)
    except (LookupError, ValueError):
        return None


def object_label(object_type: str, object_id: str) -> str:
    """The object's Thai name and number: "ใบสมัคร #15"."""
    model = _model(object_type)
    name = str(model._meta.verbose_name) if model else object_type
    return f"{name} #{object_id}"


def _field(model, name: str):
    if model is None:
        return None
    try:
        return model._meta.get_field(name)
    except FieldDoesNotExist:
        return None


OBJECT_REFERENCE = re.compile(r"([a-z_]+\.[a-z_]+):(\S+)")


def _name(key: str) -> str:
    """A recorded key in Thai: a known value name, else the plural name of a model so called
    (rows counted by kind, {"partner": 1}), else the key."""
    if key in VALUE_NAMES:
        return str(VALUE_NAMES[key])
    for config in apps.get_app_configs():
        if config.name.startswith("learningcity."):
            try:
                return str(config.get_model(key)._meta.verbose_name_plural)
            except LookupError:
                continue
    return key.replace("_", " ")


def value_text(value, field=None) -> str:
    """One value as a person reads it: ใช่/ไม่ใช่, B.E. dates, Bangkok times, choice labels."""
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if field is not None and getattr(field, "choices", None):
        labels = {str(key): label for key, label in field.flatchoices}
        if str(value) in labels:
            return str(labels[str(value)])
    if isinstance(value, str):
        moment = parse_datetime(value) if "T" in value or " " in value[:11] else None
        if moment is not None and len(value) >= 16:
            if timezone.is_naive(moment):  # stored times are UTC
                moment = moment.replace(tzinfo=dt.UTC)
            return format_datetime(moment)
        day = parse_date(value) if len(value) == 10 else None
        if day is not None:
            return format_date(day)
    if isinstance(value, dt.datetime):
        return format_datetime(value)
    if isinstance(value, dt.date):
        return format_date(value)
    if isinstance(value, list):
        return ", ".join(value_text(v) for v in value) or "—"
    if isinstance(value, dict):
        return ", ".join(f"{_name(k)}: {value_text(v)}" for k, v in value.items()) or "—"
    text = str(value)
    reference = OBJECT_REFERENCE.fullmatch(text)
    if reference:  # "applications.application:10", a reference to another object
        return object_label(*reference.groups())
    return text if len(text) <= 80 else text[:79] + "…"


def changes(entry: AuditEntry) -> list[Change]:
    model = _model(entry.object_type)
    before = entry.before if isinstance(entry.before, dict) else {}
    after = entry.after if isinstance(entry.after, dict) else {}
    rows = []
    for name in dict.fromkeys([*before, *after]):
        field = _field(model, name)
        if name in VALUE_NAMES:
            label = str(VALUE_NAMES[name])
        elif field is not None and field.verbose_name:
            label = str(field.verbose_name)
        else:
            label = name.replace("_", " ")
        rows.append(
            Change(
                label,
                value_text(before[name], field) if name in before else "",
                value_text(after.get(name), field),
            )
        )
    return rows


def sentence(entry: AuditEntry) -> Sentence:
    """``entry`` as a sentence: who, what to which object, and the changed values."""
    who = (entry.actor.full_name or entry.actor.email) if entry.actor_id else _("The system")
    label = object_label(entry.object_type, entry.object_id)
    template = SENTENCES.get(entry.action)
    if template is not None:
        what = str(template) % {"object": label}
    else:
        what = _("recorded “%(action)s” on %(object)s") % {
            "action": entry.action,
            "object": label,
        }
    raw = json.dumps(
        {
            "action": entry.action,
            "object": f"{entry.object_type}:{entry.object_id}",
            "at": entry.at.isoformat(),
            "before": entry.before,
            "after": entry.after,
        },
        ensure_ascii=False,
        indent=1,
        default=str,
    )
    return Sentence(who, what, changes(entry), raw)
