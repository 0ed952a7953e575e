"""Training sessions and attendance, training waivers, presentation slots and requests to
change them."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .enums import AttendanceMethod, ChangeRequestStatus


class TrainingSession(models.Model):
    """One sitting of the learning-city-manager course (อบรมหลักสูตรนักจัดการเมืองแห่งการเรียนรู้)."""

    edition = models.ForeignKey(
        "editions.Edition",
        on_delete=models.CASCADE,
        related_name="training_sessions",
        verbose_name=_("edition"),
    )
    title = models.CharField(_("title"), max_length=200)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    place = models.CharField(_("place"), max_length=300, blank=True)
    online_url = models.URLField(_("online link"), max_length=500, blank=True)
    capacity = models.PositiveIntegerField(_("capacity"), null=True, blank=True)

    class Meta:
        ordering = ["starts_at", "pk"]
        verbose_name = _("training session")
        verbose_name_plural = _("training sessions")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="training_session_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class Attendance(models.Model):
    """A representative checked in at a training session."""

    session = models.ForeignKey(
        TrainingSession,
        on_delete=models.CASCADE,
        related_name="attendances",
        verbose_name=_("training session"),
    )
    representative = models.ForeignKey(
        "applications.Representative",
        on_delete=models.CASCADE,
        related_name="attendances",
        verbose_name=_("representative"),
    )
    checked_in_at = models.DateTimeField(_("checked in at"), default=timezone.now)
    checked_in_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("checked in by"),
    )
    method = models.CharField(_("method"), max_length=8, choices=AttendanceMethod.choices)

    class Meta:
        ordering = ["session", "checked_in_at", "pk"]
        verbose_name = _("attendance")
        verbose_name_plural = _("attendances")
        constraints = [
            models.UniqueConstraint(
                fields=["session", "representative"], name="attendance_once_per_session"
            ),
            models.CheckConstraint(
                condition=models.Q(method__in=AttendanceMethod.values),
                name="attendance_method_known",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.representative} @ {self.session}"


class TrainingWaiver(models.Model):
    """The secretariat lets an area submit without two trained representatives."""

    registration = models.OneToOneField(
        "applications.Registration",
        on_delete=models.CASCADE,
        related_name="training_waiver",
        verbose_name=_("registration"),
    )
    reason = models.TextField(_("reason"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    recorded_at = models.DateTimeField(_("recorded at"), default=timezone.now)

    class Meta:
        verbose_name = _("training waiver")
        verbose_name_plural = _("training waivers")

    def __str__(self) -> str:
        return str(self.registration)


class PresentationSlot(models.Model):
    """A time on presentation day, in one category, for one area (or still free)."""

    edition = models.ForeignKey(
        "editions.Edition",
        on_delete=models.CASCADE,
        related_name="presentation_slots",
        verbose_name=_("edition"),
    )
    category = models.ForeignKey(
        "editions.AwardCategory",
        on_delete=models.CASCADE,
        related_name="presentation_slots",
        verbose_name=_("award category"),
    )
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    meeting_url = models.URLField(_("meeting link"), max_length=500, blank=True)
    registration = models.ForeignKey(
        "applications.Registration",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="presentation_slots",
        verbose_name=_("registration"),
    )

    class Meta:
        ordering = ["edition", "starts_at", "category__order", "pk"]
        verbose_name = _("presentation slot")
        verbose_name_plural = _("presentation slots")
        constraints = [
            # An area presents once.
            models.UniqueConstraint(
                fields=["registration"],
                condition=models.Q(registration__isnull=False),
                name="one_presentation_slot_per_registration",
            ),
            models.UniqueConstraint(
                fields=["edition", "category", "starts_at"], name="presentation_slot_unique_time"
            ),
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="presentation_slot_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.category} {self.starts_at:%Y-%m-%d %H:%M}"


class SlotChangeRequest(models.Model):
    """An applicant asks for another presentation time; the secretariat decides."""

    registration = models.ForeignKey(
        "applications.Registration",
        on_delete=models.CASCADE,
        related_name="slot_change_requests",
        verbose_name=_("registration"),
    )
    slot = models.ForeignKey(
        PresentationSlot,
        on_delete=models.SET_NULL,
        null=True,
        related_name="change_requests",
        verbose_name=_("slot"),
    )
    reason = models.TextField(_("reason"))
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=ChangeRequestStatus.choices,
        default=ChangeRequestStatus.PENDING,
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("requested by"),
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
        verbose_name = _("slot change request")
        verbose_name_plural = _("slot change requests")
        constraints = [
            models.UniqueConstraint(
                fields=["registration"],
                condition=models.Q(status="pending"),
                name="one_pending_slot_change_per_registration",
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=ChangeRequestStatus.values),
                name="slot_change_status_known",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.registration} ({self.get_status_display()})"
