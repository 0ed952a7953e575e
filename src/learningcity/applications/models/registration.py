"""An area's registration for an edition, its training representatives, and invitations to
join the organisation that leads it."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ..enums import RegistrationStatus


class Registration(models.Model):
    """An area's entry into an edition (ลงทะเบียนพื้นที่), in one award category."""

    edition = models.ForeignKey(
        "editions.Edition",
        on_delete=models.PROTECT,
        related_name="registrations",
        verbose_name=_("edition"),
    )
    organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        related_name="registrations",
        verbose_name=_("organisation"),
    )
    # The area: the local government whose head certifies the entry.
    local_government = models.ForeignKey(
        "registry.LocalGovernment",
        on_delete=models.PROTECT,
        related_name="registrations",
        verbose_name=_("local government"),
    )
    category = models.ForeignKey(
        "editions.AwardCategory",
        on_delete=models.PROTECT,
        related_name="registrations",
        verbose_name=_("award category"),
    )
    population = models.PositiveIntegerField(_("population"))
    population_source = models.CharField(_("source of the population figure"), max_length=200)
    population_year_be = models.PositiveSmallIntegerField(_("year of the figure (B.E.)"))
    head_name = models.CharField(_("name of the head of the local government"), max_length=150)
    head_position = models.CharField(_("position of the head"), max_length=150)
    coordinator_name = models.CharField(_("coordinator's name"), max_length=150)
    coordinator_phone = models.CharField(_("coordinator's phone"), max_length=32)
    coordinator_email = models.EmailField(_("coordinator's e-mail"), max_length=254)
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=RegistrationStatus.choices,
        default=RegistrationStatus.SUBMITTED,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("registered by"),
    )
    created_at = models.DateTimeField(_("registered at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        constraints = [
            # One area may enter one category only in each edition.
            models.UniqueConstraint(
                fields=["edition", "local_government"], name="one_entry_per_area_per_edition"
            ),
            models.CheckConstraint(
                condition=models.Q(population__gte=0), name="registration_population_not_negative"
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=RegistrationStatus.values),
                name="registration_status_known",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.local_government.full_name_th} — {self.edition}"


class Representative(models.Model):
    """One of the people an area sends to the learning-city-manager training."""

    registration = models.ForeignKey(
        Registration,
        on_delete=models.CASCADE,
        related_name="representatives",
        verbose_name=_("registration"),
    )
    slot = models.PositiveSmallIntegerField(pgettext_lazy("representative", "number"))
    full_name = models.CharField(_("full name"), max_length=150)
    position = models.CharField(_("position"), max_length=150)
    phone = models.CharField(_("phone"), max_length=32)
    email = models.EmailField(_("e-mail"), max_length=254)

    class Meta:
        ordering = ["registration", "slot"]
        verbose_name = _("training representative")
        verbose_name_plural = _("training representatives")
        constraints = [
            models.UniqueConstraint(
                fields=["registration", "slot"], name="representative_unique_slot"
            ),
            models.CheckConstraint(
                condition=models.Q(slot__in=[1, 2]), name="representative_slot_1_or_2"
            ),
        ]

    def __str__(self) -> str:
        return self.full_name

    @property
    def attended_at(self):
        """When the representative first checked in at a training session, from the
        attendance records of ``events`` (prefetch ``attendances`` when listing many)."""
        times = [attendance.checked_in_at for attendance in self.attendances.all()]
        return min(times, default=None)


class Invitation(models.Model):
    """An e-mailed invitation to join an organisation; only a hash of its token is kept."""

    organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.CASCADE,
        related_name="invitations",
        verbose_name=_("organisation"),
    )
    email = models.EmailField(_("e-mail"), max_length=254)
    token_hash = models.CharField(_("token hash"), max_length=64, unique=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("invited by"),
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires"))
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("accepted by"),
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")

    def __str__(self) -> str:
        return f"{self.email} → {self.organisation}"
