from django.urls import path

from . import email_change_views, second_factor_views, session_views, views

app_name = "accounts"
urlpatterns = [
    path("", views.home, name="home"),
    path("signup/", views.signup, name="signup"),
    path("signup/done/", views.signup_done, name="signup_done"),
    path("verify/resend/", views.resend_verification, name="resend_verification"),
    path(
        "verify/resend/done/",
        views.resend_verification_done,
        name="resend_verification_done",
    ),
    path("verify/<uidb64>/<token>/", views.verify_email, name="verify_email"),
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", views.logout_view, name="logout"),
    path("session/", session_views.session_status, name="session"),
    path("session/login/", session_views.session_login, name="session_login"),
    path("session/back/", session_views.session_back, name="session_back"),
    path("password-reset/", views.PasswordResetView.as_view(), name="password_reset"),
    path(
        "password-reset/done/",
        views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "password-reset/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "password-reset/complete/",
        views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("organisations/<int:pk>/", views.organisation, name="organisation"),
    path("second-factor/", second_factor_views.second_factor_start, name="second_factor"),
    path(
        "second-factor/verify/",
        second_factor_views.verify,
        name="second_factor_verify",
    ),
    path(
        "second-factor/enrol/",
        second_factor_views.enrol,
        name="second_factor_enrol",
    ),
    path("email/", email_change_views.change_email, name="change_email"),
    path(
        "email/confirm/<str:token>/",
        email_change_views.confirm_email_change,
        name="confirm_email_change",
    ),
    path(
        "confirm-password/",
        second_factor_views.confirm_password,
        name="confirm_password",
    ),
]
