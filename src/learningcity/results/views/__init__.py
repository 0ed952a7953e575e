from .manage import (
    category_page,
    certificate_download,
    certificates_download,
    consent,
    edition_page,
    generate_certificates,
    publish,
    record,
    reopen,
)
from .public import edition_results, photo, showcase_page, verify

__all__ = [
    "category_page",
    "certificate_download",
    "certificates_download",
    "consent",
    "edition_page",
    "edition_results",
    "generate_certificates",
    "photo",
    "publish",
    "record",
    "reopen",
    "showcase_page",
    "verify",
]
