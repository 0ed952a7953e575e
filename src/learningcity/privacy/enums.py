from django.db import models
from django.utils.translation import gettext_lazy as _


class ConsentPurpose(models.TextChoices):
    """What a person agreed to; each use of personal data beyond the award asks its own."""

    PUBLISH_PHOTOS = "publish_photos", _("Publish the photos of the application")
    PUBLISH_CASE_STUDY = (
        "publish_case_study",
        _("Publish the case study, with the names of the people in it"),
    )
    PRIVACY_NOTICE = "privacy_notice", _("The privacy notice was read and accepted")
    NETWORK_LISTING = "network_listing", _("List the area in the public learning city network")


# What each consent covers, shown to the person when they give it and on "my consents"; the
# wording given is stored with the consent (Consent.covers).
COVERS = {
    ConsentPurpose.PUBLISH_PHOTOS: _(
        "The photos uploaded with the application may be shown on the public winners' "
        "showcase and kept there after the edition's retention date. Withdrawing hides them "
        "and lets retention remove them."
    ),
    ConsentPurpose.PUBLISH_CASE_STUDY: _(
        "The answers, the case studies marked for publication and the names of the working "
        "group may be shown on the public showcase and kept after the edition's retention date."
    ),
    ConsentPurpose.PRIVACY_NOTICE: _(
        "The platform keeps the account's name, e-mail and phone to run the award, as the "
        "privacy notice describes, until the account is erased."
    ),
    ConsentPurpose.NETWORK_LISTING: _(
        "The area's name, province and learning places may be listed in the public directory "
        "of the learning city network. No person's name or contact is listed."
    ),
}


class ErasureStatus(models.TextChoices):
    REQUESTED = "requested", _("Waiting for review")
    CARRIED_OUT = "carried_out", _("Data erased")
    REFUSED = "refused", _("Request refused")
    WITHDRAWN = "withdrawn", _("Withdrawn by the person")


# Every status change of an erasure request goes through services.erasure.decide.
ERASURE_TRANSITIONS: dict[str, frozenset[str]] = {
    ErasureStatus.REQUESTED: frozenset(
        {ErasureStatus.CARRIED_OUT, ErasureStatus.REFUSED, ErasureStatus.WITHDRAWN}
    ),
    ErasureStatus.CARRIED_OUT: frozenset(),
    ErasureStatus.REFUSED: frozenset(),
    ErasureStatus.WITHDRAWN: frozenset(),
}

# The purposes an applicant gives for their application on the consent page.
APPLICATION_PURPOSES = (
    ConsentPurpose.PUBLISH_PHOTOS,
    ConsentPurpose.PUBLISH_CASE_STUDY,
    ConsentPurpose.NETWORK_LISTING,
)
