"""One access helper per object type; every view loads objects through these.

A person who may not see an object gets 404, never 403, so its existence stays hidden.
"""

from django.http import Http404

from .models import Organisation


def get_organisation_for(user, pk: int) -> Organisation:
    """The organisation ``pk`` if ``user`` may view it, else ``Http404``."""
    organisation = (
        Organisation.objects.select_related("local_government__province").filter(pk=pk).first()
    )
    if organisation is None or not user.has_perm("accounts.view_organisation", organisation):
        raise Http404
    return organisation
