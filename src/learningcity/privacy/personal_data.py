"""Where personal data lives: every model field that can hold it, what retention does with it,
and the copies outside the rows (files, exports, audit entries, the outbox, backups).

This map drives the retention task (``privacy.services.retention``) and the person's "my data"
download; ``tests/privacy/test_personal_data_map.py`` fails when a model gains a text, e-mail,
JSON or file field that is in neither ``PERSONAL_FIELDS`` nor ``NOT_PERSONAL``.
"""

import enum
from dataclasses import dataclass

# What a removed value becomes, in every table and file the platform writes.
ERASED = "[ลบแล้ว]"


class Treatment(enum.StrEnum):
    """What the edition's retention (or a person's erasure) does with a field."""

    ERASE = "erase"  # replaced by ERASED
    EMAIL = "email"  # replaced by an address under example.invalid (the column must stay valid)
    CONSENTED = "consented"  # kept while the application's consent ``purpose`` stands, else erased
    FILE = "file"  # the stored file is removed (or replaced by a placeholder when a row needs it)
    SCRUB = "scrub"  # free text or JSON that may quote a personal value: occurrences replaced
    ACCOUNT = "account"  # the person's own account: kept while it lives, erased on their request


@dataclass(frozen=True)
class PersonalField:
    """One field that holds personal data, and why and how long it is kept."""

    name: str  # "app_label.model.field"
    treatment: Treatment
    reason: str
    # A lookup from the model to its edition ("registration__edition"); empty when the row is
    # not an edition's (accounts, free text quoting values).
    edition_path: str = ""
    purpose: str = ""  # CONSENTED: the consent purpose on the application that keeps it
    application_path: str = ""  # CONSENTED: a lookup from the model to its application

    @property
    def model_label(self) -> str:
        return self.name.rsplit(".", 1)[0]

    @property
    def field(self) -> str:
        return self.name.rsplit(".", 1)[1]


T = Treatment
REG = "registration__edition"
APP = "application__registration__edition"
ANSWER = "answer__application__registration__edition"

PERSONAL_FIELDS: tuple[PersonalField, ...] = (
    # Accounts: the person's own; erased on an approved erasure request.
    PersonalField("accounts.user.email", T.ACCOUNT, "log-in and every e-mail to the person"),
    PersonalField("accounts.user.full_name", T.ACCOUNT, "shown to co-workers and the secretariat"),
    PersonalField("accounts.user.phone", T.ACCOUNT, "the secretariat calls about the entry"),
    # Registration contacts: needed until the edition's results, then erased.
    PersonalField("applications.registration.coordinator_name", T.ERASE, "contact", "edition"),
    PersonalField("applications.registration.coordinator_phone", T.ERASE, "contact", "edition"),
    PersonalField("applications.registration.coordinator_email", T.EMAIL, "contact", "edition"),
    PersonalField(
        "applications.registration.head_name", T.ERASE, "who signs for the area", "edition"
    ),
    PersonalField("applications.representative.full_name", T.ERASE, "training gate", REG),
    PersonalField("applications.representative.phone", T.ERASE, "training gate", REG),
    PersonalField("applications.representative.email", T.EMAIL, "training gate", REG),
    PersonalField(
        "applications.invitation.email",
        T.EMAIL,
        "co-worker invitation; erased once used or expired",
    ),
    # The application: the head's certification, and the story it tells.
    PersonalField("applications.certification.head_name", T.ERASE, "certification", APP),
    PersonalField(
        "applications.certification.stored_name", T.FILE, "the signed page (a signature)", APP
    ),
    PersonalField(
        "applications.answer.narrative",
        T.CONSENTED,
        "showcase material",
        APP,
        purpose="publish_case_study",
        application_path="application",
    ),
    PersonalField(
        "applications.workinggroupmember.name",
        T.CONSENTED,
        "names of the working group",
        ANSWER,
        purpose="publish_case_study",
        application_path="answer__application",
    ),
    PersonalField(
        "applications.casestudy.alias",
        T.CONSENTED,
        "a learner's story, often a child's",
        ANSWER,
        purpose="publish_case_study",
        application_path="answer__application",
    ),
    PersonalField(
        "applications.casestudy.before",
        T.CONSENTED,
        "a learner's story",
        ANSWER,
        purpose="publish_case_study",
        application_path="answer__application",
    ),
    PersonalField(
        "applications.casestudy.after",
        T.CONSENTED,
        "a learner's story",
        ANSWER,
        purpose="publish_case_study",
        application_path="answer__application",
    ),
    PersonalField(
        "applications.casestudy.evidence",
        T.CONSENTED,
        "a learner's story",
        ANSWER,
        purpose="publish_case_study",
        application_path="answer__application",
    ),
    PersonalField(
        "applications.meeting.note",
        T.CONSENTED,
        "who said what in a meeting",
        ANSWER,
        purpose="publish_case_study",
        application_path="answer__application",
    ),
    # Evidence files (photos of people, signed letters): the rows and files go, except photos
    # of an application whose photo publication consent stands.
    PersonalField(
        "attachments.attachment.stored_name",
        T.FILE,
        "evidence and photos",
        APP,
        purpose="publish_photos",
        application_path="application",
    ),
    PersonalField(
        "attachments.attachment.display_name",
        T.FILE,
        "file names often carry names",
        APP,
        purpose="publish_photos",
        application_path="application",
    ),
    PersonalField(
        "attachments.attachment.caption",
        T.FILE,
        "captions name people",
        APP,
        purpose="publish_photos",
        application_path="application",
    ),
    PersonalField(
        "applications.applicationpdf.stored_name", T.FILE, "the submitted application as PDF", APP
    ),
    # The outbox: a rendered copy of each e-mail, with the recipient.
    PersonalField(
        "notices.outboxmessage.recipient", T.EMAIL, "proof of sending", "notice__edition"
    ),
    PersonalField(
        "notices.outboxmessage.subject", T.ERASE, "rendered with names", "notice__edition"
    ),
    PersonalField("notices.outboxmessage.body", T.ERASE, "rendered with names", "notice__edition"),
    # Consent records: who agreed on whose behalf; kept as proof while the consent stands.
    PersonalField("privacy.consent.on_behalf_of", T.CONSENTED, "proof of consent", "edition"),
    PersonalField("privacy.erasurerequest.reason", T.SCRUB, "the person's own words"),
    PersonalField("privacy.erasurerequest.decision_note", T.SCRUB, "the secretariat's answer"),
    # Free text and JSON that may quote a personal value: each occurrence is replaced.
    PersonalField("audit.auditentry.before", T.SCRUB, "values before a change"),
    PersonalField("audit.auditentry.after", T.SCRUB, "values after a change"),
    PersonalField("audit.auditentry.summary", T.SCRUB, "a reason typed by a person"),
    PersonalField("admin.logentry.object_repr", T.SCRUB, "Django admin history"),
    PersonalField("admin.logentry.change_message", T.SCRUB, "Django admin history"),
    PersonalField("notices.notice.subject_th", T.SCRUB, "the notice as typed"),
    PersonalField("notices.notice.body_th", T.SCRUB, "the notice as typed"),
    PersonalField(
        "notices.outboxmessage.last_error", T.SCRUB, "mail server answers quote addresses"
    ),
    PersonalField("exports.exportjob.error", T.SCRUB, "an error may quote a value"),
    PersonalField("judging.conflict.reason", T.SCRUB, "a judge's words"),
    PersonalField("judging.review.overall_comment", T.SCRUB, "a judge's words"),
    PersonalField("judging.score.comment", T.SCRUB, "a judge's words"),
    PersonalField("judging.scorechange.old_comment", T.SCRUB, "a judge's words"),
    PersonalField("judging.scorechange.new_comment", T.SCRUB, "a judge's words"),
    PersonalField("judging.tiebreakvote.rank_note", T.SCRUB, "a judge's words"),
    PersonalField("results.decision.note", T.SCRUB, "the committee's words"),
    PersonalField("secretariat.prizedelivery.note", T.SCRUB, "the secretariat's words"),
    PersonalField("events.trainingwaiver.reason", T.SCRUB, "why a representative could not come"),
    PersonalField("events.slotchangerequest.reason", T.SCRUB, "an area's words"),
    PersonalField("events.slotchangerequest.decision_note", T.SCRUB, "the secretariat's words"),
    PersonalField("editions.contact.name_th", T.SCRUB, "the secretariat's public contact"),
    PersonalField("editions.contact.nickname_th", T.SCRUB, "the secretariat's public contact"),
    PersonalField("editions.contact.phone", T.SCRUB, "the secretariat's public contact"),
    PersonalField("network.story.title", T.SCRUB, "a public story may name people"),
    PersonalField("network.story.summary", T.SCRUB, "a public story may name people"),
    PersonalField("network.story.body", T.SCRUB, "a public story may name people"),
    PersonalField("assessments.answer.note", T.SCRUB, "an area's own words"),
    PersonalField("assessments.answer.evidence_url", T.SCRUB, "a link may carry a name"),
    # Log-in attempts (django-axes): kept for the cool-off, removed on the person's erasure.
    PersonalField("axes.accessattempt.username", T.ACCOUNT, "throttling log-ins"),
    PersonalField("axes.accessattempt.ip_address", T.ACCOUNT, "throttling log-ins"),
    PersonalField("axes.accessattempt.user_agent", T.ACCOUNT, "throttling log-ins"),
    PersonalField("axes.accessattempt.get_data", T.ACCOUNT, "throttling log-ins"),
    PersonalField("axes.accessattempt.post_data", T.ACCOUNT, "throttling log-ins (no passwords)"),
    PersonalField("axes.accessfailurelog.username", T.ACCOUNT, "throttling log-ins"),
    PersonalField("axes.accessfailurelog.ip_address", T.ACCOUNT, "throttling log-ins"),
    PersonalField("axes.accessfailurelog.user_agent", T.ACCOUNT, "throttling log-ins"),
    PersonalField("axes.accesslog.username", T.ACCOUNT, "log-in history"),
    PersonalField("axes.accesslog.ip_address", T.ACCOUNT, "log-in history"),
    PersonalField("axes.accesslog.user_agent", T.ACCOUNT, "log-in history"),
)

# Every other text, e-mail, JSON or file field, with why it holds no personal data. A key is
# "app_label.model.field", or "app_label.model.*" for a whole model.
NOT_PERSONAL: dict[str, str] = {
    "accounts.user.password": "a salted hash, never shown",
    "accounts.user.role": "a choice",
    "accounts.organisation.*": "organisations are public bodies; names are the registry's",
    "accounts.membership.role": "a choice",
    "editions.edition.*": "edition facts",
    "editions.phase.*": "edition facts",
    "editions.awardcategory.*": "edition facts",
    "editions.criterion.*": "edition facts",
    "editions.requireddocument.*": "edition facts",
    "editions.prize.*": "edition facts",
    "registry.*": "the public DLA registry of local governments",
    "audit.auditentry.action": "an action code",
    "audit.auditentry.object_type": "a model label",
    "audit.auditentry.object_id": "a primary key",
    "applications.application.*": "status and reference code",
    "applications.registration.population_source": "a statistics source",
    "applications.registration.head_position": "an office, not a person",
    "applications.registration.status": "a choice",
    "applications.representative.position": "an office, not a person",
    "applications.invitation.token_hash": "a hash of a random token",
    "applications.certification.method": "a choice",
    "applications.certification.head_position": "an office, not a person",
    "applications.certification.sha256": "a hash of the file",
    "applications.indicator.*": "aggregate figures about the area",
    "applications.learningplace.*": "public places of the area",
    "applications.partner.*": "partner organisations",
    "applications.casestudy.age_group": "a choice",
    "applications.workinggroupmember.role": "a role in the group, without the name",
    "attachments.attachment.kind": "a choice",
    "attachments.attachment.sha256": "a hash of the file",
    "attachments.attachment.content_type": "a media type",
    "judging.review.status": "a choice",
    "results.decision.status": "a choice",
    "results.placing.level": "a choice",
    "results.certificate.*": "the award certificate of an area: a public record",
    "secretariat.prizedelivery.status": "a choice",
    "events.trainingsession.*": "a public training session",
    "events.attendance.method": "a choice",
    "events.presentationslot.meeting_url": "a meeting room address",
    "events.slotchangerequest.status": "a choice",
    "network.story.slug": "an address made from the title",
    "network.story.status": "a choice",
    "assessments.questionnaire.*": "the questionnaire's facts",
    "assessments.dimension.*": "the questionnaire's facts",
    "assessments.question.*": "the questionnaire's facts",
    "assessments.assessment.token": "a random secret link",
    "notices.noticetemplate.*": "templates with placeholders, written by the secretariat",
    "notices.notice.reminder_kind": "a code",
    "notices.notice.filters": "filter choices (status, category, province)",
    "notices.outboxmessage.status": "a choice",
    "notices.reminder.kind": "a code",
    "exports.exportjob.kind": "a choice",
    "exports.exportjob.format": "a choice",
    "exports.exportjob.status": "a choice",
    "exports.exportjob.stored_name": "a random name; the file itself is an EXPORT copy below",
    "privacy.consent.subject_type": "a model label",
    "privacy.consent.subject_id": "a primary key",
    "privacy.consent.purpose": "a choice",
    "privacy.consent.notice_version": "a version code",
    "privacy.consent.covers": "the purpose's wording at the time",
    "privacy.erasurerequest.status": "a choice",
    "admin.logentry.object_id": "a primary key",
    "auth.*": "permission and group names",
    "contenttypes.*": "model names",
    "sessions.session.*": "the session of a log-in (user id, expiry); expires on its own",
    "django_tasks_database.*": "task arguments and results are ids and counts",
    "otp_totp.*": "a second-factor secret, not data about the person",
    "axes.accessattempt.http_accept": "a header",
    "axes.accessattempt.path_info": "the log-in path",
    "axes.accessfailurelog.http_accept": "a header",
    "axes.accessfailurelog.path_info": "the log-in path",
    "axes.accesslog.http_accept": "a header",
    "axes.accesslog.path_info": "the log-in path",
    "axes.accesslog.session_hash": "a hash",
}


@dataclass(frozen=True)
class Copy:
    """A copy of personal data outside a model field."""

    kind: str
    where: str
    retention: str


COPIES: tuple[Copy, ...] = (
    Copy(
        "files",
        "MEDIA_ROOT/attachments, MEDIA_ROOT/certifications",
        "evidence and photos of an edition are removed at its retention date, except photos of "
        "winners with a standing photo consent; signed certification pages are replaced",
    ),
    Copy(
        "exports",
        "MEDIA_ROOT/exports",
        f"each export file and its job are removed {7} days after they were asked for "
        "(privacy.tasks.expire_exports) and at once when their edition's retention runs",
    ),
    Copy(
        "audit",
        "audit.AuditEntry before/after/summary",
        "entries stay (who did what, when); personal values inside them are replaced at the "
        "edition's retention or the person's erasure; new entries store no contact values",
    ),
    Copy(
        "outbox",
        "notices.OutboxMessage",
        "recipient, subject and body are erased at the edition's retention, and 180 days after "
        "sending for every message",
    ),
    Copy(
        "backups",
        "the folders written by `learningcity backup`",
        "a backup holds everything at its date; the operator keeps backups at most 35 days "
        "(the platform does not rotate them); a restored database still holds the confirmed "
        "retention rows, so the daily task anonymises it again",
    ),
)


def entry_for(label: str, field: str) -> PersonalField | str | None:
    """The map's word on a field: its PersonalField, the reason it is not personal, or None."""
    name = f"{label}.{field}"
    for personal in PERSONAL_FIELDS:
        if personal.name == name:
            return personal
    app_label = label.split(".")[0]
    for key in (name, f"{label}.*", f"{app_label}.*"):
        if key in NOT_PERSONAL:
            return NOT_PERSONAL[key]
    return None


def fields_with(*treatments: Treatment) -> list[PersonalField]:
    return [p for p in PERSONAL_FIELDS if p.treatment in treatments]
