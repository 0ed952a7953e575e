"""How private stored files (evidence, signed certification pages) are sent to the browser."""

import datetime as dt
from pathlib import Path

from django.conf import settings
from django.http import FileResponse, Http404, HttpResponse, HttpResponseRedirect
from django.utils.http import content_disposition_header

from learningcity.attachments import storage

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


# How long a signed URL to an object answers (the browser follows the redirect at once).
PRESIGNED_LIFETIME = dt.timedelta(seconds=60)
OBJECT_READ_SIZE = 256 * 1024


def serve_stored(
    stored_name: str,
    *,
    content_type: str,
    filename: str,
    inline: bool,
    cache_control: str | None = None,
) -> HttpResponse:
    """A stored file by its name, only ever called after the permission check; 404 if it is
    not there. On the file system as ``serve_private_file``; from an object store streamed, or
    redirected to a signed URL valid for a minute (``LEARNINGCITY_S3_PRESIGNED``): that answer
    is never cached, whatever ``cache_control`` the file itself gets."""
    if not storage.on_object_store():
        path = storage.path_of(stored_name)
        if not getattr(settings, "LEARNINGCITY_X_ACCEL", False) and not path.is_file():
            raise Http404
        response = serve_private_file(
            path, stored_name, content_type=content_type, filename=filename, inline=inline
        )
        if cache_control:
            response["Cache-Control"] = cache_control
        return response
    if getattr(settings, "LEARNINGCITY_S3_PRESIGNED", False):
        if not storage.exists(stored_name):
            raise Http404
        url = storage.presigned_url(
            stored_name,
            content_type=content_type,
            disposition=content_disposition_header(not inline, filename),
            expires=PRESIGNED_LIFETIME,
        )
        response = HttpResponseRedirect(url)
        # A cached redirect would outlive its signature.
        response["Cache-Control"] = "private, no-store"
    else:
        try:
            body, size = storage.open_object(stored_name)
        except FileNotFoundError:
            raise Http404 from None
        response = FileResponse(
            body, content_type=content_type, as_attachment=not inline, filename=filename
        )
        response["Content-Length"] = str(size)
        response.block_size = OBJECT_READ_SIZE  # not 4 KiB socket reads from the store
        if cache_control:
            response["Cache-Control"] = cache_control
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = FILE_CSP
    return response
