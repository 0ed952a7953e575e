"""The public learning-city network: which areas are listed, and only with their consent."""

from django.db.models import QuerySet

from learningcity.applications.models import Application
from learningcity.privacy.enums import ConsentPurpose
from learningcity.privacy.services.consents import standing


def listed_applications() -> QuerySet[Application]:
    """Applications whose area agreed to be listed in the network, consent standing now.

    A withdrawn consent drops the application from every listing at once: nothing about the
    directory is stored apart from this query.
    """
    ids = [int(pk) for pk in standing(ConsentPurpose.NETWORK_LISTING, Application)]
    return Application.objects.filter(pk__in=ids, submitted_at__isnull=False)


def listed_local_government_ids() -> set[int]:
    """The local governments of the listed areas."""
    return set(listed_applications().values_list("registration__local_government_id", flat=True))
