"""Public pages: the results, the winners' showcase, its photos, certificate verification."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from learningcity.attachments import storage
from learningcity.attachments.responses import serve_stored
from learningcity.attachments.thumbnails import thumbnail_stored
from learningcity.editions.models import Edition

from .. import services
from ..enums import AwardLevel


def _edition(number: int) -> Edition:
    return get_object_or_404(Edition, number=number, is_published=True)


def edition_results(request: HttpRequest, number: int) -> HttpResponse:
    edition = _edition(number)
    decisions = list(services.public_decisions(edition))
    if not decisions:
        raise Http404
    categories = [
        {
            "decision": d,
            "winners": [p for p in d.placings.all() if p.level == AwardLevel.WINNER],
            "mentions": [p for p in d.placings.all() if p.level == AwardLevel.HONOURABLE_MENTION],
        }
        for d in decisions
    ]
    return render(request, "results/edition.html", {"edition": edition, "categories": categories})


def showcase_page(request: HttpRequest, number: int, reference: str) -> HttpResponse:
    edition = _edition(number)
    placing = services.public_winner(edition, reference)
    if placing is None:
        raise Http404
    return render(
        request, "results/showcase.html", {"edition": edition, **services.showcase(placing)}
    )


def photo(request: HttpRequest, pk: int, size: str = "full") -> HttpResponse:
    attachment = services.public_photo(pk)
    if attachment is None:
        raise Http404
    if size == "thumbnail":
        name, content_type = thumbnail_stored(attachment), "image/jpeg"
    else:
        name, content_type = attachment.stored_name, attachment.content_type
    if name is None or not storage.exists(name):
        raise Http404
    return serve_stored(
        name,
        content_type=content_type,
        filename=f"{attachment.sha256[:12]}.jpg",
        inline=True,
        # Public only while consent stands: caches must ask again.
        cache_control="public, max-age=300",
    )


def verify(request: HttpRequest, code: str) -> HttpResponse:
    certificate = services.verifiable(code)
    context = {"certificate": certificate}
    if certificate is not None:
        context["area"] = certificate.application.registration.local_government
        # The date printed on the certificate: the publication, else the day it was made.
        context["issued_on"] = certificate.decision.publish_at or certificate.issued_at
    return render(request, "results/verify.html", context, status=200 if certificate else 404)
