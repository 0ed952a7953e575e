"""The one gate of the workspace: the secretariat only; everyone else gets 404."""

import functools

from django.contrib.auth.decorators import login_required
from django.http import Http404


def secretariat_only(view):
    """Wrap a view so that anyone but the secretariat gets 404, as if it did not exist."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        if not request.user.has_perm("secretariat.use_workspace"):
            raise Http404
        return view(request, *args, **kwargs)

    return login_required(wrapped)
