"""The committee's forms: the decision, its publication date, reopening, photo consent."""

import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from learningcity.applications.models import Application


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

    def __init__(self, *args, applications, awards: int, mentions: int, ranked_ids, **kwargs):
        super().__init__(*args, **kwargs)
        order = {pk: n for n, pk in enumerate(ranked_ids)}
        ranked = sorted(applications, key=lambda a: (order.get(a.pk, len(order)), a.reference))
        queryset = applications
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
        self.order_fields([*self.winner_names, *self.mention_names, "note", "chair_approved"])

    def chosen(self, names) -> list[Application]:
        return [self.cleaned_data[n] for n in names if self.cleaned_data.get(n)]


class PublishForm(forms.Form):
    publish_at = forms.DateTimeField(
        label=_("Publish the results on"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
        help_text=_("Bangkok time. The public results page shows nothing before then."),
    )

    def clean_publish_at(self) -> dt.datetime:
        value = self.cleaned_data["publish_at"]
        return value if timezone.is_aware(value) else timezone.make_aware(value)


class ReopenForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for reopening"), widget=forms.Textarea(attrs={"rows": 2})
    )


class ConsentForm(forms.Form):
    given_by = forms.CharField(
        label=_("Consent to publish the photos given by (name and position)"), max_length=200
    )
