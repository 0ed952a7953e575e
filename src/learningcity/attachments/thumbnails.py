"""Small JPEG previews of stored images, made once with Pillow and kept in storage."""

import io

from PIL import Image, ImageOps

from learningcity.attachments import storage
from learningcity.attachments.checks.images import decoding
from learningcity.attachments.models import Attachment
from learningcity.attachments.services import thumbnail_name

SIZE = (320, 180)


def thumbnail_stored(attachment: Attachment) -> str | None:
    """The stored name of the attachment's preview, made now if missing; ``None`` if not an
    image or if the image itself is gone."""
    if not attachment.is_image:
        return None
    name = thumbnail_name(attachment.stored_name)
    if storage.exists(name):
        return name
    if not storage.exists(attachment.stored_name):
        return None
    with (
        decoding(attachment.width or 1, attachment.height or 1),
        storage.open_stored(attachment.stored_name) as source,
        Image.open(source) as image,
    ):
        image.draft("RGB", SIZE)
        preview = ImageOps.exif_transpose(image).convert("RGB")
        preview.thumbnail(SIZE, Image.Resampling.LANCZOS)
    out = io.BytesIO()
    preview.save(out, "JPEG", quality=80)
    storage.write_atomically(name, out.getvalue())
    return name
