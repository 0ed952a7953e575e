"""One access helper per object type; every view loads objects through these.

A person who may not see an object gets 404, never 403, so its existence stays hidden.
"""

from django.http import Http404

from .models import Application, Registration


def get_registration_for(user, pk: int) -> Registration:
    """The registration ``pk`` if ``user`` may view it, else ``Http404``."""
    try:
        registration = Registration.objects.select_related(
            "edition", "organisation", "local_government__province", "category", "created_by"
        ).get(pk=pk)
    except Registration.DoesNotExist:
        raise Http404 from None
    if not user.has_perm("applications.view_registration", registration):
        raise Http404
    return registration


# What most application pages show of the registration behind it.
APPLICATION_RELATED = (
    "registration__edition",
    "registration__organisation",
    "registration__local_government__province",
    "registration__category",
)


def get_application_for(user, pk: int, related=APPLICATION_RELATED) -> Application:
    """The application ``pk`` if ``user`` may view its registration, else ``Http404``.

    ``related``: what to read with it in the same query; an autosave or an upload, which
    needs only the registration and its edition, passes less (the query is built faster)."""
    try:
        # get(), not first(): no ORDER BY to build for a primary key.
        application = Application.objects.select_related(*related).get(pk=pk)
    except Application.DoesNotExist:
        raise Http404 from None
    if not user.has_perm("applications.view_registration", application.registration):
        raise Http404
    return application
