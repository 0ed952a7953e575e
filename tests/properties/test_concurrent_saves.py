"""Concurrent saves of the same section: never a silent overwrite.

Several people of one organisation edit the same section. Each save names the version it was
loaded at (``base_version``); the service writes it only if that is still the stored version,
else reports a conflict and writes nothing. Two tests try many interleavings:

- hypothesis generates schedules of N editors, each step either loading the section or saving
  it (narrative only, rows only or the whole section) from the version loaded earlier, and
  compares every answer with a model of what the database must hold;
- real threads, each with its own database connection, read the version and save from it in
  random orders (released together by a barrier, or staggered by random sleeps), on SQLite by
  default and on PostgreSQL when ``DATABASE_URL`` points to it.

In both: every accepted save lands on top of the version it read (its base version is the
stored version at that moment, the version goes up by exactly one), every refused save is
reported as a conflict with both texts and changes nothing, and the final text and rows are
those of the last accepted save.
"""

import random
import sys
import threading
import time

import pytest
from django.db import OperationalError, connection, transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from learningcity.accounts.enums import MembershipRole
from learningcity.applications import services
from learningcity.applications.models import Answer, LearningPlace
from learningcity.audit.models import AuditEntry
from tests.applications.factories import IN_SUBMISSION, started_application
from tests.factories import MembershipFactory

TRIED = {"schedules": 0, "saves": 0, "rounds": 0, "thread_saves": 0, "lock_retries": 0}
CRITERION = 3  # learning places: a narrative and rows, so both can be overwritten
KINDS = ("answer", "rows", "section")


def _rows(label: str) -> dict[str, list[dict[str, str]]]:
    return {"learningplace": [{"name": label[:200], "place_type": "ห้องสมุด", "serves": "เด็ก"}]}


def _save(kind: str, application, criterion, user, label: str, base_version: int, at):
    common = {
        "application": application,
        "criterion": criterion,
        "user": user,
        "base_version": base_version,
        "at": at,
    }
    if kind == "answer":
        return services.save_answer(narrative=label, evidence_confirmed=True, **common)
    if kind == "rows":
        return services.save_rows(rows=_rows(label), **common)
    return services.save_section(
        narrative=label, evidence_confirmed=False, rows=_rows(label), **common
    )


def _stored(answer_pk: int) -> tuple[str, int, list[str]]:
    answer = Answer.objects.get(pk=answer_pk)
    places = list(
        LearningPlace.objects.filter(answer=answer).order_by("order").values_list("name", flat=True)
    )
    return answer.narrative, answer.version, places


def _editors(count: int):
    coordinator = MembershipFactory(role=MembershipRole.COORDINATOR)
    application = started_application(organisation=coordinator.organisation)
    users = [coordinator.user] + [
        MembershipFactory(organisation=coordinator.organisation, role=MembershipRole.MEMBER).user
        for _ in range(count - 1)
    ]
    criterion = application.registration.edition.criteria.get(number=CRITERION)
    answer = Answer.objects.get(application=application, criterion=criterion)
    return application, criterion, answer, users


# Deterministic schedules (hypothesis) ------------------------------------------------------

EDITORS = 4
step = st.tuples(
    st.integers(min_value=0, max_value=EDITORS - 1),
    st.sampled_from(("load", *KINDS)),
)
schedule = st.lists(step, min_size=2, max_size=30)


@pytest.fixture
def section(db):
    return _editors(EDITORS)


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(steps=schedule)
def test_any_schedule_of_loads_and_saves_never_overwrites_silently(section, steps):
    application, criterion, answer, users = section
    TRIED["schedules"] += 1
    with transaction.atomic():  # each example starts from the same empty section
        narrative, version, places = _stored(answer.pk)
        loaded = [version] * EDITORS  # the version each editor's page was loaded at
        accepted = 0
        for number, (editor, kind) in enumerate(steps):
            if kind == "load":
                loaded[editor] = _stored(answer.pk)[1]
                continue
            TRIED["saves"] += 1
            label = f"editor {editor} step {number}"
            result = _save(
                kind, application, criterion, users[editor], label, loaded[editor], IN_SUBMISSION
            )
            now = _stored(answer.pk)
            if loaded[editor] == version:
                # Saved from the stored version: lands on top of it, one version up.
                assert result.saved, (steps, number)
                accepted += 1
                version += 1
                if kind != "rows":
                    narrative = label
                if kind != "answer":
                    places = [label]
                loaded[editor] = version
                assert result.answer.version == version
            else:
                # Saved from an older page: refused, both versions shown, nothing written.
                assert result.conflict, (steps, number)
                assert (result.base_version, result.their_version) == (loaded[editor], version)
                assert result.answer.narrative == narrative
                assert result.your_narrative == ("" if kind == "rows" else label)
            assert now == (narrative, version, places), (steps, number)
        entries = AuditEntry.objects.filter(
            action="answer.saved", object_type="applications.answer", object_id=str(answer.pk)
        )
        assert entries.count() == accepted
        transaction.set_rollback(True)


# Real threads against the database --------------------------------------------------------

THREADS_ROUNDS = 40


def _retrying(call):
    """The test database of SQLite is in memory with a shared cache, where a writer locks
    whole tables and others get "database table is locked" at once instead of waiting on the
    busy timeout as they do on the file database in production. Such a statement rolled its
    transaction back and wrote nothing, so it is simply tried again, like an autosave."""
    while True:
        try:
            return call()
        except OperationalError as error:
            if connection.vendor != "sqlite" or "locked" not in str(error):
                raise
            TRIED["lock_retries"] += 1
            time.sleep(0.0005)


def _editor(application, criterion, answer_pk, user, rng, saves, barrier, out, errors):
    try:
        for number in range(saves):
            kind = rng.choice(KINDS)
            base = _retrying(
                lambda: Answer.objects.values_list("version", flat=True).get(pk=answer_pk)
            )
            if number == 0:
                barrier.wait()  # everyone has read the same version: all race to save it
            elif rng.random() < 0.5:
                time.sleep(rng.random() / 500)
            label = f"{user.pk}-{number}-{rng.random():.6f}"
            result = _retrying(
                lambda kind=kind, label=label, base=base: _save(
                    kind, application, criterion, user, label, base, IN_SUBMISSION
                )
            )
            out.append((kind, label, base, result))
    except Exception as error:  # reported by the test, not lost in the thread
        errors.append(error)
        barrier.abort()
    finally:
        connection.close()


@pytest.mark.django_db(transaction=True)
def test_editors_in_threads_never_overwrite_silently():
    """Real concurrent saves, each thread on its own connection: the database decides."""
    application, criterion, answer, users = _editors(5)
    rng = random.Random(20261124)  # noqa: S311 -- a repeatable sequence, not a secret
    wins = conflicts = 0
    for round_ in range(THREADS_ROUNDS):
        narrative, start, places = _stored(answer.pk)
        editors = rng.sample(users, rng.randint(2, len(users)))
        barrier = threading.Barrier(len(editors))
        out: list = []
        errors: list = []
        threads = [
            threading.Thread(
                target=_editor,
                args=(
                    application,
                    criterion,
                    answer.pk,
                    user,
                    random.Random(rng.random()),  # noqa: S311
                    rng.randint(1, 3),
                    barrier,
                    out,
                    errors,
                ),
            )
            for user in editors
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert errors == [], errors
        TRIED["rounds"] += 1
        TRIED["thread_saves"] += len(out)

        won = sorted((r for r in out if r[3].saved), key=lambda r: r[3].answer.version)
        lost = [r for r in out if r[3].conflict]
        wins += len(won)
        conflicts += len(lost)
        # Each accepted save's base version was the stored version: one version up each,
        # no two accepted saves from the same version, no gap.
        assert [r[3].answer.version for r in won] == list(range(start + 1, start + len(won) + 1))
        assert [r[2] for r in won] == list(range(start, start + len(won))), round_
        # The race on the first save, from one shared version, has exactly one winner.
        assert len(won) >= 1
        for kind, label, base, result in lost:
            assert result.their_version > base
            assert result.your_narrative == ("" if kind == "rows" else label)
        for kind, label, _base, _result in won:
            if kind != "rows":
                narrative = label
            if kind != "answer":
                places = [label]
        assert _stored(answer.pk) == (narrative, start + len(won), places), round_
        entries = AuditEntry.objects.filter(
            action="answer.saved", object_type="applications.answer", object_id=str(answer.pk)
        ).order_by("pk")
        audited = [(e.before["version"], e.after["version"]) for e in entries][-len(won) :]
        assert audited == [(r[2], r[2] + 1) for r in won]
    assert AuditEntry.objects.filter(action="answer.saved").count() == wins
    assert conflicts > 0
    sys.stdout.write(
        f"\nconcurrent saves ({connection.vendor}): {TRIED['schedules']} hypothesis schedules "
        f"({TRIED['saves']} saves) + {TRIED['rounds']} threaded rounds "
        f"({TRIED['thread_saves']} saves: {wins} accepted, {conflicts} conflicts), "
        f"0 silent overwrites; {TRIED['lock_retries']} SQLite table-lock retries\n"
    )
