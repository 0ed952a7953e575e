"""Demo step: an authenticator device for each demo judge and the secretariat.

Their second factor is real; the demo prints each secret (to add to an app) and the command
that prints the current code, so the demo stays usable without a phone.
"""

from django.utils.translation import gettext as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from . import second_factor

DEMO_DEVICE_NAME = "demo"


def build(context) -> None:
    lines = []
    for _person, user in context.people:
        if not second_factor.requires_second_factor(user):
            continue
        device = TOTPDevice.objects.filter(user=user, confirmed=True).order_by("id").first()
        if device is None:
            device = TOTPDevice.objects.create(user=user, name=DEMO_DEVICE_NAME, confirmed=True)
        lines.append(f"  {user.email:<45} {second_factor.secret_text(device)}")
    if not lines:
        return
    context.summary.append("")
    heading = _(
        "Second factor (TOTP) of judges and the secretariat — key to add to an authenticator app:"
    )
    context.summary.append(heading)
    context.summary.extend(lines)
    context.summary.append(_("Or print the current code: uv run learningcity totp_code <e-mail>"))
