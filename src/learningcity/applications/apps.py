from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApplicationsConfig(AppConfig):
    name = "learningcity.applications"
    verbose_name = _("Registrations and applications")
