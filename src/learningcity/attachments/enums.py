from django.db import models
from django.utils.translation import gettext_lazy as _


class FileKind(models.TextChoices):
    """The kinds of evidence file the platform stores, recognised from their bytes."""

    JPEG = "jpeg", _("JPEG image")
    PNG = "png", _("PNG image")
    PDF = "pdf", _("PDF document")
    PPTX = "pptx", _("PowerPoint presentation (PPTX)")
    # Phones' photos: accepted as uploads, always stored converted to JPEG.
    HEIF = "heif", _("HEIC/HEIF photo")
    WEBP = "webp", _("WebP image")


class RefusalCode(models.TextChoices):
    """Why an upload was refused; each code has one Thai sentence in ``checks.refusals``."""

    EMPTY = "empty"
    TOO_LARGE = "too_large"
    UNKNOWN_TYPE = "unknown_type"
    TYPE_MISMATCH = "type_mismatch"
    TYPE_NOT_ACCEPTED = "type_not_accepted"
    IMAGE_TOO_MANY_PIXELS = "image_too_many_pixels"
    IMAGE_SIDE_TOO_LONG = "image_side_too_long"
    IMAGE_BROKEN = "image_broken"
    PDF_BROKEN = "pdf_broken"
    PDF_ACTIVE_CONTENT = "pdf_active_content"
    PDF_ENCRYPTED = "pdf_encrypted"
    PPTX_BROKEN = "pptx_broken"
    PPTX_MACROS = "pptx_macros"
    PPTX_TOO_MANY_PARTS = "pptx_too_many_parts"
    PPTX_UNPACKED_TOO_LARGE = "pptx_unpacked_too_large"
    PPTX_UNSAFE_PATH = "pptx_unsafe_path"
    PPTX_EXTERNAL_LINK = "pptx_external_link"
    PPTX_EMBEDDED_OBJECT = "pptx_embedded_object"
    PPTX_ENCRYPTED = "pptx_encrypted"
    PPTX_SYMLINK = "pptx_symlink"
    PHOTO_TOO_LARGE = "photo_too_large"
    PHOTO_UPLOAD_TOO_LARGE = "photo_upload_too_large"
