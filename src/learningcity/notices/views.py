"""The secretariat's notice pages: templates, composing with a preview, the outbox's progress."""

from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from learningcity.audit import services as audit

from . import services
from .enums import OutboxStatus
from .forms import NoticeTemplateForm, RecipientsForm
from .models import Notice, NoticeTemplate
from .placeholders import PLACEHOLDERS

PREVIEW_CHOICES = 200


def _require_manager(request) -> None:
    if not request.user.has_perm("notices.manage"):
        raise Http404


def index(request):
    _require_manager(request)
    counts = {
        status: Count("messages", filter=Q(messages__status=status)) for status in OutboxStatus
    }
    notices = Notice.objects.select_related("edition", "template").annotate(**counts)[:50]
    return render(
        request,
        "notices/index.html",
        {"templates": NoticeTemplate.objects.select_related("edition"), "notices": notices},
    )


@require_http_methods(["GET", "POST"])
def edit_template(request, pk: int | None = None):
    _require_manager(request)
    template = get_object_or_404(NoticeTemplate, pk=pk) if pk else None
    form = NoticeTemplateForm(request.POST or None, instance=template)
    if request.method == "POST" and form.is_valid():
        before = {"subject": template.subject_th, "body": template.body_th} if template else None
        saved = form.save(commit=False)
        saved.updated_at = timezone.now()
        saved.save()
        audit.record(
            request.user,
            "notice_template.saved",
            saved,
            before=before,
            after={"subject": saved.subject_th, "body": saved.body_th},
            summary=saved.name,
        )
        return redirect("notices:index")
    return render(
        request,
        "notices/template_form.html",
        {"form": form, "template": template, "placeholders": PLACEHOLDERS},
    )


@require_http_methods(["GET", "POST"])
def compose(request):
    """Choose a template and recipients, preview with a real recipient, then send."""
    _require_manager(request)
    form = RecipientsForm(request.POST or request.GET or None)
    context = {"form": form}
    if form.is_bound and form.is_valid():
        recipients = form.registrations()
        template = form.cleaned_data["template"]
        if request.method == "POST" and "send" in request.POST:
            notice = services.create_notice(
                edition=form.cleaned_data["edition"],
                template=template,
                registrations=recipients,
                user=request.user,
                filters=form.filters(),
            )
            return redirect("notices:detail", pk=notice.pk)
        choices = list(recipients[:PREVIEW_CHOICES])
        chosen = form.cleaned_data.get("preview_registration")
        target = next((r for r in choices if r.pk == chosen), choices[0] if choices else None)
        context.update(
            count=recipients.count(),
            choices=choices,
            target=target,
            preview=services.preview(template.subject_th, template.body_th, target)
            if target
            else None,
        )
    return render(request, "notices/compose.html", context)


def detail(request, pk: int):
    _require_manager(request)
    notice = get_object_or_404(
        Notice.objects.select_related("edition", "created_by", "template"), pk=pk
    )
    context = {
        "notice": notice,
        "progress": services.progress(notice),
        "messages_": notice.messages.order_by("status", "pk")[:500],
    }
    if request.htmx:
        return render(request, "notices/detail.html#progress", context)
    return render(request, "notices/detail.html", context)
