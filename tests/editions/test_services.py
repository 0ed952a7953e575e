import pytest

from learningcity.editions.enums import PhaseKind
from learningcity.editions.services import (
    current_edition,
    days_left,
    phase_is_open,
    standing,
)
from tests.factories import EditionFactory, bangkok

pytestmark = pytest.mark.django_db


def test_phase_is_open_one_second_before_deadline():
    edition = EditionFactory()
    assert phase_is_open(edition, PhaseKind.SUBMISSION, bangkok(2026, 7, 31, 23, 59, 58)) is True


def test_phase_is_open_at_the_deadline_second():
    edition = EditionFactory()
    assert phase_is_open(edition, PhaseKind.SUBMISSION, bangkok(2026, 7, 31, 23, 59, 59)) is True


def test_phase_is_closed_one_second_after_deadline():
    edition = EditionFactory()
    assert phase_is_open(edition, PhaseKind.SUBMISSION, bangkok(2026, 8, 1, 0, 0, 0)) is False


def test_standing_overlapping_phases_primary_closes_first():
    edition = EditionFactory()
    now = standing(edition, bangkok(2026, 6, 20, 10))

    assert [p.kind for p in now.current] == [PhaseKind.SUBMISSION, PhaseKind.TRAINING]
    assert now.primary.kind == PhaseKind.TRAINING
    assert now.upcoming.kind == PhaseKind.PRESENTATION
    assert now.finished is False


def test_standing_between_phases_has_upcoming_only():
    edition = EditionFactory()
    now = standing(edition, bangkok(2026, 5, 30, 12))

    assert now.current == []
    assert now.primary is None
    assert now.upcoming.kind == PhaseKind.SUBMISSION


def test_standing_after_ceremony_is_finished():
    edition = EditionFactory()
    now = standing(edition, bangkok(2026, 11, 24))
    assert (now.current, now.upcoming, now.finished) == ([], None, True)


def test_days_left_counts_bangkok_calendar_days():
    edition = EditionFactory()
    submission = edition.phases.get(kind=PhaseKind.SUBMISSION)

    assert days_left(submission, bangkok(2026, 7, 24, 23, 0)) == 7
    assert days_left(submission, bangkok(2026, 7, 31, 8, 0)) == 0


def test_current_edition_skips_demo_and_unpublished():
    EditionFactory(number=1, full=False)
    EditionFactory(number=99, is_demo=True, full=False)
    EditionFactory(number=2, is_published=False, full=False)

    assert current_edition().number == 1
