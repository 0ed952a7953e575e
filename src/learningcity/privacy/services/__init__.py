"""Personal data: consent, retention of an edition's data, a person's access and erasure."""

from .consents import (
    NOTICE_VERSION,
    consents_for,
    consents_of_person,
    covers_text,
    give_consent,
    has_consent,
    withdraw_consent,
)
from .copies import ERASED_SHA256, Change, Plan, carry_out
from .erasure import decide, open_requests, person_plan, request_erasure, requests_of
from .expiry import EXPORT_KEEP, OUTBOX_KEEP, expire_exports, expire_outbox
from .retention import (
    anonymisation_plan,
    anonymise,
    confirm_anonymisation,
    is_due,
    retention_plan,
    set_retention,
)

__all__ = [
    "ERASED_SHA256",
    "EXPORT_KEEP",
    "NOTICE_VERSION",
    "OUTBOX_KEEP",
    "Change",
    "Plan",
    "anonymisation_plan",
    "anonymise",
    "carry_out",
    "confirm_anonymisation",
    "consents_for",
    "consents_of_person",
    "covers_text",
    "decide",
    "expire_exports",
    "expire_outbox",
    "give_consent",
    "has_consent",
    "is_due",
    "open_requests",
    "person_plan",
    "request_erasure",
    "requests_of",
    "retention_plan",
    "set_retention",
    "withdraw_consent",
]
