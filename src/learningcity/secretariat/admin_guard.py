"""Edition forms checked by ``guard_edition_change`` before anything is saved: used by the
secretariat's edition workspace (``edition_forms``) and by Django's admin for superusers."""

from django import forms
from django.forms.models import BaseInlineFormSet

from learningcity.editions.models import Edition

from .services.editions import guard_edition_change


class GuardedEditionForm(forms.ModelForm):
    class Meta:
        model = Edition
        fields = "__all__"  # noqa: DJ007 — the admin chooses the fields it shows

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk is not None:
            guard_edition_change(self.instance, self.changed_data)
        return cleaned


def _changes(formset: BaseInlineFormSet, collection: str) -> list[str]:
    names = []
    for form in formset.forms:
        deleted = bool(getattr(form, "cleaned_data", {}).get("DELETE"))
        if not (form.has_changed() or deleted):
            continue
        if collection == "phases":
            if form.instance.pk is None:
                continue  # a new phase changes no date applicants relied on
            if deleted or {"starts_at", "ends_at", "kind"} & set(form.changed_data):
                names.append(f"phases.{form.initial.get('kind')}")
        else:
            names.append(f"{collection}.{','.join(form.changed_data) or 'deleted'}")
    return names


def guarded(base: type[BaseInlineFormSet], collection: str) -> type[BaseInlineFormSet]:
    """``base`` whose clean() also refuses changes the guard forbids for ``collection``."""

    def clean(self):
        base.clean(self)
        if any(self.errors) or self.instance.pk is None:
            return
        guard_edition_change(self.instance, _changes(self, collection))

    return type(f"Guarded{base.__name__}", (base,), {"clean": clean})
