from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "learningcity.events"
    verbose_name = _("Training and presentation day")

    def ready(self) -> None:
        # Submission asks its gates; the training gate lives here, so imports point one way
        # (events uses applications, never the reverse).
        from learningcity.applications.services.gates import register_submission_gate

        from .services.training import training_problem

        register_submission_gate(training_problem)
