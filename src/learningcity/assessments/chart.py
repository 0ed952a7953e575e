"""The profile chart: a radar drawn on the server as SVG coordinates (no chart library)."""

import math
from dataclasses import dataclass

SIZE = 320
CENTRE = SIZE / 2
RADIUS = 120
RINGS = (25, 50, 75, 100)


@dataclass(frozen=True)
class Axis:
    number: int
    x: float
    y: float
    label_x: float
    label_y: float


def _point(index: int, count: int, percent: float, radius: float = RADIUS) -> tuple[float, float]:
    # The first axis points straight up; the others follow clockwise.
    angle = -math.pi / 2 + 2 * math.pi * index / count
    distance = radius * max(0.0, min(percent, 100.0)) / 100
    return round(CENTRE + distance * math.cos(angle), 1), round(
        CENTRE + distance * math.sin(angle), 1
    )


def _polygon(percents: list[int | None]) -> str:
    count = len(percents)
    return " ".join(
        f"{x},{y}" for x, y in (_point(i, count, p or 0) for i, p in enumerate(percents))
    )


def radar(series: list[list[int | None]]) -> dict:
    """Everything the template needs to draw the axes, rings and one polygon per series."""
    count = len(series[0]) if series else 0
    axes = []
    for i in range(count):
        x, y = _point(i, count, 100)
        lx, ly = _point(i, count, 100, RADIUS + 16)
        axes.append(Axis(number=i + 1, x=x, y=y, label_x=lx, label_y=ly + 5))
    rings = [_polygon([ring] * count) for ring in RINGS] if count >= 3 else []
    return {
        "size": SIZE,
        "centre": CENTRE,
        "axes": axes,
        "rings": rings,
        "polygons": [_polygon(values) for values in series],
    }
