"""How many hypothesis examples the property tests ran, and how many server errors they met."""

import sys

EXAMPLES = {"run": 0, "server_errors": 0}


def seen(status: int) -> None:
    EXAMPLES["run"] += 1
    if status >= 500:
        EXAMPLES["server_errors"] += 1


def report() -> None:
    if EXAMPLES["run"]:
        sys.stdout.write(
            f"\nproperty tests: {EXAMPLES['run']} requests from hypothesis examples, "
            f"{EXAMPLES['server_errors']} server errors\n"
        )
