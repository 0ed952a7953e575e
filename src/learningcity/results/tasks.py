"""Background work of the results (django.tasks): the applicants' e-mails and certificates.
The tasks live beside the rules they run; their paths here stay valid for queued tasks."""

from .services.certificates import issue_certificates_task
from .services.publication import notify_applicants_task

__all__ = ["issue_certificates_task", "notify_applicants_task"]
