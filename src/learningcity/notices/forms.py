from django import forms
from django.utils.translation import gettext_lazy as _

from learningcity.applications.enums import RegistrationStatus
from learningcity.editions.models import AwardCategory, Edition
from learningcity.registry.models import Province

from .enums import Completeness
from .models import NoticeTemplate
from .recipients import registrations


class NoticeTemplateForm(forms.ModelForm):
    class Meta:
        model = NoticeTemplate
        fields = ["edition", "key", "name", "subject_th", "body_th"]
        widgets = {"body_th": forms.Textarea(attrs={"rows": 12})}


class RecipientsForm(forms.Form):
    """The notice to send and the areas it goes to."""

    template = forms.ModelChoiceField(NoticeTemplate.objects.all(), label=_("Template"))
    edition = forms.ModelChoiceField(Edition.objects.all(), label=_("Edition"))
    category = forms.ModelChoiceField(
        AwardCategory.objects.select_related("edition"),
        required=False,
        label=_("Category"),
        empty_label=_("Any category"),
    )
    province = forms.ModelChoiceField(
        Province.objects.all(), required=False, label=_("Province"), empty_label=_("Any province")
    )
    status = forms.ChoiceField(
        choices=[("", _("Any status")), *RegistrationStatus.choices],
        required=False,
        label=_("Registration status"),
    )
    completeness = forms.ChoiceField(
        choices=[("", _("Any")), *Completeness.choices],
        required=False,
        label=_("Application"),
    )
    preview_registration = forms.IntegerField(
        required=False, widget=forms.HiddenInput, label=_("Preview for")
    )

    def clean(self):
        data = super().clean()
        category, edition = data.get("category"), data.get("edition")
        if category is not None and edition is not None and category.edition_id != edition.pk:
            self.add_error("category", _("This category belongs to another edition."))
        return data

    def registrations(self):
        data = self.cleaned_data
        return registrations(
            data["edition"],
            category=data.get("category"),
            province=data.get("province"),
            status=data.get("status", ""),
            completeness=data.get("completeness", ""),
        )

    def filters(self) -> dict:
        data = self.cleaned_data
        return {
            "category": data["category"].code if data.get("category") else "",
            "province": data["province"].pk if data.get("province") else "",
            "status": data.get("status", ""),
            "completeness": data.get("completeness", ""),
        }
