from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    """What a person does on the platform; an applicant acts through organisation memberships."""

    APPLICANT = "applicant", _("Applicant")
    JUDGE = "judge", _("Judge")
    SECRETARIAT = "secretariat", _("Secretariat")


class OrganisationKind(models.TextChoices):
    LOCAL_GOVERNMENT = "local_government", _("Local government")
    OTHER = "other", _("Other organisation")


class MembershipRole(models.TextChoices):
    COORDINATOR = "coordinator", _("Coordinator")
    MEMBER = "member", _("Member")
    HEAD = "head", _("Head of the local government")
