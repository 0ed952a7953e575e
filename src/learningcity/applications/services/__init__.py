"""The rules of the applicant's journey, as plain functions that views and tests call."""

from .invitations import (
    INVITATION_DAYS,
    accept_invitation,
    find_invitation,
    invitation_url,
    invite_member,
    pending_invitations,
)
from .registrations import (
    APPLYING_ROLES,
    RepresentativeDetails,
    applying_memberships,
    create_organisation,
    editions_open_for_registration,
    may_apply_for,
    notify_status_change,
    register_area,
    registration_is_editable,
    registration_window_is_open,
    registrations_of,
    set_registration_status,
    update_registration,
)

__all__ = [
    "APPLYING_ROLES",
    "INVITATION_DAYS",
    "RepresentativeDetails",
    "accept_invitation",
    "applying_memberships",
    "create_organisation",
    "editions_open_for_registration",
    "find_invitation",
    "invitation_url",
    "invite_member",
    "may_apply_for",
    "notify_status_change",
    "pending_invitations",
    "register_area",
    "registration_is_editable",
    "registration_window_is_open",
    "registrations_of",
    "set_registration_status",
    "update_registration",
]
