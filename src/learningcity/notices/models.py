"""Notice templates, notices sent to a list of areas, one outbox row per recipient, and the
automatic reminders already sent."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .enums import OutboxStatus
from .placeholders import validate_template_text


class NoticeTemplate(models.Model):
    """A Thai e-mail with placeholders such as ``{{ organisation }}``; edition-specific or for
    every edition (no edition)."""

    edition = models.ForeignKey(
        "editions.Edition",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="notice_templates",
        verbose_name=_("edition"),
    )
    key = models.SlugField(_("key"), max_length=50)
    name = models.CharField(_("name"), max_length=150)
    subject_th = models.CharField(
        _("subject (Thai)"), max_length=200, validators=[validate_template_text]
    )
    body_th = models.TextField(_("body (Thai)"), validators=[validate_template_text])
    updated_at = models.DateTimeField(_("updated"), default=timezone.now)

    class Meta:
        ordering = ["key", "pk"]
        verbose_name = _("notice template")
        verbose_name_plural = _("notice templates")
        constraints = [
            models.UniqueConstraint(
                fields=["edition", "key"], name="notice_template_unique_key_per_edition"
            ),
            models.UniqueConstraint(
                fields=["key"],
                condition=models.Q(edition__isnull=True),
                name="notice_template_unique_key_without_edition",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Notice(models.Model):
    """One sending of a template to a list of recipients (or one automatic reminder run)."""

    edition = models.ForeignKey(
        "editions.Edition", on_delete=models.PROTECT, related_name="+", verbose_name=_("edition")
    )
    template = models.ForeignKey(
        NoticeTemplate,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="notices",
        verbose_name=_("template"),
    )
    # The template's text when the notice was sent: later edits do not rewrite history.
    subject_th = models.CharField(_("subject (Thai)"), max_length=200)
    body_th = models.TextField(_("body (Thai)"))
    # Automatic reminders share one notice per edition and kind, e.g. "reminder-7d".
    reminder_kind = models.CharField(_("reminder"), max_length=30, blank=True)
    filters = models.JSONField(_("recipient filters"), default=dict, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("sent by"),
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("notice")
        verbose_name_plural = _("notices")
        constraints = [
            models.UniqueConstraint(
                fields=["edition", "reminder_kind"],
                condition=~models.Q(reminder_kind=""),
                name="notice_one_per_reminder_kind",
            ),
        ]

    def __str__(self) -> str:
        return self.subject_th


class OutboxMessage(models.Model):
    """One e-mail of a notice to one recipient, rendered; sent at most once."""

    notice = models.ForeignKey(
        Notice, on_delete=models.CASCADE, related_name="messages", verbose_name=_("notice")
    )
    registration = models.ForeignKey(
        "applications.Registration",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("registration"),
    )
    recipient = models.EmailField(_("recipient"), max_length=254)
    subject = models.CharField(_("subject"), max_length=300)
    body = models.TextField(_("body"))
    status = models.CharField(
        _("status"), max_length=10, choices=OutboxStatus.choices, default=OutboxStatus.QUEUED
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.CharField(_("last error"), max_length=500, blank=True)
    next_attempt_at = models.DateTimeField(_("next attempt"), default=timezone.now)
    claimed_at = models.DateTimeField(_("claimed at"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        ordering = ["notice", "pk"]
        verbose_name = _("outbox message")
        verbose_name_plural = _("outbox messages")
        constraints = [
            models.UniqueConstraint(
                fields=["notice", "recipient"], name="outbox_once_per_recipient"
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=OutboxStatus.values), name="outbox_status_known"
            ),
            models.CheckConstraint(
                condition=~models.Q(status=OutboxStatus.SENT) | models.Q(sent_at__isnull=False),
                name="outbox_sent_has_time",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "next_attempt_at"], name="outbox_due"),
        ]

    def __str__(self) -> str:
        return f"{self.recipient}: {self.get_status_display()}"


class Reminder(models.Model):
    """That the reminder of a kind (e.g. 7 days before the deadline) went to a registration."""

    registration = models.ForeignKey(
        "applications.Registration",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("registration"),
    )
    kind = models.CharField(_("reminder"), max_length=30)
    message = models.ForeignKey(
        OutboxMessage,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("e-mail"),
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        ordering = ["registration", "kind"]
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        constraints = [
            models.UniqueConstraint(
                fields=["registration", "kind"], name="reminder_once_per_registration"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.registration_id}: {self.kind}"
