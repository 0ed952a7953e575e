from django.urls import path

from . import views

app_name = "secretariat"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("registrations/", views.registration_list, name="registrations"),
    path("applications/", views.application_list, name="applications"),
    path("review/", views.review_queue, name="review_queue"),
    path("review/<int:pk>/", views.review, name="review"),
    path("review/<int:pk>/decide/", views.decide, name="decide"),
    path("prizes/", views.prizes, name="prizes"),
    path("prizes/winners/", views.add_winner, name="add_winner"),
    path("prizes/<int:pk>/status/", views.set_delivery, name="set_delivery"),
    path("audit/", views.audit_log, name="audit"),
    path("editions/next/", views.next_edition, name="next_edition"),
    path("editions/<int:number>/", views.edition_workspace, name="edition"),
    path("editions/<int:number>/status/", views.edition_status, name="edition_status"),
    path("editions/<int:number>/preview/", views.edition_preview, name="edition_preview"),
    path("editions/<int:number>/<slug:section>/", views.edition_section, name="edition_section"),
]
