from django.db import models
from django.utils.translation import gettext_lazy as _


class RegistrationStatus(models.TextChoices):
    """Where an area's registration stands; the secretariat reviews eligibility."""

    SUBMITTED = "submitted", _("Submitted, awaiting review")
    APPROVED = "approved", _("Eligible")
    REJECTED = "rejected", _("Not eligible")
    WITHDRAWN = "withdrawn", _("Withdrawn")


# Every status change goes through services.set_registration_status, which checks this map.
TRANSITIONS: dict[RegistrationStatus, frozenset[RegistrationStatus]] = {
    RegistrationStatus.SUBMITTED: frozenset(
        {RegistrationStatus.APPROVED, RegistrationStatus.REJECTED, RegistrationStatus.WITHDRAWN}
    ),
    RegistrationStatus.APPROVED: frozenset({RegistrationStatus.WITHDRAWN}),
    # A rejection may be reconsidered, for instance when a missing document turns up.
    RegistrationStatus.REJECTED: frozenset({RegistrationStatus.SUBMITTED}),
    RegistrationStatus.WITHDRAWN: frozenset(),
}


class ApplicationStatus(models.TextChoices):
    """Where the full application of a registered area stands."""

    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    REOPENED = "reopened", _("Reopened for changes")


# Every status change goes through one service function that checks this map.
APPLICATION_TRANSITIONS: dict[ApplicationStatus, frozenset[ApplicationStatus]] = {
    ApplicationStatus.DRAFT: frozenset({ApplicationStatus.SUBMITTED}),
    ApplicationStatus.SUBMITTED: frozenset({ApplicationStatus.REOPENED}),
    ApplicationStatus.REOPENED: frozenset({ApplicationStatus.SUBMITTED}),
}


class PartnerSector(models.TextChoices):
    """The sector a partner of the area comes from."""

    GOVERNMENT = "government", _("Government")
    PRIVATE = "private", _("Private sector")
    CIVIL_SOCIETY = "civil_society", _("Civil society")
    EDUCATION = "education", _("Education")
    COMMUNITY = "community", _("Community")
    OTHER = "other", _("Other")


class AgeGroup(models.TextChoices):
    """The age group of the person a case study follows."""

    CHILD = "child", _("Child (under 15)")
    YOUTH = "youth", _("Youth (15–24)")
    ADULT = "adult", _("Adult (25–59)")
    ELDER = "elder", _("Elder (60 and over)")


class CertificationMethod(models.TextChoices):
    """How the head of the local government certified the application."""

    ACCOUNT = "account", _("Certified online by the head")
    SIGNED_UPLOAD = "signed_upload", _("Signed certification page uploaded")
