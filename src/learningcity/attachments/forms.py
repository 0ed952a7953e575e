from django import forms
from django.utils.translation import gettext_lazy as _

from learningcity.editions.enums import DocumentKind
from learningcity.editions.models import Criterion


class SlotForm(forms.Form):
    """What one slot's form sends: a new file (optional when only the caption changes)."""

    kind = forms.ChoiceField(choices=DocumentKind.choices)
    slot = forms.IntegerField(min_value=1, max_value=100)
    # Empty files reach the checks, which say the file is empty (not "the form is incomplete").
    file = forms.FileField(label=_("File"), required=False, allow_empty_file=True)
    # The file the page showed in the slot (0: none): an upload made from an older view of
    # the slot is refused as a conflict rather than silently replacing someone's file.
    replaces = forms.IntegerField(required=False, min_value=0, max_value=2**63 - 1)
    caption = forms.CharField(label=_("Caption"), required=False, max_length=500)
    criteria = forms.ModelMultipleChoiceField(
        label=_("Evidence for criteria"), queryset=Criterion.objects.none(), required=False
    )

    def __init__(self, *args, edition, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["criteria"].queryset = edition.criteria.all()


class ConversionForm(forms.Form):
    mode = forms.ChoiceField(choices=[("fit", "fit"), ("crop", "crop"), ("cancel", "cancel")])
