"""One access helper per object type; every view loads objects through these. Denial is 404."""

from django.http import Http404

from learningcity.applications.models import Registration
from learningcity.editions.models import Edition

from .models import Attendance, PresentationSlot, SlotChangeRequest, TrainingSession


def require_secretariat(user) -> None:
    if not user.has_perm("events.manage"):
        raise Http404


def get_edition_for(user, number: int) -> Edition:
    require_secretariat(user)
    edition = Edition.objects.filter(number=number).first()
    if edition is None:
        raise Http404
    return edition


def get_session_for(user, pk: int) -> TrainingSession:
    require_secretariat(user)
    session = TrainingSession.objects.select_related("edition").filter(pk=pk).first()
    if session is None:
        raise Http404
    return session


def get_attendance_for(user, pk: int) -> Attendance:
    require_secretariat(user)
    attendance = Attendance.objects.select_related("representative", "session").filter(pk=pk)
    if not attendance:
        raise Http404
    return attendance[0]


def get_slot_for(user, edition: Edition, pk) -> PresentationSlot:
    require_secretariat(user)
    slot = PresentationSlot.objects.filter(edition=edition, pk=pk).first()
    if slot is None:
        raise Http404
    return slot


def get_change_request_for(user, pk: int) -> SlotChangeRequest:
    require_secretariat(user)
    change = SlotChangeRequest.objects.select_related("registration__edition").filter(pk=pk).first()
    if change is None:
        raise Http404
    return change


def get_registration_for(user, pk: int) -> Registration:
    """The registration ``pk`` if ``user`` belongs to its organisation or is the secretariat."""
    registration = (
        Registration.objects.select_related(
            "edition", "local_government__province", "category", "organisation"
        )
        .filter(pk=pk)
        .first()
    )
    if registration is None or not user.has_perm("events.view_registration", registration):
        raise Http404
    return registration
