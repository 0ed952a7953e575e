"""Where a JPEG's entropy-coded scan ends: the one-search finder agrees with the marker rules
byte by byte (stuffed 0xFF00, restart markers, fill bytes, a scan cut short)."""

import random

import pytest

from learningcity.attachments import jpeg


def _reference(data: bytes, pos: int) -> int | None:
    """The rule spelled out: the first 0xFF whose next byte is neither 0x00, a restart marker
    (0xD0–0xD7) nor another 0xFF."""
    for index in range(pos, len(data) - 1):
        if data[index] == 0xFF and data[index + 1] not in {0x00, 0xFF, *range(0xD0, 0xD8)}:
            return index
    return None


@pytest.mark.parametrize(
    ("scan", "expected"),
    [
        (b"\x12\xff\x00\x34\xff\xd9", 4),  # stuffed byte, then EOI
        (b"\xff\xd3\x55\xff\xff\xff\xc4", 5),  # restart marker, fill bytes, then DHT
        (b"\x01\x02\xff\x00", None),  # cut short: no marker after the data
        (b"\x01\x02\xff", None),  # cut short on a lone 0xFF
    ],
)
def test_end_of_scan_cases(scan, expected):
    if expected is None:
        with pytest.raises(jpeg.MalformedJpeg):
            jpeg._end_of_scan(scan, 0)
    else:
        assert jpeg._end_of_scan(scan, 0) == expected


def test_end_of_scan_agrees_with_the_rule_on_random_scans():
    rng = random.Random(2569)  # noqa: S311 - test data, not secrets
    alphabet = [0x00, 0x01, 0x7F, 0xD0, 0xD7, 0xD8, 0xD9, 0xDA, 0xC4, 0xFF, 0xFF, 0xFF]
    for _ in range(2000):
        data = bytes(rng.choice(alphabet) for _ in range(rng.randrange(1, 40)))
        pos = rng.randrange(len(data))
        expected = _reference(data, pos)
        if expected is None:
            with pytest.raises(jpeg.MalformedJpeg):
                jpeg._end_of_scan(data, pos)
        else:
            assert jpeg._end_of_scan(data, pos) == expected, (data, pos)
