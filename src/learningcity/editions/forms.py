"""Formset rules every editor of an edition shares (the workspace and Django's admin)."""

from django.forms.models import BaseInlineFormSet

from .services import validate_rubric_points


class RubricFormSet(BaseInlineFormSet):
    """Refuses to save an edition whose criteria do not total exactly 100 points."""

    def clean(self):
        super().clean()
        if any(self.errors):
            return
        points = [
            form.cleaned_data["max_points"]
            for form in self.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]
        validate_rubric_points(points)
