from django.urls import path

from . import views

app_name = "attachments"
urlpatterns = [
    path("applications/<int:app_pk>/", views.attachment_list, name="list"),
    path("applications/<int:app_pk>/upload/", views.upload, name="upload"),
    path("applications/<int:app_pk>/pending/<str:token>/", views.convert, name="convert"),
    path(
        "applications/<int:app_pk>/pending/<str:token>/<str:mode>.jpg",
        views.convert_preview,
        name="convert_preview",
    ),
    path("<int:pk>/download/", views.download, name="download"),
    path("<int:pk>/thumbnail/", views.thumbnail, name="thumbnail"),
    path("<int:pk>/delete/", views.delete, name="delete"),
]
