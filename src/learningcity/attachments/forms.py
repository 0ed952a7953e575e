from django import forms
from django.utils.translation import gettext_lazy as _

from learningcity.editions.enums import DocumentKind
from learningcity.editions.models import Criterion


class SlotForm(forms.Form):
    """What one slot's form sends: a new file (optional when only the caption changes)."""

    kind = forms.ChoiceField(choices=DocumentKind.choices)
    slot = forms.IntegerField(min_value=1, max_value=100)
    file = forms.FileField(label=_("File"), required=False)
    caption = forms.CharField(label=_("Caption"), required=False, max_length=500)
    criteria = forms.ModelMultipleChoiceField(
        label=_("Evidence for criteria"), queryset=Criterion.objects.none(), required=False
    )

    def __init__(self, *args, edition, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["criteria"].queryset = edition.criteria.all()


class ConversionForm(forms.Form):
    mode = forms.ChoiceField(choices=[("fit", "fit"), ("crop", "crop"), ("cancel", "cancel")])
