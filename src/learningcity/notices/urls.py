from django.urls import path

from . import views

app_name = "notices"
urlpatterns = [
    path("", views.index, name="index"),
    path("templates/new/", views.edit_template, name="template_new"),
    path("templates/<int:pk>/", views.edit_template, name="template_edit"),
    path("send/", views.compose, name="compose"),
    path("<int:pk>/", views.detail, name="detail"),
]
