"""What the worker does for the applicant once a submission is committed.

The confirmation e-mail is sent from here rather than from the submit request: at the deadline
the request answers with the receipt at once, whatever the mail server's speed (its timeout is
30 s), and a mail server that is down delays nothing but the e-mail.
"""

from django.tasks import task

from .models import Application
from .services import notify_submitted


@task
def send_submitted_email(application_id: int) -> None:
    application = Application.objects.select_related("registration__edition").get(pk=application_id)
    notify_submitted(application)
