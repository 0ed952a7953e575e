"""The results' business rules, called by views, tasks, the demo and tests."""

from .category import (
    awards_per_category,
    category_applications,
    chair_of,
    decision_for,
    honourable_mentions_per_category,
    level_of,
)
from .certificates import (
    certificate_pdf,
    certificates_of,
    certificates_zip,
    issue_certificates,
    render_certificate,
    standing_certificate,
    verifiable,
    withdraw_certificates,
)
from .completeness import completeness, judging_ends_at, may_override
from .decisions import public_decisions, publish_decision, record_decision, reopen_decision
from .publication import application_feedback, notify_applicants, schedule_notification
from .showcase import (
    photo_consents,
    public_photo,
    public_winner,
    record_publication_consent,
    showcase,
    withdraw_publication_consent,
)
from .status import SCORES_LOCKED_MESSAGE, scores_locked, set_decision_status

__all__ = [
    "SCORES_LOCKED_MESSAGE",
    "application_feedback",
    "awards_per_category",
    "category_applications",
    "certificate_pdf",
    "certificates_of",
    "certificates_zip",
    "chair_of",
    "completeness",
    "decision_for",
    "honourable_mentions_per_category",
    "issue_certificates",
    "judging_ends_at",
    "level_of",
    "may_override",
    "notify_applicants",
    "photo_consents",
    "public_decisions",
    "public_photo",
    "public_winner",
    "publish_decision",
    "record_decision",
    "record_publication_consent",
    "render_certificate",
    "reopen_decision",
    "schedule_notification",
    "scores_locked",
    "set_decision_status",
    "showcase",
    "standing_certificate",
    "verifiable",
    "withdraw_certificates",
    "withdraw_publication_consent",
]
