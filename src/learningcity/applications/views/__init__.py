from .application import application, save_section
from .registrations import (
    accept_invitation,
    dashboard,
    edit_registration,
    invite,
    register,
    registration,
)

__all__ = [
    "accept_invitation",
    "application",
    "dashboard",
    "edit_registration",
    "invite",
    "register",
    "registration",
    "save_section",
]
