"""The committee's forms: the decision, its publication date, reopening, photo consent."""

from django import forms
from django.utils.translation import gettext_lazy as _

from learningcity.applications.models import Application
from learningcity.thai.fields import ThaiDateTimeField, days_from_now


class ApplicationChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Application) -> str:
        return f"{obj.reference} — {obj.registration.local_government.full_name_th}"


class DecisionForm(forms.Form):
    """One choice per award and per honourable mention, in order, first from the ranking."""

    note = forms.CharField(
        label=_("The committee's note"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    chair_approved = forms.BooleanField(
        label=_("The chair of the committee approved this decision"), required=False
    )

    def __init__(
        self,
        *args,
        applications,
        awards: int,
        mentions: int,
        ranked_ids,
        override: bool = False,
        **kwargs,
    ):
        """``applications`` are those offered; only ``ranked_ids`` (fully scored, in ranking
        order) are pre-selected. With ``override`` the chair writes why reviews are missing."""
        super().__init__(*args, **kwargs)
        queryset = applications
        by_id = {a.pk: a for a in applications}
        ranked = [by_id[pk] for pk in ranked_ids if pk in by_id]
        self.override = override
        self.winner_names = []
        self.mention_names = []
        for n in range(1, awards + 1):
            name = f"winner_{n}"
            self.fields[name] = ApplicationChoice(
                queryset,
                label=_("Award %(n)s") % {"n": n},
                required=n == 1,
                initial=ranked[n - 1].pk if len(ranked) >= n else None,
            )
            self.winner_names.append(name)
        for n in range(1, mentions + 1):
            name = f"honourable_{n}"
            index = awards + n - 1
            self.fields[name] = ApplicationChoice(
                queryset,
                label=_("Honourable mention %(n)s") % {"n": n},
                required=False,
                initial=ranked[index].pk if len(ranked) > index else None,
            )
            self.mention_names.append(name)
        names = [*self.winner_names, *self.mention_names, "note", "chair_approved"]
        if override:
            self.fields["override"] = forms.BooleanField(
                widget=forms.HiddenInput, initial=True, required=False
            )
            self.fields["override_reason"] = forms.CharField(
                label=_("The chair's reason for deciding while reviews are missing"),
                widget=forms.Textarea(attrs={"rows": 3}),
                help_text=_("Kept in the audit log with the reviews that were missing."),
                required=False,
            )
            names = [*names, "override_reason", "override"]
        self.order_fields(names)

    def override_reason(self) -> str | None:
        """The chair's reason (possibly blank, which the service refuses), or None."""
        return self.cleaned_data.get("override_reason", "") if self.override else None

    def chosen(self, names) -> list[Application]:
        return [self.cleaned_data[n] for n in names if self.cleaned_data.get(n)]


class PublishForm(forms.Form):
    # Within a year either way: a date years away is a mistyped year, never a plan.
    publish_at = ThaiDateTimeField(
        label=_("Publish the results on"),
        min_value=days_from_now(-366),
        max_value=days_from_now(366),
        help_text=_("Bangkok time. The public results page shows nothing before then."),
    )


class ReopenForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for reopening"), widget=forms.Textarea(attrs={"rows": 2})
    )


class ConsentForm(forms.Form):
    given_by = forms.CharField(
        label=_("Consent to publish the photos given by (name and position)"), max_length=200
    )
