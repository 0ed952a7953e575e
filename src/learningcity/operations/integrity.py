"""The integrity check: every stored file whole, every invariant of the data model holding.

Each check yields ``Problem``s with a sentence in the active language (Thai by default); the
command prints them and fails when there is any.
"""

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from django.db.models import Count, F, Q
from django.utils.translation import gettext as _

from learningcity.applications.enums import ApplicationStatus
from learningcity.applications.models import Application, Certification, Registration
from learningcity.attachments import storage
from learningcity.attachments.models import Attachment
from learningcity.editions.models import RequiredDocument
from learningcity.judging.models import Score


@dataclass(frozen=True)
class Problem:
    check: str
    message: str


def _file_problems(label: str, stored_name: str, sha256: str, size: int | None) -> Iterator[str]:
    # The file system or the object store alike (``attachments.storage``).
    if not storage.exists(stored_name):
        yield _("%(what)s: the file %(name)s is missing.") % {"what": label, "name": stored_name}
        return
    actual = storage.size(stored_name)
    if size is not None and actual != size:
        yield _("%(what)s: the file %(name)s has %(actual)s bytes instead of %(size)s.") % {
            "what": label,
            "name": stored_name,
            "actual": actual,
            "size": size,
        }
    elif storage.sha256_of_stored(stored_name) != sha256:
        yield _("%(what)s: the file %(name)s does not match its recorded SHA-256.") % {
            "what": label,
            "name": stored_name,
        }


def check_files(progress: Callable[[str], None]) -> Iterator[str]:
    """Every file a row points at is there, of its size and with its hash."""
    attachments = Attachment.objects.only("pk", "stored_name", "sha256", "size").order_by("pk")
    total = attachments.count()
    for number, attachment in enumerate(attachments.iterator(), start=1):
        label = _("Attachment %(pk)s") % {"pk": attachment.pk}
        yield from _file_problems(label, attachment.stored_name, attachment.sha256, attachment.size)
        if number % 100 == 0 or number == total:
            progress(f"files: {number}/{total} attachments checked")
    for certification in Certification.objects.exclude(stored_name="").order_by("pk"):
        label = _("Signed certification %(pk)s") % {"pk": certification.pk}
        yield from _file_problems(label, certification.stored_name, certification.sha256, None)


def check_applications(progress) -> Iterator[str]:
    """A submitted application has its reference and time; no two share a reference."""
    missing = Application.objects.filter(status=ApplicationStatus.SUBMITTED).filter(
        Q(reference__isnull=True) | Q(reference="") | Q(submitted_at__isnull=True)
    )
    for application in missing:
        yield _("Application %(pk)s is submitted without a reference or a submission time.") % {
            "pk": application.pk
        }
    duplicates = (
        Application.objects.exclude(reference__isnull=True)
        .exclude(reference="")
        .values("reference")
        .annotate(n=Count("pk"))
        .filter(n__gt=1)
    )
    for row in duplicates:
        yield _("Reference %(reference)s is used by %(n)s applications.") % row
    progress("applications checked")


def check_registrations(progress) -> Iterator[str]:
    """One registration per area per edition, and a population that is not negative."""
    duplicates = (
        Registration.objects.values("edition_id", "local_government_id")
        .annotate(n=Count("pk"))
        .filter(n__gt=1)
    )
    for row in duplicates:
        yield (
            _("Area %(local_government_id)s is registered %(n)s times in edition %(edition_id)s.")
            % row
        )
    for registration in Registration.objects.filter(population__lt=0):
        yield _("Registration %(pk)s has a negative population.") % {"pk": registration.pk}
    progress("registrations checked")


def check_attachments(progress) -> Iterator[str]:
    """Each file fills a slot its document has, in the application's own edition."""
    documents = {
        (document.edition_id, document.kind): document
        for document in RequiredDocument.objects.all()
    }
    rows = Attachment.objects.select_related("application__registration").order_by("pk")
    for attachment in rows.iterator():
        edition_id = attachment.application.registration.edition_id
        document = documents.get((edition_id, attachment.kind))
        if document is None or not 1 <= attachment.slot <= document.max_count:
            yield _("Attachment %(pk)s fills a slot its edition does not have.") % {
                "pk": attachment.pk
            }
    progress("attachment slots checked")


def check_scores(progress) -> Iterator[str]:
    """Scores lie between 0 and the criterion's maximum, which the row copies faithfully."""
    wrong = Score.objects.filter(
        Q(half_points__gt=F("max_points") * 2) | ~Q(max_points=F("criterion__max_points"))
    )
    for score in wrong:
        yield _("Score %(pk)s is outside 0 to the criterion's maximum.") % {"pk": score.pk}
    progress("scores checked")


CHECKS = {
    "files": check_files,
    "applications": check_applications,
    "registrations": check_registrations,
    "attachments": check_attachments,
    "scores": check_scores,
}


def check_integrity(progress: Callable[[str], None] = lambda _message: None) -> list[Problem]:
    """Every problem found, in check order; an empty list means the data is whole."""
    return [Problem(name, message) for name, check in CHECKS.items() for message in check(progress)]
