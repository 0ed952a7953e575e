from .applicant import registration
from .presentation import add_slot, allocate, decide, presentation, running_order, swap
from .training import (
    checkin,
    expected,
    import_csv,
    index,
    training,
    undo_checkin,
    waiver,
)

__all__ = [
    "add_slot",
    "allocate",
    "checkin",
    "decide",
    "expected",
    "import_csv",
    "index",
    "presentation",
    "registration",
    "running_order",
    "swap",
    "training",
    "undo_checkin",
    "waiver",
]
