from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AttachmentsConfig(AppConfig):
    name = "learningcity.attachments"
    verbose_name = _("Attachments")

    def ready(self) -> None:
        from django.http import multipartparser

        # Django reads a multipart part's headers within 1 KB and answers anything longer with
        # an English "Bad Request": a Thai file name of 310 characters (3 bytes each in UTF-8)
        # is that long. Names are shortened for display (names.py); the headers must fit first.
        multipartparser.MAX_TOTAL_HEADER_SIZE = 64 * 1024
