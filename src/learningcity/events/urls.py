from django.urls import path

from . import views

app_name = "events"
urlpatterns = [
    path("", views.index, name="index"),
    path("editions/<int:edition_number>/training/", views.training, name="training"),
    path("editions/<int:edition_number>/waivers/", views.waiver, name="waiver"),
    path("sessions/<int:pk>/checkin/", views.checkin, name="checkin"),
    path("sessions/<int:pk>/import/", views.import_csv, name="import"),
    path("sessions/<int:pk>/expected.csv", views.expected, name="expected"),
    path("attendances/<int:pk>/undo/", views.undo_checkin, name="undo"),
    path("editions/<int:edition_number>/presentation/", views.presentation, name="presentation"),
    path("editions/<int:edition_number>/allocate/", views.allocate, name="allocate"),
    path("editions/<int:edition_number>/swap/", views.swap, name="swap"),
    path("editions/<int:edition_number>/slots/", views.add_slot, name="add_slot"),
    path("editions/<int:edition_number>/running-order/", views.running_order, name="running_order"),
    path("requests/<int:pk>/decide/", views.decide, name="decide"),
    path("registrations/<int:pk>/", views.registration, name="registration"),
]
