"""Forms of the applicant's registration step; the rules themselves live in services.py."""

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

from learningcity.accounts.enums import OrganisationKind
from learningcity.accounts.forms import TelInput, phone_validator
from learningcity.accounts.models import Organisation
from learningcity.editions.models import Edition
from learningcity.registry.models import LocalGovernment

from .models import Registration
from .services import RepresentativeDetails

REPRESENTATIVE_SLOTS = (1, 2)
REPRESENTATIVE_PARTS = ("full_name", "position", "phone", "email")
DEFAULT_POPULATION_SOURCE = "ทะเบียนราษฎร กรมการปกครอง"
dla_code_validator = RegexValidator(r"^\d{7}$", _("A DLA code has 7 digits."))


class OrganisationForm(forms.Form):
    """A new organisation that leads an area's entry: a local government itself, or another
    organisation linked to the local government whose head certifies."""

    kind = forms.ChoiceField(
        label=_("The organisation that leads the entry is"),
        choices=OrganisationKind.choices,
        initial=OrganisationKind.LOCAL_GOVERNMENT,
        widget=forms.RadioSelect,
    )
    name = forms.CharField(
        label=_("Name of the organisation"),
        max_length=200,
        required=False,
        help_text=_("Only for an organisation that is not the local government itself."),
    )
    dla_code = forms.CharField(
        label=_("Local government of the area"),
        max_length=7,
        validators=[dla_code_validator],
        error_messages={"required": _("Search for the local government and choose it.")},
    )

    def clean_dla_code(self) -> LocalGovernment:
        local_government = (
            LocalGovernment.objects.select_related("province")
            .filter(dla_code=self.cleaned_data["dla_code"])
            .first()
        )
        if local_government is None:
            raise ValidationError(_("No local government has this DLA code."), code="unknown")
        return local_government

    def clean(self) -> dict:
        cleaned = super().clean()
        if cleaned.get("kind") == OrganisationKind.OTHER and not cleaned.get("name", "").strip():
            self.add_error("name", _("Enter the name of the organisation."))
        return cleaned


class RegistrationForm(forms.Form):
    """What an applicant types to register an area; ``organisation`` only when registering."""

    organisation = forms.ModelChoiceField(
        label=_("Organisation that leads the entry"),
        queryset=Organisation.objects.none(),
        widget=forms.RadioSelect,
        empty_label=None,
    )
    category = forms.ModelChoiceField(
        label=_("Award category (choose one)"),
        queryset=None,
        widget=forms.RadioSelect,
        empty_label=None,
    )
    population = forms.IntegerField(
        label=_("Population of the area"),
        min_value=0,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    population_source = forms.CharField(
        label=_("Source of the population figure"),
        max_length=200,
        initial=DEFAULT_POPULATION_SOURCE,
    )
    population_year_be = forms.IntegerField(
        label=_("Year of the figure (B.E.)"), min_value=2500, max_value=2700
    )
    head_name = forms.CharField(label=_("Name of the head of the local government"), max_length=150)
    head_position = forms.CharField(
        label=_("Position of the head"),
        max_length=150,
        help_text=_("e.g. นายกองค์การบริหารส่วนตำบล or นายกเทศมนตรีตำบล"),
    )
    coordinator_name = forms.CharField(label=_("Coordinator's name"), max_length=150)
    coordinator_phone = forms.CharField(
        label=_("Coordinator's phone"), max_length=32, validators=[phone_validator], widget=TelInput
    )
    coordinator_email = forms.EmailField(label=_("Coordinator's e-mail"), max_length=254)

    def __init__(self, *args, edition: Edition, organisations=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.edition = edition
        self.fields["category"].queryset = edition.categories.order_by("order")
        if organisations is None:
            del self.fields["organisation"]
        else:
            self.fields["organisation"].queryset = organisations
        self.fields["population_year_be"].initial = edition.year_be - 1
        labels = {
            "full_name": _("Full name"),
            "position": _("Position"),
            "phone": _("Phone"),
            "email": _("E-mail"),
        }
        for slot in REPRESENTATIVE_SLOTS:
            for part in REPRESENTATIVE_PARTS:
                field_class = forms.EmailField if part == "email" else forms.CharField
                extra = (
                    {"validators": [phone_validator], "widget": TelInput} if part == "phone" else {}
                )
                self.fields[f"rep{slot}_{part}"] = field_class(
                    label=labels[part], max_length=150, required=False, **extra
                )

    def representative_fields(self, slot: int) -> list:
        return [self[f"rep{slot}_{part}"] for part in REPRESENTATIVE_PARTS]

    @property
    def representative_slots(self) -> list[tuple[int, list]]:
        return [(slot, self.representative_fields(slot)) for slot in REPRESENTATIVE_SLOTS]

    def clean(self) -> dict:
        cleaned = super().clean()
        for slot in REPRESENTATIVE_SLOTS:
            if not cleaned.get(f"rep{slot}_full_name", "").strip():
                continue
            for part in REPRESENTATIVE_PARTS[1:]:
                name = f"rep{slot}_{part}"
                if name not in self.errors and not cleaned.get(name, "").strip():
                    self.add_error(name, _("Enter this for every representative you name."))
        return cleaned

    def representatives(self) -> list[RepresentativeDetails]:
        return [
            RepresentativeDetails(
                **{
                    part: self.cleaned_data.get(f"rep{slot}_{part}", "")
                    for part in REPRESENTATIVE_PARTS
                }
            )
            for slot in REPRESENTATIVE_SLOTS
        ]

    def registration_details(self) -> dict:
        """The keyword arguments the registration services take."""
        names = [
            "category",
            "population",
            "population_source",
            "population_year_be",
            "head_name",
            "head_position",
            "coordinator_name",
            "coordinator_phone",
            "coordinator_email",
        ]
        return {
            **{name: self.cleaned_data[name] for name in names},
            "representatives": self.representatives(),
        }

    def add_service_errors(self, error: ValidationError) -> None:
        """Show a service's refusal next to its field, and at the top when no field fits."""
        if not hasattr(error, "error_dict"):
            self.add_error(None, error)
            return
        for name, errors in error.error_dict.items():
            if any(item.code == "duplicate" for item in errors):
                # About the area, not the category chosen: said once, in the summary at the top.
                self.add_error(NON_FIELD_ERRORS, errors)
                continue
            field = name
            if name == "representatives":
                field = (
                    "rep2_full_name"
                    if self.cleaned_data.get("rep1_full_name")
                    else "rep1_full_name"
                )
            self.add_error(field if field in self.fields else NON_FIELD_ERRORS, errors)
            if field != name:
                self.add_error(NON_FIELD_ERRORS, errors)

    @classmethod
    def initial_from(cls, registration: Registration) -> dict:
        initial = {
            "category": registration.category_id,
            "population": registration.population,
            "population_source": registration.population_source,
            "population_year_be": registration.population_year_be,
            "head_name": registration.head_name,
            "head_position": registration.head_position,
            "coordinator_name": registration.coordinator_name,
            "coordinator_phone": registration.coordinator_phone,
            "coordinator_email": registration.coordinator_email,
        }
        for representative in registration.representatives.all():
            for part in REPRESENTATIVE_PARTS:
                initial[f"rep{representative.slot}_{part}"] = getattr(representative, part)
        return initial


class InvitationForm(forms.Form):
    email = forms.EmailField(
        label=_("Co-worker's e-mail"),
        max_length=254,
        help_text=_("We send a link that lets them join this organisation; it works for 7 days."),
    )
