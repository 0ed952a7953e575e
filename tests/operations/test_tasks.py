"""The periodic tasks: orphan files removed on schedule, each task booking its next run."""

import datetime as dt
import os
import time

import pytest

from learningcity.attachments import storage
from learningcity.operations import tasks


def _old_file(name: str) -> None:
    path = storage.path_of(name)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"left behind")
    two_hours_ago = time.time() - 7200
    os.utime(path, (two_hours_ago, two_hours_ago))


def test_remove_orphan_files_task_removes_temporary_and_unreferenced(db, settings):
    _old_file("ab/" + "ab" * 32 + ".jpg.1234.part")
    _old_file("cd/" + "cd" * 32 + ".pdf")

    result = tasks.remove_orphan_files.enqueue(reschedule=False)

    assert result.return_value == {"temporary": 1, "pending": 0, "unreferenced": 1, "thumbnails": 0}
    assert sorted(storage.root().rglob("*.*")) == []


def test_remove_orphan_files_task_books_next_run_in_an_hour(db, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    from django_tasks_db.models import DBTaskResult

    before = dt.datetime.now(dt.UTC)
    tasks.remove_orphan_files.call()

    waiting = DBTaskResult.objects.get()
    assert waiting.task_path == tasks.remove_orphan_files.module_path
    assert dt.timedelta(minutes=59) < waiting.run_after - before < dt.timedelta(minutes=61)


def test_ensure_scheduled_enqueues_each_periodic_task_once(db, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    from django_tasks_db.models import DBTaskResult

    first = tasks.ensure_scheduled()
    second = tasks.ensure_scheduled()

    assert sorted(first) == sorted(t.module_path for t in tasks.periodic_tasks())
    assert second == []
    assert DBTaskResult.objects.count() == len(tasks.periodic_tasks()) == 3


@pytest.mark.parametrize("backend", ["django.tasks.backends.immediate.ImmediateBackend"])
def test_schedule_next_without_deferral_runs_once(db, settings, backend):
    settings.TASKS = {"default": {"BACKEND": backend}}

    assert tasks.schedule_next(tasks.remove_orphan_files, dt.timedelta(hours=1)) is False


def test_worker_timer_books_the_notices_job_and_the_maintenance_tasks(db, settings, monkeypatch):
    import threading

    from django_tasks_db.models import DBTaskResult

    from learningcity.notices.management.commands import db_worker
    from learningcity.notices.management.commands.db_worker import _enqueue_periodically
    from learningcity.notices.tasks import run_periodic

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    # The worker's thread closes its own connections; here that would be the test's.
    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)
    stop = threading.Event()
    original_wait = stop.wait
    stop.wait = lambda seconds: stop.set() or original_wait(0)  # one round, then stop

    _enqueue_periodically(600, stop)

    booked = set(DBTaskResult.objects.values_list("task_path", flat=True))
    expected = {run_periodic.module_path} | {t.module_path for t in tasks.periodic_tasks()}
    assert booked == expected
