"""What the secretariat changes in an edition from its workspace: each change passes the guard
of ``editions.guard_edition_change``, is saved in one transaction and is audited."""

import json
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.forms import BaseFormSet, ModelForm
from django.utils.translation import gettext as _

from learningcity.audit import services as audit
from learningcity.editions.loading import CHILD_FIELDS
from learningcity.editions.models import (
    AwardCategory,
    Contact,
    Criterion,
    Edition,
    Phase,
    Prize,
    RequiredDocument,
)
from learningcity.results.services import scores_locked

from .editions import guard_edition_change

COLLECTIONS = {
    "phases": Phase,
    "categories": AwardCategory,
    "criteria": Criterion,
    "documents": RequiredDocument,
    "prizes": Prize,
    "contacts": Contact,
}
PHASE_FIELDS = ("kind", "starts_at", "ends_at", "location_th", "note_th")
# The committee's settings: they steer the ranking and the decision, so they stay as they are
# once the committee has recorded a decision.
COMMITTEE_KEYS = (
    "awards_per_category",
    "honourable_mentions_per_category",
    "hide_other_scores_until_submitted",
    "tie_break",
    "disagreement_threshold",
    "feedback_to_applicants",
)
SIGNATORY_KEYS = ("signatories", "certificate_issuer_th")
CALL_TEXT_KEYS = ("eligibility_th", "one_category_rule_th", "learning_characteristics_th")


def _plain(value):
    """``value`` as the audit log stores it (JSON: dates as ISO text, decimals as text)."""
    return json.loads(json.dumps(value, cls=DjangoJSONEncoder))


def snapshot(edition: Edition, collection: str) -> list[dict]:
    model = COLLECTIONS[collection]
    names = PHASE_FIELDS if model is Phase else CHILD_FIELDS[model]
    return _plain(list(model.objects.filter(edition=edition).order_by("pk").values(*names)))


def save_details(form: ModelForm, *, actor) -> Edition:
    """Save the edition's own fields from a guarded form, with the texts of the call it keeps
    in its settings, all or nothing; audited with what changed."""
    if not form.is_valid():
        raise ValidationError(_("Correct the marked fields."), code="invalid")
    own = [name for name in form.changed_data if name in form._meta.fields]
    before = {name: form.initial.get(name) for name in own}
    with transaction.atomic():
        edition = form.save()
        if hasattr(form, "call_texts"):
            save_settings(edition, form.call_texts(), actor=actor)
        if own:
            audit.record(
                actor,
                "edition.changed",
                edition,
                before=_plain(before),
                after=_plain({name: getattr(edition, name) for name in own}),
                summary=", ".join(own),
            )
    return edition


def save_collection(edition: Edition, collection: str, formset: BaseFormSet, *, actor) -> bool:
    """Save one list of the edition (phases, categories, criteria, documents, prizes, contacts)
    when its formset accepts it — the rubric total and the guard included; audited."""
    if not formset.is_valid():
        return False
    with transaction.atomic():
        before = snapshot(edition, collection)
        formset.save()
        after = snapshot(edition, collection)
        if before != after:
            audit.record(
                actor,
                f"edition.{collection}.changed",
                edition,
                before={collection: before},
                after={collection: after},
                summary=collection,
            )
    return True


def _check_settings(edition: Edition, keys: Iterable[str]) -> None:
    keys = set(keys)
    if keys & set(COMMITTEE_KEYS) and scores_locked(edition):
        raise ValidationError(
            _(
                "The committee has recorded a decision in this edition: its settings stay as "
                "they were when it decided."
            ),
            code="decided",
        )
    guard_edition_change(edition, keys)


def save_settings(edition: Edition, values: dict, *, actor) -> Edition:
    """Merge ``values`` into the edition's settings (committee, signatories, texts of the call),
    refusing what the guard or a recorded decision forbids; audited with what changed."""
    with transaction.atomic():
        edition = Edition.objects.select_for_update().get(pk=edition.pk)
        current = edition.settings or {}
        changed = sorted(key for key, value in values.items() if current.get(key) != value)
        if not changed:
            return edition
        _check_settings(edition, changed)
        edition.settings = {**current, **values}
        edition.save(update_fields=["settings"])
        audit.record(
            actor,
            "edition.settings.changed",
            edition,
            before=_plain({key: current.get(key) for key in changed}),
            after=_plain({key: values[key] for key in changed}),
            summary=", ".join(changed),
        )
    return edition
