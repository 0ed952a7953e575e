"""The applicant's evidence files (step 3): slots per required document, upload, conversion,
and the permission-checked download of stored files."""

import io

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from learningcity.applications.access import get_application_for, get_registration_for
from learningcity.attachments import pending, photos, services
from learningcity.attachments.checks import UploadRefused
from learningcity.attachments.forms import ConversionForm, SlotForm
from learningcity.attachments.models import Attachment
from learningcity.attachments.responses import FILE_CSP, serve_stored
from learningcity.attachments.thumbnails import thumbnail_stored
from learningcity.editions.enums import DocumentKind

PREVIEW_WIDTH = 480


def _attachment_for(user, pk: int) -> Attachment:
    attachment = get_object_or_404(
        Attachment.objects.select_related("application__registration__edition"), pk=pk
    )
    get_registration_for(user, attachment.application.registration_id)
    return attachment


def _readable_attachment_for(user, pk: int) -> Attachment:
    """The attachment if ``user`` may read it (members, secretariat, its assigned judges)."""
    attachment = get_object_or_404(
        Attachment.objects.select_related("application__registration__edition"), pk=pk
    )
    if not user.has_perm("attachments.view_attachment", attachment):
        raise Http404
    return attachment


def _is_xhr(request: HttpRequest) -> bool:
    return request.headers.get("X-Requested-With") == "XMLHttpRequest"


def _editable(application, user) -> bool:
    try:
        services.check_editable(application, user)
    except ValidationError:
        return False
    return True


def _slot(document, number: int, attachment, failed: dict) -> dict:
    """One slot as the page shows it; a refused upload comes back with what was typed."""
    slot = {
        "number": number,
        "attachment": attachment,
        "error": "",
        "caption": "",
        "checked": set(),
    }
    if attachment is not None:
        slot["caption"] = attachment.caption
        slot["checked"] = {criterion.pk for criterion in attachment.criteria.all()}
    if failed.get("kind") == document.kind and failed.get("slot") == str(number):
        slot["error"] = failed["error"]
        slot["caption"] = failed["caption"]
        slot["checked"] = {int(pk) for pk in failed["criteria"] if pk.isdigit()}
    return slot


# Phones' formats, offered in the file picker wherever JPEG is accepted (converted on upload).
PHONE_ACCEPT = ("image/heic", "image/heif", ".heic", ".heif", "image/webp", ".webp")


def _accept(document) -> str:
    types = list(document.content_types)
    if "image/jpeg" in types:
        types += PHONE_ACCEPT
    return ",".join(types)


def _documents(application, failed: dict) -> list[dict]:
    edition = application.registration.edition
    attachments = {
        (a.kind, a.slot): a
        for a in application.attachments.prefetch_related("criteria").order_by("kind", "slot")
    }
    documents = []
    for document in edition.documents.order_by("order"):
        slots = [
            _slot(document, n, attachments.get((document.kind, n)), failed)
            for n in range(1, document.max_count + 1)
        ]
        documents.append(
            {
                "document": document,
                "slots": slots,
                "filled": sum(1 for slot in slots if slot["attachment"]),
                "is_photos": document.kind == DocumentKind.PHOTOS,
                "accept": _accept(document),
                "megabytes": f"{document.max_bytes / 1_048_576:.3g}",
                "upload_megabytes": f"{services.upload_limit(document) / 1_048_576:.3g}",
            }
        )
    return documents


def _render_list(request, application, *, failed: dict | None = None, status=200):
    context = {
        "application": application,
        "registration": application.registration,
        "documents": _documents(application, failed or {}),
        "criteria": list(application.registration.edition.criteria.order_by("number")),
        "editable": _editable(application, request.user),
        "failed": failed or {},
    }
    return render(request, "attachments/list.html", context, status=status)


@login_required
def attachment_list(request: HttpRequest, app_pk: int) -> HttpResponse:
    return _render_list(request, get_application_for(request.user, app_pk))


def _list_url(application, kind="", slot="") -> str:
    url = reverse("attachments:list", args=[application.pk])
    return f"{url}#slot-{kind}-{slot}" if kind else url


def _refused(request, application, form: SlotForm, message: str) -> HttpResponse:
    if _is_xhr(request):
        return JsonResponse({"error": message}, status=400)
    failed = {
        "kind": form.data.get("kind"),
        "slot": str(form.data.get("slot")),
        "caption": form.data.get("caption", ""),
        "criteria": [str(pk) for pk in form.data.getlist("criteria")],
        "error": message,
    }
    return _render_list(request, application, failed=failed, status=400)


def _done(request, url: str) -> HttpResponse:
    if _is_xhr(request):
        return JsonResponse({"redirect": url})
    return redirect(url)


@login_required
@require_POST
def upload(request: HttpRequest, app_pk: int) -> HttpResponse:
    # An upload needs only the registration and its edition with the application.
    application = get_application_for(request.user, app_pk, related=("registration__edition",))
    form = SlotForm(request.POST, request.FILES, edition=application.registration.edition)
    if not form.is_valid():
        return _refused(request, application, form, _form_problem(form))
    data = form.cleaned_data
    kind, slot = data["kind"], data["slot"]
    try:
        if data["file"] is None:
            existing = application.attachments.filter(kind=kind, slot=slot).first()
            if existing is None:
                return _refused(request, application, form, _("Please choose a file to upload."))
            services.set_caption(existing, data["caption"], user=request.user)
            services.set_criteria(existing, data["criteria"], user=request.user)
            messages.success(request, _("The caption and criteria are saved."))
            return _done(request, _list_url(application, kind, slot))
        attachment = services.store_attachment(
            application=application,
            kind=kind,
            slot=slot,
            upload=data["file"],
            caption=data["caption"],
            criteria=data["criteria"],
            user=request.user,
            replaces=data["replaces"],
        )
    except services.NeedsConversion as offer:
        token = pending.keep(
            content=offer.inspection.content,
            user=request.user,
            application=application,
            kind=kind,
            slot=slot,
            caption=data["caption"],
            display_name=data["file"].name,
            criteria=[criterion.pk for criterion in data["criteria"]],
            replaces=data["replaces"],
        )
        return _done(request, reverse("attachments:convert", args=[application.pk, token]))
    except ValidationError as error:
        return _refused(request, application, form, " ".join(error.messages))
    saved = _("“%(name)s” is saved (%(document)s, file %(slot)s).") % {
        "name": attachment.display_name,
        "document": attachment.get_kind_display(),
        "slot": attachment.slot,
    }
    if attachment.replaced is not None:
        saved += " " + _("It replaces “%(name)s”.") % {"name": attachment.replaced.display_name}
    messages.success(request, saved)
    return _done(request, _list_url(application, kind, slot))


def _form_problem(form: SlotForm) -> str:
    """What is wrong with the slot form, in the user's words where Django has them."""
    if "file" in form.errors:
        return " ".join(form.errors["file"])
    if "criteria" in form.errors:
        return _("A chosen criterion is not one of this edition's. Please reload the page.")
    return _("The form was incomplete; please try again.")


@login_required
def convert(request: HttpRequest, app_pk: int, token: str) -> HttpResponse:
    application = get_application_for(request.user, app_pk)
    waiting = pending.load(token, user=request.user, application=application)
    if waiting is None:
        messages.error(
            request, _("The photo waiting for your choice has expired; upload it again.")
        )
        return redirect(_list_url(application))
    document = services.document_for(application, waiting.kind)
    if request.method == "POST":
        form = ConversionForm(request.POST)
        mode = form.cleaned_data["mode"] if form.is_valid() else "cancel"
        if mode == "cancel":
            pending.drop(token)
            return redirect(_list_url(application, waiting.kind, waiting.slot))
        try:
            services.store_attachment(
                application=application,
                kind=waiting.kind,
                slot=waiting.slot,
                upload=ContentFile(waiting.content, name=waiting.display_name),
                caption=waiting.caption,
                criteria=waiting.criteria,
                user=request.user,
                convert=mode,
                replaces=waiting.replaces,
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                _("The photo is converted to %(width)s × %(height)s pixels and saved.")
                % {"width": document.width_px, "height": document.height_px},
            )
        pending.drop(token)
        return redirect(_list_url(application, waiting.kind, waiting.slot))
    inspection = _pending_inspection(waiting, document)
    context = {
        "application": application,
        "waiting": waiting,
        "document": document,
        "inspection": inspection,
        "too_heavy": inspection is not None and inspection.size > document.max_bytes,
        "megabytes": f"{document.max_bytes / 1_048_576:.3g}",
    }
    return render(request, "attachments/convert.html", context)


def _pending_inspection(waiting, document):
    """The facts shown about a waiting photo: its size in pixels and bytes."""
    try:
        return services.inspect_for(
            document, ContentFile(waiting.content, name=waiting.display_name)
        )
    except ValidationError:
        return None


@login_required
def convert_preview(request: HttpRequest, app_pk: int, token: str, mode: str) -> HttpResponse:
    """A small picture of what "fit" or "crop" would make of the waiting photo."""
    application = get_application_for(request.user, app_pk)
    waiting = pending.load(token, user=request.user, application=application)
    if waiting is None or mode not in ("fit", "crop"):
        raise Http404
    document = services.document_for(application, waiting.kind)
    try:
        preview = photos.convert_photo(
            io.BytesIO(waiting.content),
            width=PREVIEW_WIDTH,
            height=round(PREVIEW_WIDTH * document.height_px / document.width_px),
            mode=mode,
            max_bytes=document.max_bytes,
        )
    except UploadRefused as refused:
        raise Http404 from refused
    response = HttpResponse(preview, content_type="image/jpeg")
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = FILE_CSP
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_POST
def delete(request: HttpRequest, pk: int) -> HttpResponse:
    attachment = _attachment_for(request.user, pk)
    application = attachment.application
    try:
        services.delete_attachment(attachment, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The file is deleted."))
    return redirect(_list_url(application, attachment.kind, attachment.slot))


@login_required
def download(request: HttpRequest, pk: int) -> HttpResponse:
    attachment = _readable_attachment_for(request.user, pk)
    return serve_stored(
        attachment.stored_name,
        content_type=attachment.content_type,
        filename=attachment.display_name,
        inline=False,
        cache_control="private, no-store",
    )


@login_required
def thumbnail(request: HttpRequest, pk: int) -> HttpResponse:
    attachment = _readable_attachment_for(request.user, pk)
    try:
        name = thumbnail_stored(attachment)
    except UploadRefused:
        name = None
    if name is None:
        raise Http404
    return serve_stored(
        name,
        content_type="image/jpeg",
        filename=f"{attachment.sha256[:12]}.jpg",
        inline=True,
        # A replaced file gets a new row and so a new URL: this one never changes.
        cache_control="private, max-age=86400",
    )
