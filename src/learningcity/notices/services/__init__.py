"""Notices: sending to a list through the outbox, and the automatic deadline reminders."""

from .outbox import deliver, send_due_messages, transition
from .reminders import send_due_reminders
from .sending import create_notice, preview, progress

__all__ = [
    "create_notice",
    "deliver",
    "preview",
    "progress",
    "send_due_messages",
    "send_due_reminders",
    "transition",
]
