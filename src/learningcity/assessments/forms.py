from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .models import Answer, Dimension, Questionnaire


def scale_choices(questionnaire: Questionnaire) -> list[tuple[str, str]]:
    from django.utils.translation import get_language

    english = (get_language() or "th").startswith("en")
    choices = []
    for level in questionnaire.scale:
        label = (level.get("label_en") if english else None) or level["label_th"]
        hint = (level.get("hint_en") if english else None) or level.get("hint_th", "")
        choices.append((str(level["value"]), f"{level['value']} {label} — {hint}"))
    return choices


class DimensionForm(forms.Form):
    """One part of the questionnaire: a level, a note and an evidence link per question.

    Every field may stay empty, so a half-finished part can be saved and finished later.
    """

    def __init__(self, *args, dimension: Dimension, answers: dict[int, Answer], **kwargs):
        super().__init__(*args, **kwargs)
        self.dimension = dimension
        self.questions = list(dimension.questions.all())
        choices = scale_choices(dimension.questionnaire)
        for number, question in enumerate(self.questions, start=1):
            answer = answers.get(question.pk)
            self.fields[f"q{question.pk}-level"] = forms.TypedChoiceField(
                label=f"{dimension.order}.{number} {question.text}",
                choices=choices,
                coerce=int,
                required=False,
                empty_value=None,
                widget=forms.RadioSelect,
                initial=None if answer is None or answer.level is None else str(answer.level),
            )
            self.fields[f"q{question.pk}-note"] = forms.CharField(
                label=_("Note (optional)"),
                required=False,
                max_length=2000,
                widget=forms.Textarea(attrs={"rows": 2}),
                initial=answer.note if answer else "",
            )
            self.fields[f"q{question.pk}-evidence_url"] = forms.URLField(
                label=_("Link to evidence (optional)"),
                required=False,
                max_length=500,
                assume_scheme="https",
                initial=answer.evidence_url if answer else "",
            )

    def rows(self) -> dict[int, dict]:
        data = self.cleaned_data
        return {
            q.pk: {
                "level": data.get(f"q{q.pk}-level"),
                "note": data.get(f"q{q.pk}-note", ""),
                "evidence_url": data.get(f"q{q.pk}-evidence_url", ""),
            }
            for q in self.questions
        }

    def question_fields(self):
        """Per question, its three bound fields, for the template."""
        return [
            (
                self[f"q{q.pk}-level"],
                self[f"q{q.pk}-note"],
                self[f"q{q.pk}-evidence_url"],
            )
            for q in self.questions
        ]


class StartForm(forms.Form):
    organisation = forms.TypedChoiceField(
        label=_("Whose self-assessment is this?"), coerce=int, required=False, empty_value=None
    )

    def __init__(self, *args, organisations=(), **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(str(o.pk), o.name) for o in organisations]
        choices.append(("", _("Only for me, without naming an organisation")))
        self.fields["organisation"].choices = choices
        self.fields["organisation"].widget = forms.RadioSelect(choices=choices)
        self.fields["organisation"].initial = choices[0][0]


class AttachForm(forms.Form):
    registration = forms.TypedChoiceField(
        label=pgettext_lazy("an area's entry", "Registration"), coerce=int
    )

    def __init__(self, *args, registrations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["registration"].choices = [
            (str(r.pk), f"{r.edition} — {r.category}") for r in registrations
        ]
