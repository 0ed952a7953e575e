from django.urls import path

from learningcity.privacy import views

app_name = "privacy"
urlpatterns = [
    path("", views.notice, name="notice"),
    path("my-data/", views.my_data, name="my_data"),
    path("consent/<int:app_pk>/", views.consent, name="consent"),
    path("retention/", views.retention_list, name="retention"),
    path("retention/<int:edition_pk>/", views.retention_detail, name="retention_detail"),
]
