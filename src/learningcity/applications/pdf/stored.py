"""The application's PDF as submitted, built once per submission and served from storage.

Rendering the whole application takes about a third of a second of CPU; the submitted content
no longer changes (until the secretariat reopens it, which ends with a new submission time), so
the PDF is built once, in the background at submission, and every later download is a file.
While the application is a draft or reopened it is rendered on each download, as before.
"""

from django.db import IntegrityError, transaction
from django.tasks import task

from learningcity.attachments import storage

from ..enums import ApplicationStatus
from ..models import Application, ApplicationPdf
from .documents import application_pdf

PDF_DIR = "application-pdfs"


def stored_name(application: Application) -> str:
    stamp = application.submitted_at.strftime("%Y%m%dT%H%M%S%f")
    return f"{PDF_DIR}/{application.pk}/{stamp}.pdf"


def build_submitted_pdf(application: Application) -> ApplicationPdf:
    """Render the submitted application and keep the PDF (written atomically) in storage."""
    name = stored_name(application)
    storage.write_atomically(name, application_pdf(application))
    try:
        with transaction.atomic():
            record, _created = ApplicationPdf.objects.update_or_create(
                application=application,
                submitted_at=application.submitted_at,
                defaults={"stored_name": name},
            )
    except IntegrityError:  # built by the worker and a download at the same moment
        record = ApplicationPdf.objects.get(
            application=application, submitted_at=application.submitted_at
        )
    return record


def submitted_pdf(application: Application) -> ApplicationPdf | None:
    """The stored PDF of the application's current submission (built now if it is missing);
    ``None`` while the application is a draft or reopened."""
    if application.status != ApplicationStatus.SUBMITTED or application.submitted_at is None:
        return None
    record = ApplicationPdf.objects.filter(
        application=application, submitted_at=application.submitted_at
    ).first()
    if record is not None and storage.exists(record.stored_name):
        return record
    return build_submitted_pdf(application)


@task
def build_application_pdf(application_id: int) -> bool:
    """Run by the worker once the submission is committed."""
    application = Application.objects.select_related("registration").get(pk=application_id)
    return submitted_pdf(application) is not None
