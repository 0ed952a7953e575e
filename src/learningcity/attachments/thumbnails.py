"""Small JPEG previews of stored images, made once with Pillow and kept on disk."""

import io
from pathlib import Path

from PIL import Image, ImageOps

from learningcity.attachments import storage
from learningcity.attachments.checks.images import decoding
from learningcity.attachments.models import Attachment
from learningcity.attachments.services import thumbnail_name

SIZE = (320, 180)


def thumbnail_path(attachment: Attachment) -> Path | None:
    """The path of the attachment's preview, made now if missing; ``None`` if not an image."""
    if not attachment.is_image:
        return None
    name = thumbnail_name(attachment.stored_name)
    path = storage.path_of(name)
    if path.exists():
        return path
    source = storage.path_of(attachment.stored_name)
    if not source.exists():
        return None
    with decoding(attachment.width or 1, attachment.height or 1), Image.open(source) as image:
        image.draft("RGB", SIZE)
        preview = ImageOps.exif_transpose(image).convert("RGB")
        preview.thumbnail(SIZE, Image.Resampling.LANCZOS)
    out = io.BytesIO()
    preview.save(out, "JPEG", quality=80)
    storage.write_atomically(name, out.getvalue())
    return path
