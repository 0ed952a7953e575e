from django.apps import AppConfig


class ThaiConfig(AppConfig):
    """Thai formatting (Buddhist-era dates, Thai digits, baht in words) in one place."""

    name = "learningcity.thai"
    verbose_name = "Thai formatting"
