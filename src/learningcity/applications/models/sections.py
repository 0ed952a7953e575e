"""The structured rows that hang off an answer, one model per kind of row.

Which kinds of row a criterion takes comes from ``Criterion.section`` (edition data), through
``SECTION_ROWS``; no criterion number appears in code.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from learningcity.editions.enums import AnswerSection

from ..enums import AgeGroup, PartnerSector

# Thailand's bounding box, with a small margin: a pin outside it is a typing mistake.
LATITUDE_RANGE = (5, 21)
LONGITUDE_RANGE = (97, 106)


class SectionRow(models.Model):
    """One row of an answer's structured section, kept in the order the applicant gave."""

    answer = models.ForeignKey("applications.Answer", on_delete=models.CASCADE)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    # The form fields an applicant fills, in the order of the table's columns.
    columns: tuple[str, ...] = ()

    class Meta:
        abstract = True
        ordering = ["answer", "order", "pk"]

    @classmethod
    def kind(cls) -> str:
        """The name of this kind of row in forms and prefetches."""
        return cls._meta.model_name


class Indicator(SectionRow):
    """A measured change in one beneficiary group: the figure before and after, and how."""

    beneficiary_group = models.CharField(_("beneficiary group"), max_length=200)
    baseline = models.DecimalField(_("figure before"), max_digits=14, decimal_places=2)
    result = models.DecimalField(_("figure after"), max_digits=14, decimal_places=2)
    unit = models.CharField(_("unit"), max_length=60)
    method = models.CharField(_("how it was measured"), max_length=300)
    period = models.CharField(_("period"), max_length=100)

    columns = ("beneficiary_group", "baseline", "result", "unit", "method", "period")

    class Meta(SectionRow.Meta):
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")

    def __str__(self) -> str:
        return self.beneficiary_group


class LearningPlace(SectionRow):
    """A learning place (แหล่งเรียนรู้) in the area, and how easily its target groups reach it."""

    name = models.CharField(_("name"), max_length=200)
    place_type = models.CharField(_("type of place"), max_length=100)
    address = models.CharField(_("address"), max_length=300, blank=True)
    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    serves = models.CharField(_("who it serves"), max_length=200)
    opening_hours = models.CharField(_("opening hours"), max_length=100, blank=True)
    cost = models.CharField(_("cost"), max_length=100, blank=True)
    accessibility = models.CharField(_("accessibility"), max_length=300, blank=True)

    columns = (
        "name",
        "place_type",
        "address",
        "latitude",
        "longitude",
        "serves",
        "opening_hours",
        "cost",
        "accessibility",
    )

    class Meta(SectionRow.Meta):
        verbose_name = _("learning place")
        verbose_name_plural = _("learning places")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(latitude__isnull=True)
                | models.Q(latitude__gte=LATITUDE_RANGE[0], latitude__lte=LATITUDE_RANGE[1]),
                name="learning_place_latitude_in_thailand",
            ),
            models.CheckConstraint(
                condition=models.Q(longitude__isnull=True)
                | models.Q(longitude__gte=LONGITUDE_RANGE[0], longitude__lte=LONGITUDE_RANGE[1]),
                name="learning_place_longitude_in_thailand",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Partner(SectionRow):
    """A partner from one sector and what it brought: work, goods or money."""

    name = models.CharField(_("name"), max_length=200)
    sector = models.CharField(_("sector"), max_length=20, choices=PartnerSector.choices)
    contribution = models.CharField(_("contribution"), max_length=300)
    amount_baht = models.DecimalField(
        _("amount (baht)"), max_digits=14, decimal_places=2, null=True, blank=True
    )

    columns = ("name", "sector", "contribution", "amount_baht")

    class Meta(SectionRow.Meta):
        verbose_name = _("partner")
        verbose_name_plural = _("partners")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount_baht__isnull=True) | models.Q(amount_baht__gte=0),
                name="partner_amount_not_negative",
            ),
            models.CheckConstraint(
                condition=models.Q(sector__in=PartnerSector.values), name="partner_sector_known"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class WorkingGroupMember(SectionRow):
    """A member of the learning-city working group (คณะทำงาน)."""

    name = models.CharField(_("name"), max_length=150)
    role = models.CharField(_("role in the group"), max_length=150)

    columns = ("name", "role")

    class Meta(SectionRow.Meta):
        verbose_name = _("working group member")
        verbose_name_plural = _("working group members")

    def __str__(self) -> str:
        return self.name


class Meeting(SectionRow):
    """A meeting of the working group or network."""

    held_on = models.DateField(_("date"))
    attendance = models.PositiveIntegerField(pgettext_lazy("meeting", "attendance"))
    note = models.CharField(_("what was discussed"), max_length=300, blank=True)

    columns = ("held_on", "attendance", "note")

    class Meta(SectionRow.Meta):
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")

    def __str__(self) -> str:
        return str(self.held_on)


class CaseStudy(SectionRow):
    """One person's change through learning, under an alias so that no one is identified."""

    alias = models.CharField(_("alias"), max_length=100)
    age_group = models.CharField(_("age group"), max_length=10, choices=AgeGroup.choices)
    before = models.TextField(pgettext_lazy("learner story", "before"))
    after = models.TextField(pgettext_lazy("learner story", "after"))
    evidence = models.CharField(_("evidence"), max_length=300, blank=True)
    consent_to_publish = models.BooleanField(_("consents to publication"), default=False)

    columns = ("alias", "age_group", "before", "after", "evidence", "consent_to_publish")

    class Meta(SectionRow.Meta):
        verbose_name = _("case study")
        verbose_name_plural = _("case studies")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(age_group__in=AgeGroup.values), name="case_study_age_group_known"
            ),
        ]

    def __str__(self) -> str:
        return self.alias


# The kinds of row each section takes; a narrative-only section takes none.
SECTION_ROWS: dict[str, tuple[type[SectionRow], ...]] = {
    AnswerSection.NARRATIVE: (),
    AnswerSection.INDICATORS: (Indicator,),
    AnswerSection.LEARNING_PLACES: (LearningPlace,),
    AnswerSection.PARTNERS: (Partner,),
    AnswerSection.WORKING_GROUP: (WorkingGroupMember, Meeting),
    AnswerSection.CASE_STUDIES: (CaseStudy,),
}
ROW_MODELS: tuple[type[SectionRow], ...] = tuple(
    model for models_ in SECTION_ROWS.values() for model in models_
)
