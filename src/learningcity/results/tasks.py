"""Background work of the results (django.tasks): the applicants' e-mails and certificates."""

from django.tasks import task

from .models import Decision


@task
def notify_applicants_task(decision_id: int) -> int:
    """E-mail the applicants of a published decision; nothing before its publication time."""
    from .services import notify_applicants

    decision = Decision.objects.filter(pk=decision_id).first()
    return 0 if decision is None else notify_applicants(decision)


@task
def issue_certificates_task(decision_id: int) -> int:
    """Make and store every certificate of a decision."""
    from .services import issue_certificates

    decision = Decision.objects.filter(pk=decision_id).first()
    return 0 if decision is None else len(issue_certificates(decision))
