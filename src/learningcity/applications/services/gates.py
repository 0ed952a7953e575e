"""Checks other apps add to what keeps an application from being submitted, so that this app
never imports them: an app registers a gate in its ``AppConfig.ready`` (the training gate of
``events``), and ``submission_problems`` asks every registered gate."""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing that keeps the application from being submitted, and where to fix it."""

    code: str
    message: str
    url: str


# A gate takes the application and answers the problem it finds, or None.
Gate = Callable[[object], Problem | None]

_gates: list[Gate] = []


def register_submission_gate(gate: Gate) -> None:
    """Add ``gate`` to the checks before submission; registering it again changes nothing."""
    if gate not in _gates:
        _gates.append(gate)


def gate_problems(application) -> list[Problem]:
    """The problems the registered gates find, in the order they were registered."""
    return [problem for gate in _gates if (problem := gate(application)) is not None]
