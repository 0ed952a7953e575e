"""Submission asks the gates other apps register; applications never imports events."""

from pathlib import Path

import learningcity.applications
from learningcity.applications.services import gates
from learningcity.events.services.training import training_problem


def test_submission_gates_hold_the_training_gate_once():
    gates.register_submission_gate(training_problem)  # a second registration changes nothing
    assert gates._gates.count(training_problem) == 1


def test_applications_code_never_imports_events():
    root = Path(learningcity.applications.__file__).parent
    importing = [
        str(path.relative_to(root))
        for path in sorted(root.rglob("*.py"))
        if "learningcity.events" in path.read_text(encoding="utf-8")
    ]
    assert importing == []
