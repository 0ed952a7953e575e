"""Print the current second-factor code of a demo account, so the demo works without a phone."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from learningcity.accounts.models import User

DEMO_DOMAIN = "@demo.learningcity.in.th"


class Command(BaseCommand):
    help = "Print the current TOTP code of a demo account (any account when DEBUG is on)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("email")

    def handle(self, *args, email: str, **options) -> None:
        email = email.strip().lower()
        # Printing codes would defeat the second factor of a real account.
        if not (email.endswith(DEMO_DOMAIN) or settings.DEBUG):
            raise CommandError(f"Only demo accounts ({DEMO_DOMAIN}) unless DEBUG is on.")
        user = User.objects.with_email(email).first()
        device = (
            TOTPDevice.objects.filter(user=user, confirmed=True).order_by("-id").first()
            if user
            else None
        )
        if device is None:
            raise CommandError(f"No confirmed authenticator for {email}.")
        totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
        self.stdout.write(f"{totp.token():0{device.digits}d}")
