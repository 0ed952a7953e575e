from django.urls import path

from . import views

app_name = "exports"
urlpatterns = [
    path("", views.index, name="index"),
    path("start/", views.start, name="start"),
    path("<int:pk>/download/", views.download, name="download"),
    path("applications/<int:pk>/files.zip", views.application_files, name="application_files"),
]
