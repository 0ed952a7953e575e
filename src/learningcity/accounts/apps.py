from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "learningcity.accounts"
    verbose_name = _("Accounts and organisations")

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in
        from django.db.models.signals import post_delete, post_save

        from . import memberships
        from .models import Membership
        from .second_factor import start_session_on_login

        for signal in (post_save, post_delete):
            signal.connect(
                memberships.forget, sender=Membership, dispatch_uid=f"memberships.{signal}"
            )

        user_logged_in.connect(
            start_session_on_login, dispatch_uid="learningcity.accounts.start_session"
        )
