from django import forms
from django.utils.translation import gettext_lazy as _

from learningcity.applications.enums import RegistrationStatus
from learningcity.applications.models import Registration
from learningcity.editions.models import Edition
from learningcity.registry.enums import LocalGovernmentType
from learningcity.registry.models import Province
from learningcity.thai.fields import ThaiDateField

from .enums import Completeness, DeliveryStatus, Eligibility
from .services.audit_search import AuditQuery
from .services.lists import Filters

ANY = [("", _("Any"))]


class FilterForm(forms.Form):
    """The filters of the registrations and applications lists (GET)."""

    q = forms.CharField(label=_("Search by name or reference"), required=False, max_length=100)
    category = forms.TypedChoiceField(
        label=_("Category"), required=False, coerce=int, empty_value=None
    )
    province = forms.ChoiceField(label=_("Province"), required=False)
    lg_type = forms.ChoiceField(
        label=_("Type of local government"),
        required=False,
        choices=ANY + LocalGovernmentType.choices,
    )
    status = forms.ChoiceField(
        label=_("Registration status"), required=False, choices=ANY + RegistrationStatus.choices
    )
    completeness = forms.ChoiceField(
        label=_("Application"), required=False, choices=ANY + Completeness.choices
    )
    eligibility = forms.ChoiceField(
        label=_("Eligibility"), required=False, choices=ANY + Eligibility.choices
    )
    waiting = forms.IntegerField(required=False, min_value=0, widget=forms.HiddenInput)

    def __init__(self, *args, edition: Edition, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = ANY + [
            (c.pk, c.name_th) for c in edition.categories.order_by("order")
        ]
        self.fields["province"].choices = ANY + list(
            Province.objects.order_by("name_th").values_list("code", "name_th")
        )

    def filters(self) -> Filters:
        if not self.is_valid():
            return Filters()
        data = self.cleaned_data
        return Filters(
            q=data["q"].strip(),
            category=data["category"],
            province=data["province"],
            lg_type=data["lg_type"],
            status=data["status"],
            completeness=data["completeness"],
            eligibility=data["eligibility"],
            waiting=data["waiting"],
        )


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        choices=[("approve", _("Approve")), ("reject", _("Reject"))], widget=forms.HiddenInput
    )
    reason = forms.CharField(
        label=_("Reason (required to reject; sent to the organisation)"),
        required=False,
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class AuditSearchForm(forms.Form):
    who = forms.CharField(label=_("Who (name or e-mail)"), required=False, max_length=100)
    action = forms.CharField(
        label=_("Action"),
        required=False,
        max_length=64,
        widget=forms.TextInput(attrs={"list": "audit-actions"}),
    )
    object_type = forms.CharField(
        label=_("Object type"),
        required=False,
        max_length=64,
        widget=forms.TextInput(attrs={"list": "audit-types"}),
    )
    object_id = forms.CharField(label=_("Object id"), required=False, max_length=64)
    since = ThaiDateField(label=_("From (day)"), required=False)
    until = ThaiDateField(label=_("To (day)"), required=False)

    def query(self) -> AuditQuery:
        if not self.is_valid():
            return AuditQuery()
        data = self.cleaned_data
        return AuditQuery(
            who=data["who"].strip(),
            action=data["action"].strip(),
            object_type=data["object_type"].strip(),
            object_id=data["object_id"].strip(),
            since=data["since"],
            until=data["until"],
        )


class NextEditionForm(forms.Form):
    source = forms.ModelChoiceField(
        label=_("Copy from edition"), queryset=Edition.objects.order_by("-number")
    )
    number = forms.IntegerField(label=_("Number of the new edition"), min_value=1)
    year_be = forms.IntegerField(label=_("Year (B.E.)"), min_value=2500, max_value=2700)
    title_th = forms.CharField(label=_("Thai title"), max_length=200)
    title_en = forms.CharField(label=_("English title"), max_length=200)


class AddWinnerForm(forms.Form):
    registration = forms.ModelChoiceField(
        label=_("Winning area"), queryset=Registration.objects.none()
    )

    def __init__(self, *args, edition: Edition, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["registration"].queryset = (
            Registration.objects.filter(edition=edition, status=RegistrationStatus.APPROVED)
            .select_related("local_government")
            .order_by("local_government__full_name_th")
        )
        self.fields["registration"].label_from_instance = lambda r: r.local_government.full_name_th


class DeliveryForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=DeliveryStatus.choices)
    note = forms.CharField(label=_("Note"), required=False, max_length=300)
