from django import forms
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from .models import Province

# Type-ahead with htmx: the same view answers with only the results when htmx asks.
_HTMX = {
    "hx-get": reverse_lazy("registry:search"),
    "hx-target": "#registry-results",
    "hx-include": "closest form",
    "hx-indicator": "#registry-indicator",
    "hx-push-url": "true",
    "hx-sync": "closest form:replace",
}


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Name of the local government"),
        required=False,
        max_length=100,
        widget=forms.TextInput(
            attrs={
                "type": "search",
                "autocomplete": "off",
                "spellcheck": "false",
                "placeholder": _("e.g. คลองท่อมใต้ or ทต.คลองท่อมใต้"),
                "hx-trigger": "input changed delay:300ms, search",
                **_HTMX,
            }
        ),
    )
    province = forms.ModelChoiceField(
        label=_("Province"),
        queryset=Province.objects.order_by("thai_order"),
        to_field_name="code",
        required=False,
        empty_label=_("All provinces"),
        widget=forms.Select(attrs={"hx-trigger": "change", **_HTMX}),
    )
