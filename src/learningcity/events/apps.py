from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "learningcity.events"
    verbose_name = _("Training and presentation day")
