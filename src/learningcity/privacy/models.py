"""Consent (publication, privacy notice, network listing), how long an edition keeps personal
data, and a person's requests to erase theirs."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from learningcity.privacy.enums import ConsentPurpose, ErasureStatus


class Consent(models.Model):
    """Who agreed, when, to what, under which version of the privacy notice and wording.

    The subject is any row (an application, a registration, an organisation, an account), named
    like the audit log does: ``subject_type`` is the model label, ``subject_id`` its primary key.
    Rows are history: giving again after a withdrawal adds a row; a withdrawal only sets
    ``withdrawn_at`` and ``withdrawn_by`` once. At most one consent per subject and purpose stands.
    """

    subject_type = models.CharField(_("subject type"), max_length=64)
    subject_id = models.CharField(_("subject id"), max_length=64)
    purpose = models.CharField(_("purpose"), max_length=32, choices=ConsentPurpose.choices)
    given_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="consents_given",
        verbose_name=_("given by"),
    )
    # The person the data is about, when another person (a parent, a teacher) consents for them.
    on_behalf_of = models.CharField(_("on behalf of"), max_length=200, blank=True)
    notice_version = models.CharField(_("privacy notice version"), max_length=20)
    # The words the person agreed to (enums.COVERS at the time).
    covers = models.TextField(_("what the consent covers"), blank=True)
    # The edition the subject belongs to, when it has one: its retention reads consents here.
    edition = models.ForeignKey(
        "editions.Edition",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("edition"),
    )
    given_at = models.DateTimeField(_("given at"), default=timezone.now)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("withdrawn by"),
    )

    class Meta:
        ordering = ["-given_at", "-pk"]
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        indexes = [
            models.Index(fields=["subject_type", "subject_id", "purpose"], name="consent_subject")
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(purpose__in=ConsentPurpose.values), name="consent_purpose_known"
            ),
            models.CheckConstraint(
                condition=models.Q(withdrawn_at__isnull=True)
                | models.Q(withdrawn_at__gte=models.F("given_at")),
                name="consent_withdrawn_after_given",
            ),
            models.UniqueConstraint(
                fields=["subject_type", "subject_id", "purpose"],
                condition=models.Q(withdrawn_at__isnull=True),
                name="consent_one_standing_per_purpose",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_purpose_display()} — {self.subject_type} {self.subject_id}"


class EditionRetention(models.Model):
    """Until when an edition keeps unpublished personal data, and whether it has been wiped."""

    edition = models.OneToOneField(
        "editions.Edition",
        on_delete=models.CASCADE,
        related_name="retention",
        verbose_name=_("edition"),
    )
    keep_until = models.DateField(_("keep personal data until"))
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("set by"),
    )
    # The secretariat has read the dry-run report and confirmed; the task may then anonymise.
    confirmed_at = models.DateTimeField(_("anonymisation confirmed at"), null=True, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("confirmed by"),
    )
    anonymised_at = models.DateTimeField(_("anonymised at"), null=True, blank=True)
    # The edition's rule for application material: remove the answers, case studies and files
    # of every application, keeping only what a standing publication consent covers.
    remove_unpublished_material = models.BooleanField(
        _("remove application material not published with consent"), default=True
    )

    class Meta:
        verbose_name = _("retention period")
        verbose_name_plural = _("retention periods")

    def __str__(self) -> str:
        return f"{self.edition} → {self.keep_until}"


class ErasureRequest(models.Model):
    """A person asks for their personal data to be erased; the secretariat reviews it."""

    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="erasure_requests",
        verbose_name=_("requested by"),
    )
    reason = models.TextField(_("reason for the request"), blank=True)
    status = models.CharField(
        _("status of the request"),
        max_length=16,
        choices=ErasureStatus.choices,
        default=ErasureStatus.REQUESTED,
    )
    requested_at = models.DateTimeField(_("requested at"), default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_note = models.TextField(_("note on the decision"), blank=True)

    class Meta:
        ordering = ["-requested_at", "-pk"]
        verbose_name = _("erasure request")
        verbose_name_plural = _("erasure requests")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=ErasureStatus.values), name="erasure_status_known"
            ),
            models.UniqueConstraint(
                fields=["requested_by"],
                condition=models.Q(status="requested"),
                name="erasure_one_open_per_person",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.requested_by_id}: {self.get_status_display()}"
