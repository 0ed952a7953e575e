"""The roles a person holds in an organisation, read once per web request.

Every permission check on a registration, an application or its files asks which roles the
user holds in the organisation behind it; an autosave used to ask the database three times.
Inside a web request the user's memberships (a handful of rows) are read once and kept until
the request ends or a membership changes. Outside a request (commands, the worker, services
called directly) every question goes to the database.
"""

from contextvars import ContextVar

from .models import Membership

_roles: ContextVar[dict[int, dict[int, frozenset[str]]] | None] = ContextVar(
    "membership_roles", default=None
)


def roles_in(user, organisation_id: int | None) -> frozenset[str]:
    """The roles ``user`` holds in the organisation ``organisation_id`` (empty: none)."""
    if not getattr(user, "is_authenticated", False) or organisation_id is None:
        return frozenset()
    known = _roles.get()
    if known is None:
        return frozenset(
            Membership.objects.filter(user=user, organisation_id=organisation_id).values_list(
                "role", flat=True
            )
        )
    by_organisation = known.get(user.pk)
    if by_organisation is None:
        collected: dict[int, set[str]] = {}
        rows = Membership.objects.filter(user=user).values_list("organisation_id", "role")
        for organisation, role in rows:
            collected.setdefault(organisation, set()).add(role)
        by_organisation = {key: frozenset(value) for key, value in collected.items()}
        known[user.pk] = by_organisation
    return by_organisation.get(organisation_id, frozenset())


def forget(**_kwargs) -> None:
    """A membership was created, changed or removed: the next question reads again."""
    known = _roles.get()
    if known is not None:
        known.clear()


class MembershipsPerRequestMiddleware:
    """Keeps the memberships read by permission checks for the length of one request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _roles.set({})
        try:
            return self.get_response(request)
        finally:
            _roles.reset(token)
