from django.urls import path

from . import views
from .views import pdf

app_name = "applications"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("<int:edition_number>/register/", views.register, name="register"),
    path("registrations/<int:pk>/", views.registration, name="registration"),
    path("registrations/<int:pk>/edit/", views.edit_registration, name="edit_registration"),
    path("registrations/<int:pk>/invite/", views.invite, name="invite"),
    path("registrations/<int:pk>/application/", views.application, name="application"),
    path(
        "applications/<int:pk>/sections/<int:number>/",
        views.save_section,
        name="save_section",
    ),
    path("applications/<int:pk>/application.pdf", pdf.application_pdf, name="application_pdf"),
    path(
        "applications/<int:pk>/certification.pdf", pdf.certification_pdf, name="certification_pdf"
    ),
    path(
        "applications/<int:pk>/certification/signed.pdf",
        views.signed_certification,
        name="signed_certification",
    ),
    path("applications/<int:pk>/check/", views.check, name="check"),
    path("applications/<int:pk>/certify/", views.certify_account, name="certify_account"),
    path("applications/<int:pk>/certify/upload/", views.certify_upload, name="certify_upload"),
    path("applications/<int:pk>/submit/", views.submit, name="submit"),
    path("applications/<int:pk>/receipt/", views.receipt, name="receipt"),
    path(
        "secretariat/applications/<int:pk>/",
        views.secretariat_application,
        name="secretariat_application",
    ),
    path(
        "secretariat/applications/<int:pk>/reopen/",
        views.secretariat_reopen,
        name="secretariat_reopen",
    ),
    path(
        "secretariat/applications/<int:pk>/extend/",
        views.secretariat_extend,
        name="secretariat_extend",
    ),
    path("invitations/<str:token>/", views.accept_invitation, name="accept_invitation"),
]
