from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworkConfig(AppConfig):
    name = "learningcity.network"
    verbose_name = _("Learning city network")
