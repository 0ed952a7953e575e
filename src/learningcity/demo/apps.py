from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The ``demo`` command: a realistic platform on SQLite in one step."""

    name = "learningcity.demo"
    verbose_name = "Demo"
