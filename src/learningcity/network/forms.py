from django import forms
from django.utils.translation import gettext_lazy as _

from learningcity.editions.models import AwardCategory, Edition
from learningcity.registry.models import Province

from .services import FILTERS

SDG_NUMBERS = range(1, 18)


class DirectoryFilterForm(forms.Form):
    """The directory's filters, shared by the page, the open data and the API."""

    province = forms.ChoiceField(label=_("Province"), required=False)
    category = forms.ChoiceField(label=_("Award category"), required=False)
    sdg = forms.TypedChoiceField(
        label=_("Sustainable Development Goal"), required=False, coerce=int, empty_value=None
    )
    edition = forms.TypedChoiceField(
        label=_("Edition"), required=False, coerce=int, empty_value=None
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        any_label = _("All")
        provinces = Province.objects.all()  # in Thai dictionary order
        self.fields["province"].choices = [("", any_label)] + [
            (p.code, p.name_th) for p in provinces
        ]
        codes = (
            AwardCategory.objects.filter(edition__is_published=True)
            .order_by("order")
            .values_list("code", "name_th")
        )
        seen: dict[str, str] = {}
        for code, name in codes:
            seen.setdefault(code, name)
        self.fields["category"].choices = [("", any_label), *seen.items()]
        self.fields["sdg"].choices = [("", any_label)] + [
            (str(n), _("SDG %(number)d") % {"number": n}) for n in SDG_NUMBERS
        ]
        self.fields["edition"].choices = [("", any_label)] + [
            (str(e.number), e.title_th)
            for e in Edition.objects.filter(is_published=True).order_by("-number")
        ]

    def filters(self) -> dict:
        return {name: self.cleaned_data.get(name) for name in FILTERS}


class StoryForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    summary = forms.CharField(
        label=_("Summary (shown on LINE and Facebook)"),
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    body = forms.CharField(
        label=_("Story"),
        help_text=_("Markdown: **bold**, *italic*, [link](https://…), lists, ## headings."),
        widget=forms.Textarea(attrs={"rows": 14}),
    )
    areas = forms.MultipleChoiceField(
        label=_("Areas in the network"), required=False, widget=forms.CheckboxSelectMultiple
    )
    editions = forms.MultipleChoiceField(
        label=_("Editions"), required=False, widget=forms.CheckboxSelectMultiple
    )
    cover = forms.TypedChoiceField(
        label=_("Photo"), required=False, coerce=int, empty_value=None, widget=forms.RadioSelect
    )

    def __init__(self, *args, listed_areas=(), photos=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["areas"].choices = [
            (a.local_government.dla_code, a.local_government.full_name_th) for a in listed_areas
        ]
        self.fields["editions"].choices = [
            (str(e.number), e.title_th)
            for e in Edition.objects.filter(is_published=True).order_by("-number")
        ]
        self.fields["cover"].choices = [("", _("No photo"))] + [
            (
                str(p.pk),
                f"{p.application.registration.local_government.full_name_th} — "
                f"{p.caption or p.slot}",
            )
            for p in photos
        ]
