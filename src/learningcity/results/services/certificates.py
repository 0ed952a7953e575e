"""Certificates (เกียรติบัตร): one Thai PDF per application of a recorded decision, with a QR
code to the public verification page."""

import datetime as dt
import io
import secrets
import zipfile

import segno
from django.conf import settings
from django.db import transaction
from django.tasks import task
from django.urls import reverse
from django.utils import timezone, translation

from learningcity.applications.pdf.render import render_pdf
from learningcity.attachments import storage

from ..enums import AwardLevel, DecisionStatus
from ..models import Certificate, Decision
from .category import category_applications, level_of

CERTIFICATE_DIR = "certificates"
CHAIR_POSITION = "ประธานคณะกรรมการผู้ทรงคุณวุฒิ"
# What the certificate says each level received, in the award's own Thai wording.
WORDING = {
    AwardLevel.WINNER: "รางวัลเมืองแห่งการเรียนรู้ระดับท้องถิ่น",
    AwardLevel.HONOURABLE_MENTION: "รางวัลชมเชย",
    AwardLevel.PARTICIPANT: "เกียรติบัตรผู้เข้าร่วมประกวด",
}


def new_code() -> str:
    """An unguessable code (128 bits) for the verification address."""
    return secrets.token_urlsafe(16)


def verification_url(certificate: Certificate) -> str:
    path = reverse("results:verify", args=[certificate.code])
    return settings.SITE_URL.rstrip("/") + path


def signatories(decision: Decision) -> list[dict]:
    """Names and positions from the edition's ``signatories`` setting, else the chair."""
    configured = decision.edition.settings.get("signatories") or []
    people = [
        {"name": s.get("name_th", ""), "position": s.get("position_th", "")}
        for s in configured
        if s.get("name_th")
    ]
    if not people and decision.chair_id:
        people = [{"name": decision.chair.user.full_name, "position": CHAIR_POSITION}]
    return people


def certificate_context(certificate: Certificate) -> dict:
    decision = certificate.decision
    registration = certificate.application.registration
    url = verification_url(certificate)
    return {
        "certificate": certificate,
        "edition": decision.edition,
        "category": decision.category,
        "area": registration.local_government.full_name_th,
        "province": registration.local_government.province.name_th,
        "level": certificate.level,
        "wording": WORDING[certificate.level],
        "is_awarded": certificate.level != AwardLevel.PARTICIPANT,
        "signatories": signatories(decision),
        # Who gives the certificate, e.g. the organisers, from the edition's settings.
        "issuer": decision.edition.settings.get("certificate_issuer_th", ""),
        "issued_on": decision.publish_at or certificate.issued_at,
        "qr": segno.make(url, error="m").svg_data_uri(scale=4, border=0, dark="#1f2d3d"),
        "verification_url": url,
    }


def render_certificate(certificate: Certificate) -> bytes:
    """The certificate as a landscape A4 PDF in Thai, whatever the requester's language."""
    with translation.override("th"):
        return render_pdf("results/pdf/certificate.html", certificate_context(certificate))


def stored_name(certificate: Certificate) -> str:
    return f"{CERTIFICATE_DIR}/{certificate.code}.pdf"


def certificate_pdf(certificate: Certificate) -> bytes:
    """The stored PDF, made and stored now if it is not there yet."""
    if certificate.stored_name and storage.exists(certificate.stored_name):
        return storage.read_bytes(certificate.stored_name)
    pdf = render_certificate(certificate)
    name = stored_name(certificate)
    storage.write_atomically(name, pdf)
    Certificate.objects.filter(pk=certificate.pk).update(stored_name=name)
    certificate.stored_name = name
    return pdf


def issue_certificates(decision: Decision, *, render: bool = True) -> list[Certificate]:
    """A certificate for every submitted application of a recorded or published decision's
    category, winners and participants alike; existing ones are kept (their codes stay valid)."""
    decision = Decision.objects.select_related("edition", "category", "chair__user").get(
        pk=decision.pk
    )
    if decision.status not in (DecisionStatus.RECORDED, DecisionStatus.PUBLISHED):
        return []
    existing = {c.application_id: c for c in decision.certificates.all()}
    made = []
    for application in category_applications(decision):
        certificate = existing.get(application.pk)
        if certificate is None:
            certificate = Certificate.objects.create(
                decision=decision,
                application=application,
                level=level_of(decision, application),
                code=new_code(),
                issued_at=timezone.now(),
            )
        made.append(certificate)
    if render:
        for certificate in made:
            certificate.decision = decision
            certificate_pdf(certificate)
    return made


@task
def issue_certificates_task(decision_id: int) -> int:
    """Make and store every certificate of a decision."""
    decision = Decision.objects.filter(pk=decision_id).first()
    return 0 if decision is None else len(issue_certificates(decision))


@transaction.atomic
def withdraw_certificates(decision: Decision) -> int:
    """A reopened decision's certificates stop verifying; their files are removed."""
    certificates = list(decision.certificates.all())
    for certificate in certificates:
        if certificate.stored_name:
            storage.delete(certificate.stored_name)
    decision.certificates.all().delete()
    return len(certificates)


def certificates_of(decision: Decision):
    return Certificate.objects.filter(decision=decision).select_related(
        "application__registration__local_government"
    )


def _with_decision():
    return Certificate.objects.select_related(
        "decision__edition",
        "decision__category",
        "application__registration__local_government__province",
    )


def standing_certificate(code: str) -> Certificate | None:
    """The certificate with this code, if its decision still stands (recorded or published):
    what the secretariat may print before the ceremony."""
    return (
        _with_decision()
        .filter(code=code, decision__status__in=(DecisionStatus.RECORDED, DecisionStatus.PUBLISHED))
        .first()
    )


def verifiable(code: str, at: dt.datetime | None = None) -> Certificate | None:
    """The certificate with this code, once its category's results are public: before then
    the public verification page confirms nothing, as for a code that does not exist."""
    at = at or timezone.now()
    return (
        _with_decision()
        .filter(code=code, decision__status=DecisionStatus.PUBLISHED, decision__publish_at__lte=at)
        .first()
    )


def certificates_zip(decision: Decision) -> bytes:
    """Every certificate of a decision in one ZIP, one PDF per area, named by reference."""
    out = io.BytesIO()
    certificates = Certificate.objects.filter(decision=decision).select_related(
        "decision__edition",
        "decision__category",
        "decision__chair__user",
        "application__registration__local_government__province",
    )
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as archive:
        for certificate in certificates:
            name = (
                f"certificate-{certificate.application.reference or certificate.application_id}.pdf"
            )
            archive.writestr(name, certificate_pdf(certificate))
    return out.getvalue()
