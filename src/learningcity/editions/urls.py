from django.urls import path

from . import views

app_name = "editions"
urlpatterns = [
    path("", views.call, name="call"),
    path("editions/<int:number>/", views.call, name="edition_call"),
]
