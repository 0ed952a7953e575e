from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "learningcity.accounts"
    verbose_name = _("Accounts and organisations")

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from .second_factor import start_session_on_login

        user_logged_in.connect(
            start_session_on_login, dispatch_uid="learningcity.accounts.start_session"
        )
