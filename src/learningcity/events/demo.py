"""Demo data of training and presentation day: sessions on the practice edition's training
days, attendance of most areas' representatives (one area short, one waived), and the slots
of every demo edition that has presenting areas. Idempotent."""

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext as _

from learningcity.applications.enums import ApplicationStatus, RegistrationStatus
from learningcity.editions.enums import PhaseKind
from learningcity.editions.models import Edition

from . import services
from .enums import AttendanceMethod
from .models import PresentationSlot, TrainingWaiver

SESSIONS = [
    # (day of the training phase, title, place, online)
    (0, "อบรมนักจัดการเมืองแห่งการเรียนรู้ วันที่ 1", "TK Park อุทยานการเรียนรู้ กรุงเทพฯ", False),
    (1, "อบรมนักจัดการเมืองแห่งการเรียนรู้ วันที่ 2", "TK Park อุทยานการเรียนรู้ กรุงเทพฯ", False),
    (2, "อบรมนักจัดการเมืองแห่งการเรียนรู้ วันที่ 3 (ออนไลน์)", "", True),
]
MEETING_URL = "https://meet.example.org/learning-city-presentation"


def _sessions(edition: Edition, actor):
    phase = edition.phases.filter(kind=PhaseKind.TRAINING).first()
    if phase is None:
        return []
    first_day = timezone.localtime(phase.starts_at).replace(hour=9, minute=0)
    sessions = []
    for offset, title, place, online in SESSIONS:
        session = edition.training_sessions.filter(title=title).first()
        if session is None:
            starts_at = first_day + dt.timedelta(days=offset)
            session = services.create_session(
                edition,
                actor,
                title=title,
                starts_at=starts_at,
                ends_at=starts_at + dt.timedelta(hours=7),
                place=place,
                online_url="https://meet.example.org/learning-city-training" if online else "",
                capacity=120,
            )
        sessions.append(session)
    return sessions


def _attendance(context, sessions) -> None:
    registrations = [r for r in context.registrations if r.status in services.EXPECTED_STATUSES]
    for index, registration in enumerate(registrations):
        representatives = list(registration.representatives.order_by("slot"))
        # The second area sent one person only: its page shows the training gate; the
        # third sent nobody and has a waiver.
        attending = {1: representatives[:1], 2: []}.get(index, representatives)
        for number, representative in enumerate(attending):
            session = sessions[(index + number) % len(sessions)]
            services.check_in(
                session,
                representative,
                context.secretariat,
                method=AttendanceMethod.CSV if number else AttendanceMethod.TABLET,
                at=session.starts_at + dt.timedelta(minutes=5 + 3 * index),
            )
        if index == 2 and not TrainingWaiver.objects.filter(registration=registration).exists():
            services.record_waiver(registration, context.secretariat, "ป่วยทั้งสองคน")
    waived = TrainingWaiver.objects.filter(registration__in=registrations).count()
    context.summary.append(
        _("Training: %(sessions)s sessions, %(waivers)s waivers")
        % {"sessions": len(sessions), "waivers": waived}
    )


def _slots(context) -> None:
    editions = Edition.objects.filter(
        is_demo=True,
        registrations__status=RegistrationStatus.APPROVED,
        registrations__application__status=ApplicationStatus.SUBMITTED,
    ).distinct()
    for edition in editions:
        if not PresentationSlot.objects.filter(edition=edition).exists():
            services.allocate_slots(edition, context.secretariat, meeting_url=MEETING_URL)
        context.summary.append(
            _("Presentation day of edition %(number)s: %(url)s")
            % {"number": edition.number, "url": f"/events/editions/{edition.number}/running-order/"}
        )


def build(context) -> None:
    sessions = _sessions(context.practice, context.secretariat)
    if sessions:
        _attendance(context, sessions)
    _slots(context)
