"""The expected permission table: URL pattern → role → what the answer must be.

Roles, in column order: anonymous, applicant_a (coordinator of organisation A, whose
application is submitted, with files), applicant_b (coordinator of organisation B), head_a
(head of A's local government), judge (assigned to A's application), conflicted_judge
(declared a conflict with organisation A), secretariat, superuser.

Answers: ok (2xx), login (redirect to a log-in page), redirect (any other redirect),
a status code (404, 405, 400...), any (not compared; the superuser in the admin).
403 is never a right answer: what someone may not see answers 404.

URL arguments name objects of the world (tests/security/world.py) or are literal values.
"""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Row:
    GET: str
    POST: str
    arguments: dict = field(default_factory=dict)

    def expected(self, method: str) -> list[str]:
        return getattr(self, method).split()


def row(*, GET: str, POST: str, **arguments) -> Row:
    return Row(GET, POST, arguments)


# The values the recorder tries first for URL arguments of a new row.
GUESSES = {
    "pk": "missing",
    "app_pk": "application_a",
    "number": "edition",
    "edition_number": "edition",
    "code": "category",
    "reference": "reference_a",
    "token": "no-such-token",
    "uidb64": "MQ",
    "mode": "fit",
    "object_id": "1",
    "app_label": "accounts",
    "content_type_id": 1,
}

# Django's admin: every URL sends anyone but a staff member to the admin's log-in page; the
# superuser's answers vary by page and are not compared, except that they are never a server
# error. The admin alone may answer the superuser 403, for actions a model's admin switches
# off (adding or deleting append-only rows such as the audit log): nothing is hidden there.
ADMIN = "login login login login login login login any"
ADMIN_ARGUMENTS = {"object_id": "1", "id": "1", "app_label": "accounts", "content_type_id": 1}

# One column per role, aligned so the table reads as a table: the formatter leaves it be.
# fmt: off
ROWS: dict[str, Row] = {
    # editions
    #         anon     appl_a   appl_b   head_a   judge    conflict secret   super
    "editions:call": row(
        GET= "ok       ok       ok       ok       ok       ok       ok       ok",
        POST="ok       ok       ok       ok       ok       ok       ok       ok"),
    "editions:edition_call": row(number="edition",
        GET= "ok       ok       ok       ok       ok       ok       ok       ok",
        POST="ok       ok       ok       ok       ok       ok       ok       ok"),
    # accounts
    #         anon     appl_a   appl_b   head_a   judge    conflict secret   super
    "accounts:home": row(
        GET= "login    ok       ok       ok       ok       ok       ok       ok",
        POST="login    ok       ok       ok       ok       ok       ok       ok"),
    "accounts:signup": row(
        GET= "ok       redirect redirect redirect redirect redirect redirect redirect",
        POST="ok       redirect redirect redirect redirect redirect redirect redirect"),
    "accounts:signup_done": row(
        GET= "ok       ok       ok       ok       ok       ok       ok       ok",
        POST="ok       ok       ok       ok       ok       ok       ok       ok"),
    "accounts:resend_verification": row(
        GET= "ok       ok       ok       ok       ok       ok       ok       ok",
        POST="ok       ok       ok       ok       ok       ok       ok       ok"),
    "accounts:resend_verification_done": row(
        GET= "ok       ok       ok       ok       ok       ok       ok       ok",
        POST="ok       ok       ok       ok       ok       ok       ok       ok"),
    "accounts:verify_email": row(uidb64="MQ", token="no-such-token",
        GET= "ok       ok       ok       ok       ok       ok       ok       ok",
        POST="ok       ok       ok       ok       ok       ok       ok       ok"),
    "accounts:login": row(
        GET= "ok       redirect redirect redirect redirect redirect redirect redirect",
        POST="ok       redirect redirect redirect redirect redirect redirect redirect"),
    "accounts:logout": row(
        GET= "405      405      405      405      405      405      405      405",
        POST="redirect redirect redirect redirect redirect redirect redirect redirect"),
    "accounts:session": row(
        GET= "ok       ok       ok       ok       ok       ok       ok       ok",
        POST="405      405      405      405      405      405      405      405"),
    "accounts:session_login": row(
        GET= "405      405      405      405      405      405      405      405",
        POST="400      400      400      400      400      400      400      400"),
    "accounts:session_back": row(
        GET= "ok       ok       ok       ok       ok       ok       ok       ok",
        POST="ok       ok       ok       ok       ok       ok       ok       ok"),
    "accounts:password_reset": row(
        GET= "ok       ok       ok       ok       ok       ok       ok       ok",
        POST="ok       ok       ok       ok       ok       ok       ok       ok"),
    "accounts:password_reset_done": row(
        GET= "ok       ok       ok       ok       ok       ok       ok       ok",
        POST="405      405      405      405      405      405      405      405"),
    "accounts:password_reset_confirm": row(uidb64="MQ", token="no-such-token",
        GET= "ok       ok       ok       ok       ok       ok       ok       ok",
        POST="ok       ok       ok       ok       ok       ok       ok       ok"),
    "accounts:password_reset_complete": row(
        GET= "ok       ok       ok       ok       ok       ok       ok       ok",
        POST="405      405      405      405      405      405      405      405"),
    "accounts:organisation": row(pk="org_a",
        GET= "login    ok       404      ok       404      404      ok       ok",
        POST="login    ok       404      ok       404      404      ok       ok"),
    "accounts:second_factor": row(
        GET= "login    redirect redirect redirect redirect redirect redirect redirect",
        POST="login    redirect redirect redirect redirect redirect redirect redirect"),
    "accounts:second_factor_verify": row(
        GET= "login    redirect redirect redirect ok       ok       ok       ok",
        POST="login    redirect redirect redirect ok       ok       ok       ok"),
    "accounts:second_factor_enrol": row(
        GET= "login    ok       ok       ok       ok       ok       ok       ok",
        POST="login    ok       ok       ok       ok       ok       ok       ok"),
    "accounts:change_email": row(
        GET= "login    ok       ok       ok       ok       ok       ok       ok",
        POST="login    ok       ok       ok       ok       ok       ok       ok"),
    "accounts:confirm_email_change": row(token="no-such-token",
        GET= "400      400      400      400      400      400      400      400",
        POST="400      400      400      400      400      400      400      400"),
    "accounts:confirm_password": row(
        GET= "login    ok       ok       ok       ok       ok       ok       ok",
        POST="login    ok       ok       ok       ok       ok       ok       ok"),
    # registry
    #         anon     appl_a   appl_b   head_a   judge    conflict secret   super
    "registry:search": row(
        GET= "ok       ok       ok       ok       ok       ok       ok       ok",
        POST="405      405      405      405      405      405      405      405"),
    # applications
    #         anon     appl_a   appl_b   head_a   judge    conflict secret   super
    "applications:dashboard": row(
        GET= "login    ok       ok       ok       ok       ok       ok       ok",
        POST="login    ok       ok       ok       ok       ok       ok       ok"),
    "applications:register": row(edition_number="edition",
        GET= "login    ok       ok       ok       ok       ok       ok       ok",
        POST="login    ok       ok       ok       ok       ok       ok       ok"),
    "applications:registration": row(pk="registration_a",
        GET= "login    ok       404      ok       404      404      ok       ok",
        POST="login    ok       404      ok       404      404      ok       ok"),
    "applications:edit_registration": row(pk="registration_a",
        GET= "login    redirect 404      404      404      404      404      redirect",
        POST="login    redirect 404      404      404      404      404      redirect"),
    "applications:invite": row(pk="registration_a",
        GET= "login    405      405      405      405      405      405      405",
        POST="login    ok       404      404      404      404      404      ok"),
    "applications:application": row(pk="registration_a",
        GET= "login    ok       404      ok       404      404      ok       ok",
        POST="login    ok       404      ok       404      404      ok       ok"),
    "applications:save_section": row(pk="application_a", number="criterion",
        GET= "login    405      405      405      405      405      405      405",
        POST="login    400      404      404      404      404      404      400"),
    "applications:application_pdf": row(pk="application_a",
        GET= "login    ok       404      ok       404      404      ok       ok",
        POST="login    405      405      405      405      405      405      405"),
    "applications:certification_pdf": row(pk="application_a",
        GET= "login    ok       404      ok       404      404      ok       ok",
        POST="login    405      405      405      405      405      405      405"),
    "applications:signed_certification": row(pk="application_a",
        GET= "login    ok       404      ok       404      404      ok       ok",
        POST="login    405      405      405      405      405      405      405"),
    "applications:check": row(pk="application_a",
        GET= "login    ok       404      ok       404      404      ok       ok",
        POST="login    ok       404      ok       404      404      ok       ok"),
    "applications:certify_account": row(pk="application_a",
        GET= "login    405      405      405      405      405      405      405",
        POST="login    ok       404      ok       404      404      ok       ok"),
    "applications:certify_upload": row(pk="application_a",
        GET= "login    405      405      405      405      405      405      405",
        POST="login    ok       404      ok       404      404      ok       ok"),
    "applications:submit": row(pk="application_a",
        GET= "login    405      405      405      405      405      405      405",
        POST="login    redirect 404      404      404      404      404      redirect"),
    "applications:receipt": row(pk="application_a",
        GET= "login    ok       404      ok       404      404      ok       ok",
        POST="login    ok       404      ok       404      404      ok       ok"),
    "applications:secretariat_application": row(pk="application_a",
        GET= "login    404      404      404      404      404      ok       ok",
        POST="login    404      404      404      404      404      ok       ok"),
    "applications:secretariat_reopen": row(pk="application_a",
        GET= "login    405      405      405      405      405      405      405",
        POST="login    404      404      404      404      404      ok       ok"),
    "applications:secretariat_extend": row(pk="application_a",
        GET= "login    405      405      405      405      405      405      405",
        POST="login    404      404      404      404      404      ok       ok"),
    "applications:accept_invitation": row(token="no-such-token",
        GET= "login    404      404      404      404      404      404      404",
        POST="login    404      404      404      404      404      404      404"),
    # attachments
    #         anon     appl_a   appl_b   head_a   judge    conflict secret   super
    "attachments:list": row(app_pk="application_a",
        GET= "login    ok       404      ok       404      404      ok       ok",
        POST="login    ok       404      ok       404      404      ok       ok"),
    "attachments:upload": row(app_pk="application_a",
        GET= "login    405      405      405      405      405      405      405",
        POST="login    400      404      400      404      404      400      400"),
    "attachments:convert": row(app_pk="application_a", token="no-such-token",
        GET= "login    redirect 404      redirect 404      404      redirect redirect",
        POST="login    redirect 404      redirect 404      404      redirect redirect"),
    "attachments:convert_preview": row(app_pk="application_a", token="no-such-token", mode="fit",
        GET= "login    404      404      404      404      404      404      404",
        POST="login    404      404      404      404      404      404      404"),
    "attachments:download": row(pk="attachment_a",
        GET= "login    ok       404      ok       ok       404      ok       ok",
        POST="login    ok       404      ok       ok       404      ok       ok"),
    "attachments:thumbnail": row(pk="attachment_a",
        GET= "login    404      404      404      404      404      404      404",
        POST="login    404      404      404      404      404      404      404"),
    "attachments:delete": row(pk="attachment_a",
        GET= "login    405      405      405      405      405      405      405",
        POST="login    redirect 404      redirect 404      404      redirect redirect"),
    # judging
    #         anon     appl_a   appl_b   head_a   judge    conflict secret   super
    "judging:home": row(
        GET= "login    404      404      404      ok       ok       404      ok",
        POST="login    405      405      405      405      405      405      405"),
    "judging:review": row(pk="application_a",
        GET= "login    404      404      404      ok       404      404      404",
        POST="login    404      404      404      422      404      404      404"),
    "judging:score": row(pk="application_a", number="criterion",
        GET= "login    405      405      405      405      405      405      405",
        POST="login    404      404      404      422      404      404      404"),
    "judging:application_pdf": row(pk="application_a",
        GET= "login    404      404      404      ok       404      404      404",
        POST="login    405      405      405      405      405      405      405"),
    "judging:conflicts": row(number="edition",
        GET= "login    404      404      404      ok       ok       404      404",
        POST="login    404      404      404      ok       ok       404      404"),
    "judging:manage": row(
        GET= "login    404      404      404      404      404      ok       ok",
        POST="login    405      405      405      405      405      405      405"),
    "judging:manage_committee": row(number="edition",
        GET= "login    404      404      404      404      404      ok       ok",
        POST="login    404      404      404      404      404      422      422"),
    "judging:manage_chair": row(number="edition", pk="judge",
        GET= "login    405      405      405      405      405      405      405",
        POST="login    404      404      404      404      404      redirect redirect"),
    "judging:manage_conflicts": row(number="edition", pk="judge",
        GET= "login    404      404      404      404      404      ok       ok",
        POST="login    404      404      404      404      404      ok       ok"),
    "judging:manage_assignments": row(number="edition",
        GET= "login    404      404      404      404      404      ok       ok",
        POST="login    405      405      405      405      405      405      405"),
    "judging:manage_assign_one": row(number="edition", app_pk="application_a",
        GET= "login    405      405      405      405      405      405      405",
        POST="login    404      404      404      404      404      redirect redirect"),
    "judging:manage_assign_category": row(number="edition",
        GET= "login    405      405      405      405      405      405      405",
        POST="login    404      404      404      404      404      422      422"),
    "judging:manage_assign_csv": row(number="edition",
        GET= "login    405      405      405      405      405      405      405",
        POST="login    404      404      404      404      404      422      422"),
    "judging:manage_assign_auto": row(number="edition",
        GET= "login    405      405      405      405      405      405      405",
        POST="login    404      404      404      404      404      422      422"),
    "judging:manage_remind": row(number="edition",
        GET= "login    405      405      405      405      405      405      405",
        POST="login    404      404      404      404      404      redirect redirect"),
    "judging:manage_ranking": row(number="edition", code="category",
        GET= "login    404      404      404      404      404      ok       ok",
        POST="login    405      405      405      405      405      405      405"),
    # results
    #         anon     appl_a   appl_b   head_a   judge    conflict secret   super
    "results:edition": row(number="edition",
        GET= "404      404      404      404      404      404      404      404",
        POST="404      404      404      404      404      404      404      404"),
    "results:showcase": row(number="edition", reference="reference_a",
        GET= "404      404      404      404      404      404      404      404",
        POST="404      404      404      404      404      404      404      404"),
    "results:photo": row(pk="attachment_a",
        GET= "404      404      404      404      404      404      404      404",
        POST="404      404      404      404      404      404      404      404"),
    "results:photo_thumbnail": row(pk="attachment_a",
        GET= "404      404      404      404      404      404      404      404",
        POST="404      404      404      404      404      404      404      404"),
    "results:verify": row(code="certificate",
        GET= "404      404      404      404      404      404      404      404",
        POST="404      404      404      404      404      404      404      404"),
    "results:certificate_pdf": row(code="certificate",
        GET= "login    404      404      404      404      404      404      404",
        POST="login    404      404      404      404      404      404      404"),
    "results:manage_edition": row(number="edition",
        GET= "login    404      404      404      404      404      ok       ok",
        POST="login    404      404      404      404      404      ok       ok"),
    "results:manage_category": row(number="edition", code="category",
        GET= "login    404      404      404      404      404      ok       ok",
        POST="login    404      404      404      404      404      ok       ok"),
    "results:record": row(number="edition", code="category",
        GET= "login    405      405      405      405      405      405      405",
        POST="login    404      404      404      404      404      400      400"),
    "results:publish": row(number="edition", code="category",
        GET= "login    405      405      405      405      405      405      405",
        POST="login    404      404      404      404      404      400      400"),
    "results:reopen": row(number="edition", code="category",
        GET= "login    405      405      405      405      405      405      405",
        POST="login    404      404      404      404      404      400      400"),
    "results:certificates": row(number="edition", code="category",
        GET= "login    405      405      405      405      405      405      405",
        POST="login    404      404      404      404      404      404      404"),
    # No certificate is issued in the test world: the ZIP is empty for everyone (404).
    "results:certificates_zip": row(number="edition", code="category",
        GET= "login    404      404      404      404      404      404      404",
        POST="login    404      404      404      404      404      404      404"),
    "results:consent": row(number="edition", code="category", app_pk="application_a",
        GET= "login    405      405      405      405      405      405      405",
        POST="login    404      404      404      404      404      404      404"),
    # secretariat
    #         anon     appl_a   appl_b   head_a   judge    conflict secret   super
    "secretariat:dashboard": row(
        GET= "login    404      404      404      404      404      ok       ok",
        POST="login    404      404      404      404      404      ok       ok"),
    "secretariat:registrations": row(
        GET= "login    404      404      404      404      404      ok       ok",
        POST="login    404      404      404      404      404      ok       ok"),
    "secretariat:applications": row(
        GET= "login    404      404      404      404      404      ok       ok",
        POST="login    404      404      404      404      404      ok       ok"),
    "secretariat:review_queue": row(
        GET= "login    404      404      404      404      404      ok       ok",
        POST="login    404      404      404      404      404      ok       ok"),
    "secretariat:review": row(pk="registration_a",
        GET= "login    404      404      404      404      404      ok       ok",
        POST="login    404      404      404      404      404      ok       ok"),
    "secretariat:decide": row(pk="registration_a",
        GET= "login    404      404      404      404      404      405      405",
        POST="login    404      404      404      404      404      ok       ok"),
    "secretariat:prizes": row(
        GET= "login    404      404      404      404      404      ok       ok",
        POST="login    404      404      404      404      404      ok       ok"),
    "secretariat:add_winner": row(
        GET= "login    404      404      404      404      404      405      405",
        POST="login    404      404      404      404      404      ok       ok"),
    "secretariat:set_delivery": row(pk="prize_delivery",
        GET= "login    404      404      404      404      404      405      405",
        POST="login    404      404      404      404      404      404      404"),
    "secretariat:audit": row(
        GET= "login    404      404      404      404      404      ok       ok",
        POST="login    404      404      404      404      404      ok       ok"),
    "secretariat:next_edition": row(
        GET= "login    404      404      404      404      404      ok       ok",
        POST="login    404      404      404      404      404      ok       ok"),
    "secretariat:edition": row(number="edition",
        GET= "login    404      404      404      404      404      ok       ok",
        POST="login    404      404      404      404      404      ok       ok"),
    "secretariat:edition_status": row(number="edition",
        GET= "login    404      404      404      404      404      405      405",
        POST="login    404      404      404      404      404      404      404"),
    "secretariat:edition_preview": row(number="edition",
        GET= "login    404      404      404      404      404      ok       ok",
        POST="login    404      404      404      404      404      ok       ok"),
    "secretariat:edition_section": row(number="edition", section="criteria",
        GET= "login    404      404      404      404      404      ok       ok",
        POST="login    404      404      404      404      404      400      400"),
    # events
    #         anon     appl_a   appl_b   head_a   judge    conflict secret   super
    "events:index": row(
        GET= "login    404      404      404      404      404      ok       ok",
        POST="login    404      404      404      404      404      ok       ok"),
    "events:training": row(edition_number="edition",
        GET= "login    404      404      404      404      404      ok       ok",
        POST="login    404      404      404      404      404      ok       ok"),
    "events:waiver": row(edition_number="edition",
        GET= "login    405      405      405      405      405      405      405",
        POST="login    404      404      404      404      404      redirect redirect"),
    "events:checkin": row(pk="training_session",
        GET= "login    404      404      404      404      404      ok       ok",
        POST="login    404      404      404      404      404      404      404"),
    "events:import": row(pk="training_session",
        GET= "login    405      405      405      405      405      405      405",
        POST="login    404      404      404      404      404      redirect redirect"),
    "events:expected": row(pk="training_session",
        GET= "login    404      404      404      404      404      ok       ok",
        POST="login    404      404      404      404      404      ok       ok"),
    "events:undo": row(pk="attendance",
        GET= "login    405      405      405      405      405      405      405",
        POST="login    404      404      404      404      404      redirect redirect"),
    "events:presentation": row(edition_number="edition",
        GET= "login    404      404      404      404      404      ok       ok",
        POST="login    404      404      404      404      404      ok       ok"),
    "events:allocate": row(edition_number="edition",
        GET= "login    405      405      405      405      405      405      405",
        POST="login    404      404      404      404      404      redirect redirect"),
    "events:swap": row(edition_number="edition",
        GET= "login    405      405      405      405      405      405      405",
        POST="login    404      404      404      404      404      404      404"),
    "events:add_slot": row(edition_number="edition",
        GET= "login    405      405      405      405      405      405      405",
        POST="login    404      404      404      404      404      ok       ok"),
    "events:running_order": row(edition_number="edition",
        GET= "login    404      404      404      404      404      ok       ok",
        POST="login    404      404      404      404      404      ok       ok"),
    "events:decide": row(pk="slot_request",
        GET= "login    405      405      405      405      405      405      405",
        POST="login    404      404      404      404      404      404      404"),
    "events:registration": row(pk="registration_a",
        GET= "login    ok       404      ok       404      404      ok       ok",
        POST="login    ok       404      404      404      404      404      ok"),
    # notices
    #         anon     appl_a   appl_b   head_a   judge    conflict secret   super
    "notices:index": row(
        GET= "404      404      404      404      404      404      ok       ok",
        POST="404      404      404      404      404      404      ok       ok"),
    "notices:template_new": row(
        GET= "404      404      404      404      404      404      ok       ok",
        POST="404      404      404      404      404      404      ok       ok"),
    "notices:template_edit": row(pk="notice_template",
        GET= "404      404      404      404      404      404      404      404",
        POST="404      404      404      404      404      404      404      404"),
    "notices:compose": row(
        GET= "404      404      404      404      404      404      ok       ok",
        POST="404      404      404      404      404      404      ok       ok"),
    "notices:detail": row(pk="notice",
        GET= "404      404      404      404      404      404      404      404",
        POST="404      404      404      404      404      404      404      404"),
    # exports
    #         anon     appl_a   appl_b   head_a   judge    conflict secret   super
    "exports:index": row(
        GET= "404      404      404      404      404      404      ok       ok",
        POST="405      405      405      405      405      405      405      405"),
    "exports:start": row(
        GET= "405      405      405      405      405      405      405      405",
        POST="404      404      404      404      404      404      400      400"),
    "exports:download": row(pk="export_job",
        GET= "404      404      404      404      404      404      404      404",
        POST="404      404      404      404      404      404      404      404"),
    "exports:application_files": row(pk="application_a",
        GET= "404      ok       404      ok       404      404      ok       ok",
        POST="404      ok       404      ok       404      404      ok       ok"),
    # privacy
    #         anon     appl_a   appl_b   head_a   judge    conflict secret   super
    "privacy:notice": row(
        GET= "ok       ok       ok       ok       ok       ok       ok       ok",
        POST="ok       ok       ok       ok       ok       ok       ok       ok"),
    "privacy:my_data": row(
        GET= "login    ok       ok       ok       ok       ok       ok       ok",
        POST="login    ok       ok       ok       ok       ok       ok       ok"),
    "privacy:consent": row(app_pk="application_a",
        GET= "login    ok       404      404      404      404      404      ok",
        POST="login    redirect 404      404      404      404      404      redirect"),
    "privacy:retention": row(
        GET= "login    404      404      404      404      404      ok       ok",
        POST="login    404      404      404      404      404      ok       ok"),
    "privacy:retention_detail": row(edition_pk="edition_pk",
        GET= "login    404      404      404      404      404      ok       ok",
        POST="login    404      404      404      404      404      ok       ok"),
    # set_language
    #         anon     appl_a   appl_b   head_a   judge    conflict secret   super
    "set_language": row(
        GET= "redirect redirect redirect redirect redirect redirect redirect redirect",
        POST="redirect redirect redirect redirect redirect redirect redirect redirect"),
    # privacy: a person's consents, data and erasure requests
    #         anon     appl_a   appl_b   head_a   judge    conflict secret   super
    "privacy:me": row(
        GET= "login    ok       ok       ok       ok       ok       ok       ok",
        POST="login    ok       ok       ok       ok       ok       ok       ok"),
    "privacy:my_consents": row(
        GET= "login    ok       ok       ok       ok       ok       ok       ok",
        POST="login    404      404      404      404      404      404      404"),
    "privacy:erasure_request": row(
        GET= "login    405      405      405      405      405      405      405",
        POST="login    redirect redirect redirect redirect redirect redirect redirect"),
    "privacy:erasure_withdraw": row(pk="missing",
        GET= "login    405      405      405      405      405      405      405",
        POST="login    404      404      404      404      404      404      404"),
    "privacy:erasure_list": row(
        GET= "login    404      404      404      404      404      ok       ok",
        POST="login    404      404      404      404      404      ok       ok"),
    "privacy:erasure_detail": row(pk="missing",
        GET= "login    404      404      404      404      404      404      404",
        POST="login    404      404      404      404      404      404      404"),
    # the self-assessment: an organisation's assessment is its members' (and the secretariat's)
    #         anon     appl_a   appl_b   head_a   judge    conflict secret   super
    "assessments:start": row(
        GET= "ok       ok       ok       ok       ok       ok       ok       ok",
        POST="redirect redirect redirect redirect redirect redirect redirect redirect"),
    "assessments:mine": row(
        GET= "login    ok       ok       ok       ok       ok       ok       ok",
        POST="login    405      405      405      405      405      405      405"),
    "assessments:readiness": row(
        GET= "login    404      404      404      404      404      ok       ok",
        POST="login    405      405      405      405      405      405      405"),
    "assessments:readiness_csv": row(
        GET= "login    404      404      404      404      404      ok       ok",
        POST="login    405      405      405      405      405      405      405"),
    "assessments:result": row(token="assessment_a",
        GET= "404      ok       404      ok       404      404      ok       ok",
        POST="405      405      405      405      405      405      405      405"),
    "assessments:step": row(token="assessment_a", number="1",
        GET= "404      ok       404      ok       404      404      ok       ok",
        POST="404      redirect 404      redirect 404      404      404      redirect"),
    "assessments:complete": row(token="assessment_a",
        GET= "405      405      405      405      405      405      405      405",
        POST="404      redirect 404      redirect 404      404      404      redirect"),
    "assessments:attach": row(token="assessment_a",
        GET= "login    405      405      405      405      405      405      405",
        POST="login    redirect 404      redirect 404      404      404      redirect"),
    # the network: public directory, open data, API and magazine; writing is the secretariat's
    #         anon     appl_a   appl_b   head_a   judge    conflict secret   super
    "network:directory": row(
        GET= "ok       ok       ok       ok       ok       ok       ok       ok",
        POST="405      405      405      405      405      405      405      405"),
    "network:area": row(dla_code="area_a",
        GET= "ok       ok       ok       ok       ok       ok       ok       ok",
        POST="405      405      405      405      405      405      405      405"),
    "network:data": row(
        GET= "ok       ok       ok       ok       ok       ok       ok       ok",
        POST="405      405      405      405      405      405      405      405"),
    "network:download": row(kind="areas", fmt="csv",
        GET= "ok       ok       ok       ok       ok       ok       ok       ok",
        POST="405      405      405      405      405      405      405      405"),
    "network:api": row(kind="areas",
        GET= "ok       ok       ok       ok       ok       ok       ok       ok",
        POST="405      405      405      405      405      405      405      405"),
    "network:stories": row(
        GET= "ok       ok       ok       ok       ok       ok       ok       ok",
        POST="405      405      405      405      405      405      405      405"),
    "network:feed": row(
        GET= "ok       ok       ok       ok       ok       ok       ok       ok",
        POST="ok       ok       ok       ok       ok       ok       ok       ok"),
    "network:manage_stories": row(
        GET= "login    404      404      404      404      404      ok       ok",
        POST="login    405      405      405      405      405      405      405"),
    "network:new_story": row(
        GET= "login    404      404      404      404      404      ok       ok",
        POST="login    404      404      404      404      404      ok       ok"),
    "network:edit_story": row(pk="story_pk",
        GET= "login    404      404      404      404      404      ok       ok",
        POST="login    404      404      404      404      404      ok       ok"),
    "network:story_status": row(pk="story_pk",
        GET= "login    405      405      405      405      405      405      405",
        POST="login    404      404      404      404      404      404      404"),
    "network:story": row(slug="story",
        GET= "ok       ok       ok       ok       ok       ok       ok       ok",
        POST="405      405      405      405      405      405      405      405"),
    "network:story_photo": row(slug="story",
        GET= "404      404      404      404      404      404      404      404",
        POST="405      405      405      405      405      405      405      405"),
    # admin: Django's own; anyone but a staff member is sent to its log-in page.
    #         anon     appl_a   appl_b   head_a   judge    conflict secret   super
    "admin:login": row(
        GET= "ok       ok       ok       ok       ok       ok       ok       redirect",
        POST="ok       ok       ok       ok       ok       ok       ok       ok"),
    "admin:logout": row(
        GET= "redirect redirect redirect redirect redirect redirect redirect 405",
        POST="redirect redirect redirect redirect redirect redirect redirect redirect"),
    "admin:otp_totp_totpdevice_config": row(pk="totp_device",
        GET= "login    login    login    login    login    login    login    ok",
        POST="login    login    login    login    login    login    login    ok"),
    "admin:otp_totp_totpdevice_qrcode": row(pk="totp_device",
        GET= "login    login    login    login    login    login    login    ok",
        POST="login    login    login    login    login    login    login    ok"),
    "admin:*": row(GET=ADMIN, POST=ADMIN, **ADMIN_ARGUMENTS),
    "admin/*": row(GET=ADMIN, POST=ADMIN, **ADMIN_ARGUMENTS),
}
# fmt: on


def row_for(key: str) -> Row | None:
    """The row of a URL pattern: its own, else the first wildcard row whose prefix matches."""
    if key in ROWS:
        return ROWS[key]
    for pattern, candidate in ROWS.items():
        if pattern.endswith("*") and key.startswith(pattern[:-1]):
            return candidate
    return None
