from django.urls import path

from . import views

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
    path("invitations/<str:token>/", views.accept_invitation, name="accept_invitation"),
]
