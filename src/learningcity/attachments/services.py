"""Storing, replacing and deleting an application's evidence files; every rule lives here."""

import datetime as dt
import hashlib
import io
import time
from dataclasses import dataclass

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from learningcity.applications.enums import ApplicationStatus
from learningcity.applications.services.answers import in_submission_window
from learningcity.attachments import photos, storage
from learningcity.attachments.checks import Inspection, UploadRefused, inspect_upload
from learningcity.attachments.checks.upload import (
    CONTENT_TYPES,
    IMAGE_KINDS,
    PHONE_KINDS,
    STORED_EXTENSIONS,
)
from learningcity.attachments.enums import FileKind
from learningcity.attachments.models import Attachment
from learningcity.attachments.names import safe_display_name, storage_name
from learningcity.audit.services import record
from learningcity.editions.models import Criterion, RequiredDocument

EDITABLE_STATUSES = frozenset({ApplicationStatus.DRAFT, ApplicationStatus.REOPENED})
KIND_OF_CONTENT_TYPE = {content_type: kind for kind, content_type in CONTENT_TYPES.items()}
# A phone photo is often several times the edition's limit; it is accepted this far so that it
# can be converted down, never stored as it is: uploads up to 5 × the limit (25 MB for the 5 MB
# of the guidelines), every stored photo within the limit.
CONVERTIBLE_FACTOR = 5


def upload_limit(document: RequiredDocument) -> int:
    """The most an upload for ``document`` may weigh (photos are converted down to the limit)."""
    if _is_photo_document(document):
        return document.max_bytes * CONVERTIBLE_FACTOR
    return document.max_bytes


class NeedsConversion(Exception):
    """A photo that is not yet the edition's size or weight; the applicant chooses how to fix it."""

    def __init__(self, inspection: Inspection, document: RequiredDocument) -> None:
        super().__init__(inspection.width, inspection.height)
        self.inspection = inspection
        self.document = document


def document_for(application, kind: str) -> RequiredDocument:
    """The edition's required document of this kind; ``ValidationError`` if it asks for none."""
    try:
        # One document of each kind per edition (a constraint): get(), no ORDER BY to build.
        return RequiredDocument.objects.select_related("edition").get(
            edition_id=application.registration.edition_id, kind=kind
        )
    except RequiredDocument.DoesNotExist:
        raise ValidationError(
            _("This edition does not ask for this document."), code="kind"
        ) from None


def may_edit(application, user) -> bool:
    return user.has_perm("applications.change_registration", application.registration)


def check_editable(application, user, at: dt.datetime | None = None) -> None:
    """Files may change while the submission phase is open and the application is a draft."""
    if not may_edit(application, user):
        raise ValidationError(
            _("Only members of the applying organisation may change its files."), code="member"
        )
    if application.status not in EDITABLE_STATUSES:
        raise ValidationError(
            _("The application has been submitted; its files can no longer be changed."),
            code="status",
        )
    # The application's own window: a later deadline the secretariat granted counts too.
    if not in_submission_window(application, at):
        raise ValidationError(
            _("Files can only be changed while the application submission period is open."),
            code="closed",
        )


def _accepted_kinds(document: RequiredDocument) -> list[FileKind]:
    return [KIND_OF_CONTENT_TYPE[t] for t in document.content_types if t in KIND_OF_CONTENT_TYPE]


def _is_photo_document(document: RequiredDocument) -> bool:
    return bool(document.width_px and document.height_px)


@dataclass(frozen=True)
class _Content:
    data: bytes
    kind: FileKind
    width: int | None
    height: int | None


def _content_to_store(
    inspection: Inspection, document: RequiredDocument, convert: str | None
) -> _Content:
    """The bytes to keep: conforming photos without metadata, others converted if asked."""
    is_image = inspection.kind in IMAGE_KINDS
    if not is_image:
        return _Content(inspection.content, inspection.kind, None, None)
    if _is_photo_document(document):
        width, height = document.width_px, document.height_px
        if photos.conforms(inspection, width, height, document.max_bytes):
            data = photos.strip_metadata_losslessly(inspection.content)
            return _Content(data, inspection.kind, width, height)
        if convert not in ("fit", "crop"):
            raise NeedsConversion(inspection, document)
        data = photos.convert_photo(
            io.BytesIO(inspection.content),
            width=width,
            height=height,
            mode=convert,
            max_bytes=document.max_bytes,
        )
        return _Content(data, FileKind.JPEG, width, height)
    if inspection.kind in PHONE_KINDS:  # kept at its size, as a JPEG
        data = photos.to_jpeg(inspection.content, max_bytes=document.max_bytes)
        return _Content(data, FileKind.JPEG, inspection.width, inspection.height)
    # A map keeps its pixels; its GPS and other metadata go unless the EXIF turns the picture.
    data = (
        inspection.content
        if inspection.rotated
        else photos.strip_metadata_losslessly(inspection.content)
    )
    return _Content(data, inspection.kind, inspection.width, inspection.height)


def inspect_for(document: RequiredDocument, upload) -> Inspection:
    """What ``upload`` is, judged against the document's limits; ``ValidationError`` if refused."""
    try:
        return inspect_upload(
            upload,
            getattr(upload, "name", "") or "",
            accepted_types=_accepted_kinds(document),
            max_bytes=upload_limit(document),
            width=document.width_px,
            height=document.height_px,
            stored_max_bytes=document.max_bytes if _is_photo_document(document) else None,
        )
    except UploadRefused as refused:
        raise ValidationError(refused.message, code=str(refused.code)) from refused


def _check_slot(document: RequiredDocument, slot: int) -> None:
    if not 1 <= slot <= document.max_count:
        raise ValidationError(
            _("%(document)s takes at most %(count)s files.")
            % {"document": document.title_th, "count": document.max_count},
            code="slot",
        )


# Every model whose rows point at stored files by ``stored_name``: a file is kept while any of
# them refers to it. Looked up by label to keep attachments free of imports from its users.
FILE_REFERENCES = (
    "attachments.Attachment",
    "applications.Certification",
    "applications.ApplicationPdf",
    "exports.ExportJob",
    "results.Certificate",
)


def _referencing_querysets():
    for label in FILE_REFERENCES:
        model = apps.get_model(label)
        yield model.objects.exclude(stored_name="")


def _referenced(stored_name: str) -> bool:
    return any(qs.filter(stored_name=stored_name).exists() for qs in _referencing_querysets())


def referenced_names() -> set[str]:
    """Every stored name some row still refers to."""
    names: set[str] = set()
    for queryset in _referencing_querysets():
        names.update(queryset.values_list("stored_name", flat=True))
    return names


def _forget_file_if_unreferenced(stored_name: str) -> None:
    """Delete a stored file once no row points at it (identical files share one name)."""
    # Inside a write transaction (SQLite "IMMEDIATE" takes the write lock at BEGIN), so no
    # upload of the same bytes can be between its rename and its commit meanwhile.
    with transaction.atomic():
        if not _referenced(stored_name):
            storage.delete(stored_name)
            storage.delete(thumbnail_name(stored_name))


def _summary(attachment: Attachment) -> dict:
    return {
        "kind": attachment.kind,
        "slot": attachment.slot,
        "display_name": attachment.display_name,
        "sha256": attachment.sha256,
        "size": attachment.size,
        "caption": attachment.caption,
    }


def store_attachment(
    *,
    application,
    kind: str,
    slot: int,
    upload,
    caption: str = "",
    user,
    convert: str | None = None,
    criteria=None,
    at: dt.datetime | None = None,
    replaces: int | None = None,
) -> Attachment:
    """Check ``upload`` and store it durably in ``slot`` of the document, replacing what was there.

    ``replaces`` is the id of the file the uploader saw in the slot (0: it was empty); when the
    slot holds another by now, the upload is refused as a conflict (code ``conflict``): of two
    uploads from the same view of a slot the first wins and the second is told, never silently
    dropped. Raises ``ValidationError`` (Thai message) when refused and ``NeedsConversion``
    when a photo must first be fitted or cropped to the edition's size. The new attachment's
    ``replaced`` is the file it took the place of (``None`` if the slot was empty).
    """
    check_editable(application, user, at)
    document = document_for(application, kind)
    _check_slot(document, slot)
    caption = " ".join((caption or "").split())
    if document.caption_required and not caption:
        raise ValidationError(_("Please write a caption for this photo."), code="caption")
    inspection = inspect_for(document, upload)
    try:
        content = _content_to_store(inspection, document, convert)
    except UploadRefused as refused:
        raise ValidationError(refused.message, code=str(refused.code)) from refused
    sha256 = hashlib.sha256(content.data).hexdigest()
    stored_name = storage_name(sha256, STORED_EXTENSIONS[content.kind])
    temp = storage.write_temporary(stored_name, content.data)
    old_name = None
    try:
        with transaction.atomic():
            previous = (
                Attachment.objects.select_for_update()
                .filter(application=application, kind=kind, slot=slot)
                .first()
            )
            if replaces is not None and (previous.pk if previous else 0) != replaces:
                raise _conflict(previous)
            before = None
            if previous is not None:
                before, old_name = _summary(previous), previous.stored_name
                if criteria is None:  # a new file for the same slot keeps what it evidences
                    criteria = list(previous.criteria.values_list("pk", flat=True))
                previous.delete()
            attachment = Attachment.objects.create(
                application=application,
                kind=kind,
                slot=slot,
                caption=caption,
                display_name=safe_display_name(getattr(upload, "name", "") or ""),
                stored_name=stored_name,
                sha256=sha256,
                size=len(content.data),
                content_type=CONTENT_TYPES[content.kind],
                width=content.width,
                height=content.height,
                uploaded_by=user,
                uploaded_at=at or timezone.now(),
            )
            if criteria:  # a new row: nothing to take away, only what to add
                attachment.criteria.add(*_edition_criteria(application, criteria))
            record(
                user,
                "attachment.replaced" if previous else "attachment.stored",
                attachment,
                before=before,
                after=_summary(attachment),
            )
            # Renamed last, inside the transaction: a failed database write leaves only the
            # temporary file (removed below), and a row never points at a missing file.
            storage.commit_temporary(temp, stored_name)
    except IntegrityError:
        # Another upload filled the empty slot between our look and our insert (PostgreSQL;
        # SQLite's IMMEDIATE transactions already serialise them): the first one wins.
        temp.unlink(missing_ok=True)
        if replaces is None:
            raise
        raise _conflict(None) from None
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    if old_name and old_name != stored_name:
        _forget_file_if_unreferenced(old_name)
    # What the slot held before, for the uploader's message (``None``: it was empty).
    attachment.replaced = previous
    return attachment


def _conflict(current: Attachment | None) -> ValidationError:
    if current is None:
        return ValidationError(
            _(
                "Another file was uploaded to this slot at the same moment, so yours was not "
                "stored. Reload the page to see it, and upload yours again if it should "
                "replace it."
            ),
            code="conflict",
        )
    return ValidationError(
        _(
            "While you were uploading, “%(name)s” was stored in this slot by %(by)s, so your "
            "file was not stored. Look at the file now in the slot, and upload yours again "
            "if it should replace it."
        )
        % {"name": current.display_name, "by": current.uploaded_by.full_name},
        code="conflict",
    )


def _edition_criteria(application, criteria):
    ids = [getattr(criterion, "pk", criterion) for criterion in criteria]
    return Criterion.objects.filter(edition_id=application.registration.edition_id, pk__in=ids)


def delete_attachment(attachment: Attachment, *, user, at: dt.datetime | None = None) -> None:
    """Remove a file from its slot; the stored bytes go when no other slot shares them."""
    check_editable(attachment.application, user, at)
    stored_name = attachment.stored_name
    with transaction.atomic():
        record(user, "attachment.deleted", attachment, before=_summary(attachment))
        attachment.delete()
    _forget_file_if_unreferenced(stored_name)


def set_caption(attachment: Attachment, caption: str, *, user, at=None) -> Attachment:
    """Change the caption of a file; a photo's caption may not become empty."""
    check_editable(attachment.application, user, at)
    caption = " ".join((caption or "").split())
    document = document_for(attachment.application, attachment.kind)
    if document.caption_required and not caption:
        raise ValidationError(_("Please write a caption for this photo."), code="caption")
    if caption != attachment.caption:
        with transaction.atomic():
            before = _summary(attachment)
            attachment.caption = caption
            attachment.save(update_fields=["caption"])
            record(
                user, "attachment.caption", attachment, before=before, after=_summary(attachment)
            )
    return attachment


def set_criteria(attachment: Attachment, criteria, *, user, at=None) -> Attachment:
    """Say which of the edition's criteria this file is evidence for."""
    check_editable(attachment.application, user, at)
    chosen = list(_edition_criteria(attachment.application, criteria))
    with transaction.atomic():
        attachment.criteria.set(chosen)
        record(
            user,
            "attachment.criteria",
            attachment,
            after={"criteria": sorted(criterion.number for criterion in chosen)},
        )
    return attachment


def thumbnail_name(stored_name: str) -> str:
    return f"{storage.THUMBNAIL_DIR}/{stored_name.rsplit('.', 1)[0]}.jpg"


def remove_orphans(older_than: dt.timedelta = dt.timedelta(hours=1)) -> dict[str, int]:
    """Delete temporary files, expired pending uploads and files no row refers to.

    Only files older than ``older_than`` go, so that an upload in flight is never touched.
    """
    counts = {"temporary": 0, "pending": 0, "unreferenced": 0, "thumbnails": 0}
    cutoff = time.time() - older_than.total_seconds()
    referenced = referenced_names()
    referenced_thumbnails = {thumbnail_name(name) for name in referenced}
    for name, modified in list(storage.list_stored()):
        if modified > cutoff:
            continue
        if name.endswith(storage.TEMP_SUFFIX):
            bucket = "temporary"
        elif name.startswith(f"{storage.PENDING_DIR}/"):
            bucket = "pending"
        elif name.startswith(f"{storage.THUMBNAIL_DIR}/"):
            if name in referenced_thumbnails:
                continue
            bucket = "thumbnails"
        elif name in referenced:
            continue
        else:
            bucket = "unreferenced"
        storage.delete(name)
        counts[bucket] += 1
    return counts
