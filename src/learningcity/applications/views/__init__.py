from .application import save_section
from .application_page import application
from .registrations import (
    accept_invitation,
    dashboard,
    edit_registration,
    invite,
    register,
    registration,
)
from .submission import (
    certify_account,
    certify_upload,
    check,
    receipt,
    secretariat_application,
    secretariat_extend,
    secretariat_reopen,
    signed_certification,
    submit,
)

__all__ = [
    "accept_invitation",
    "application",
    "certify_account",
    "certify_upload",
    "check",
    "dashboard",
    "edit_registration",
    "invite",
    "receipt",
    "register",
    "registration",
    "save_section",
    "secretariat_application",
    "secretariat_extend",
    "secretariat_reopen",
    "signed_certification",
    "submit",
]
