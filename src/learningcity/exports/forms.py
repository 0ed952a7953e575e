from django import forms
from django.utils.translation import gettext_lazy as _

from learningcity.editions.models import Edition

from .enums import ExportFormat, ExportKind


class ExportForm(forms.Form):
    edition = forms.ModelChoiceField(Edition.objects.all(), label=_("Edition"), empty_label=None)
    kind = forms.ChoiceField(choices=ExportKind.choices, label=_("Export"))
    format = forms.ChoiceField(
        choices=ExportFormat.choices, label=_("Format"), initial=ExportFormat.XLSX
    )
