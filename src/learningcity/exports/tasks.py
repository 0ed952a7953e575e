"""Background work of exports, run by the database worker (``learningcity worker``)."""

from django.tasks import task

from .services import build


@task
def build_export(job_id: int) -> bool:
    return build(job_id)
