"""One access helper per object type; every view loads objects through these.

A person who may not see an object gets 404, never 403, so its existence stays hidden.
"""

from django.http import Http404

from .models import Application, Registration


def get_registration_for(user, pk: int) -> Registration:
    """The registration ``pk`` if ``user`` may view it, else ``Http404``."""
    registration = (
        Registration.objects.select_related(
            "edition", "organisation", "local_government__province", "category", "created_by"
        )
        .filter(pk=pk)
        .first()
    )
    if registration is None or not user.has_perm("applications.view_registration", registration):
        raise Http404
    return registration


def get_application_for(user, pk: int) -> Application:
    """The application ``pk`` if ``user`` may view its registration, else ``Http404``."""
    application = (
        Application.objects.select_related(
            "registration__edition",
            "registration__organisation",
            "registration__local_government__province",
            "registration__category",
        )
        .filter(pk=pk)
        .first()
    )
    if application is None or not user.has_perm(
        "applications.view_registration", application.registration
    ):
        raise Http404
    return application
