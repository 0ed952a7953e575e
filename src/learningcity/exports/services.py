"""Starting and building exports. Every status change of an export goes through
``transition`` (a conditional UPDATE checked against EXPORT_TRANSITIONS)."""

import logging
import os
import secrets
import shutil
import tempfile
from pathlib import Path

from django.db import IntegrityError, transaction
from django.utils import timezone, translation

from learningcity.attachments import storage
from learningcity.audit import services as audit

from .enums import ACTIVE_STATUSES, EXPORT_TRANSITIONS, ExportStatus
from .models import ExportJob
from .tables import BUILDERS
from .writers import WRITERS

logger = logging.getLogger(__name__)

EXPORT_DIR = "exports"


def transition(job_id: int, source: ExportStatus, target: ExportStatus, **fields) -> bool:
    """Move the job from ``source`` to ``target`` if it is still there; True if this call did."""
    if target not in EXPORT_TRANSITIONS[source]:
        raise ValueError(f"export: {source} → {target} is not allowed")
    return ExportJob.objects.filter(pk=job_id, status=source).update(status=target, **fields) == 1


def active_job(user, kind: str) -> ExportJob | None:
    return ExportJob.objects.filter(
        requested_by=user, kind=kind, status__in=ACTIVE_STATUSES
    ).first()


def start_export(*, user, edition, kind: str, format: str) -> ExportJob:
    """Queue an export, or return the one of the same kind this person already has running
    (a double click starts one export; the database constraint decides a race)."""
    existing = active_job(user, kind)
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            job = ExportJob.objects.create(
                edition=edition, kind=kind, format=format, requested_by=user
            )
            audit.record(
                user,
                "export.requested",
                job,
                after={"kind": kind, "format": format, "edition": edition.number},
                summary=str(job),
            )
    except IntegrityError:
        return active_job(user, kind)
    from .tasks import build_export

    transaction.on_commit(lambda: build_export.enqueue(job.pk))
    return job


def build(job_id: int) -> bool:
    """Write the export file of a queued job, updating its progress; True when it is ready."""
    if not transition(job_id, ExportStatus.QUEUED, ExportStatus.RUNNING):
        return False
    job = ExportJob.objects.select_related("edition").get(pk=job_id)
    name = f"{EXPORT_DIR}/{secrets.token_hex(16)}.{job.format}"
    if storage.on_object_store():  # written locally, then put (a put is atomic)
        final = None
        temp = Path(tempfile.mkdtemp(prefix="learningcity-export-")) / f"export.{job.format}"
    else:
        final = storage.path_of(name)
        final.parent.mkdir(parents=True, exist_ok=True)
        temp = final.with_name(final.name + storage.TEMP_SUFFIX)
    try:
        with translation.override("th"):
            table = BUILDERS[job.kind](job.edition)
            ExportJob.objects.filter(pk=job_id).update(total=table.total)

            def progress(done: int) -> None:
                ExportJob.objects.filter(pk=job_id).update(done=done)

            written = WRITERS[job.format](temp, table, progress)
        if final is None:
            storage.put_file(name, temp)
        else:
            os.replace(temp, final)
    except Exception as error:
        logger.exception("Export %s failed", job_id)
        temp.unlink(missing_ok=True)
        transition(
            job_id,
            ExportStatus.RUNNING,
            ExportStatus.FAILED,
            error=f"{type(error).__name__}: {error}"[:500],
            finished_at=timezone.now(),
        )
        return False
    finally:
        if final is None:
            shutil.rmtree(temp.parent, ignore_errors=True)
    return transition(
        job_id,
        ExportStatus.RUNNING,
        ExportStatus.READY,
        stored_name=name,
        done=written,
        total=max(written, table.total),
        finished_at=timezone.now(),
    )
