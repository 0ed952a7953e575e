import pytest

from tests.properties import counting


@pytest.fixture(scope="session", autouse=True)
def _report_examples():
    yield
    counting.report()
