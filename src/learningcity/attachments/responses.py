"""How private stored files (evidence, signed certification pages) are sent to the browser."""

from pathlib import Path

from django.conf import settings
from django.http import FileResponse, HttpResponse
from django.utils.http import content_disposition_header

# A stored file is never rendered as a page: no scripts, no styles, no frames of ours.
FILE_CSP = "default-src 'none'; sandbox"


def serve_private_file(
    path: Path, stored_name: str, *, content_type: str, filename: str, inline: bool
) -> HttpResponse:
    """A stored file, only ever called after the permission check: never sniffed nor
    rendered; sent by nginx (``X-Accel-Redirect``) where it fronts the site."""
    if getattr(settings, "LEARNINGCITY_X_ACCEL", False):
        # nginx sends the bytes from an internal location; Django only checks permission.
        response = HttpResponse(content_type=content_type)
        response["X-Accel-Redirect"] = f"/protected/{stored_name}"
        response["Content-Disposition"] = content_disposition_header(not inline, filename)
    else:
        response = FileResponse(
            path.open("rb"), content_type=content_type, as_attachment=not inline, filename=filename
        )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = FILE_CSP
    return response
