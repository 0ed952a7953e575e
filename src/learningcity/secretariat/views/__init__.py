"""The secretariat's pages: load and check → form → service → redirect or partial."""

from .audit import audit_log
from .dashboard import dashboard
from .edition_sections import edition_section
from .editions import edition_preview, edition_status, edition_workspace, next_edition
from .lists import application_list, registration_list
from .prizes import add_winner, prizes, set_delivery
from .review import decide, review, review_queue

__all__ = [
    "add_winner",
    "application_list",
    "audit_log",
    "dashboard",
    "decide",
    "edition_preview",
    "edition_section",
    "edition_status",
    "edition_workspace",
    "next_edition",
    "prizes",
    "registration_list",
    "review",
    "review_queue",
    "set_delivery",
]
