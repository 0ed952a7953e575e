"""Log-in throttling per client address, on top of django-axes' lock per (e-mail, address).

One address trying many accounts (password spraying, or stuffing a list of stolen
credentials) never reaches five failures on any one account, so the pair lock never fires.
Here the failures of every account from one address are added up over the cool-off window,
from the rows django-axes already keeps:

- up to ``SLOW_AFTER`` failures: nothing changes (an office or school behind one address);
- from then on each further try must wait 1, 2, 4 … (at most ``MAX_WAIT``) seconds after the
  address's last failure, or it is refused at once, without checking the password;
- at ``LIMIT`` failures the address is refused until the cool-off has passed since its last
  failure.
"""

import datetime as dt
from dataclasses import dataclass

from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Max, Sum
from django.utils import timezone


@dataclass(frozen=True)
class AddressVerdict:
    failures: int
    wait_seconds: int  # 0: the attempt may go ahead
    blocked: bool  # refused for the rest of the cool-off, not just slowed


def _settings() -> tuple[int, int, int, dt.timedelta]:
    return (
        settings.LOGIN_ADDRESS_SLOW_AFTER,
        settings.LOGIN_ADDRESS_LIMIT,
        settings.LOGIN_ADDRESS_MAX_WAIT_SECONDS,
        settings.AXES_COOLOFF_TIME,
    )


def verdict(ip_address: str, now: dt.datetime | None = None) -> AddressVerdict:
    """Whether a log-in attempt from ``ip_address`` may check a password now."""
    slow_after, limit, max_wait, cooloff = _settings()
    now = now or timezone.now()
    if not ip_address:
        return AddressVerdict(0, 0, blocked=False)
    recent = AccessAttempt.objects.filter(
        ip_address=ip_address, attempt_time__gte=now - cooloff
    ).aggregate(failures=Sum("failures_since_start"), last=Max("attempt_time"))
    failures, last = recent["failures"] or 0, recent["last"]
    if failures < slow_after or last is None:
        return AddressVerdict(failures, 0, blocked=False)
    if failures >= limit:
        wait = last + cooloff - now
        return AddressVerdict(failures, max(1, int(wait.total_seconds()) + 1), blocked=True)
    delay = dt.timedelta(seconds=min(max_wait, 2 ** (failures - slow_after)))
    wait = last + delay - now
    if wait <= dt.timedelta(0):
        return AddressVerdict(failures, 0, blocked=False)
    return AddressVerdict(failures, int(wait.total_seconds()) + 1, blocked=False)
