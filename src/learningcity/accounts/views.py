"""Views of one's own account: sign-up, e-mail verification, log-in, password reset, workspace."""

from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import rules, second_factor, services
from .access import get_organisation_for
from .forms import EmailAuthenticationForm, ResendVerificationForm, SignupForm

# Verification links log the person in; name the backend because several are configured.
MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"


def signup(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("accounts:home")
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.sign_up(
            full_name=form.cleaned_data["full_name"],
            email=form.cleaned_data["email"],
            phone=form.cleaned_data["phone"],
            password=form.cleaned_data["password1"],
        )
        return redirect("accounts:signup_done")
    return render(request, "accounts/signup.html", {"form": form})


def signup_done(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/signup_done.html", services.email_context())


def verify_email(request: HttpRequest, uidb64: str, token: str) -> HttpResponse:
    user = services.verify_email(uidb64, token)
    if user is None:
        return render(request, "accounts/verify_failed.html", services.email_context())
    login(request, user, backend=MODEL_BACKEND)
    messages.success(request, _("Your e-mail address is verified. Welcome!"))
    return redirect("accounts:home")


def resend_verification(request: HttpRequest) -> HttpResponse:
    form = ResendVerificationForm(request.POST or None, initial={"email": request.GET.get("email")})
    if request.method == "POST" and form.is_valid():
        services.resend_verification(form.cleaned_data["email"])
        return redirect("accounts:resend_verification_done")
    return render(request, "accounts/resend_verification.html", {"form": form})


def resend_verification_done(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/resend_verification_done.html", services.email_context())


class LoginView(auth_views.LoginView):
    form_class = EmailAuthenticationForm
    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def get_success_url(self) -> str:
        url = super().get_success_url()
        if second_factor.requires_second_factor(self.request.user):
            # Judges and the secretariat prove a code (or enrol an app) before going on.
            return f"{reverse('accounts:second_factor')}?{urlencode({'next': url})}"
        return url


@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    logout(request)
    messages.info(request, _("You have logged out."))
    return redirect(settings.LOGOUT_REDIRECT_URL)


class PasswordResetView(auth_views.PasswordResetView):
    template_name = "accounts/password_reset.html"
    subject_template_name = "accounts/email/password_reset_subject.txt"
    email_template_name = "accounts/email/password_reset_body.txt"
    success_url = reverse_lazy("accounts:password_reset_done")

    @property
    def extra_email_context(self) -> dict:
        return services.email_context()


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")

    def form_valid(self, form):
        response = super().form_valid(form)
        # The person followed a link sent to their address, which is what verifying proves.
        services.mark_email_verified(form.user)
        return response


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"


@login_required
def home(request: HttpRequest) -> HttpResponse:
    user = request.user
    memberships = user.memberships.select_related(
        "organisation__local_government__province"
    ).order_by("organisation__name")
    context = {
        "memberships": memberships,
        "is_applicant": rules.is_applicant(user),
        "is_judge": rules.is_judge(user),
        "is_secretariat": rules.is_secretariat(user),
    }
    return render(request, "accounts/home.html", context)


@login_required
def organisation(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = get_organisation_for(request.user, pk)
    memberships = organisation.memberships.select_related("user").order_by("user__full_name")
    context = {
        "organisation": organisation,
        "memberships": memberships,
        "can_change": request.user.has_perm("accounts.change_organisation", organisation),
    }
    return render(request, "accounts/organisation.html", context)
