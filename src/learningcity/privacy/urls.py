from django.urls import path

from learningcity.privacy import views

app_name = "privacy"
urlpatterns = [
    path("", views.notice, name="notice"),
    path("me/", views.me, name="me"),
    path("my-data/", views.my_data, name="my_data"),
    path("my-consents/", views.my_consents, name="my_consents"),
    path("erasure/request/", views.erasure_request, name="erasure_request"),
    path("erasure/<int:pk>/withdraw/", views.erasure_withdraw, name="erasure_withdraw"),
    path("erasure/", views.erasure_list, name="erasure_list"),
    path("erasure/<int:pk>/", views.erasure_detail, name="erasure_detail"),
    path("consent/<int:app_pk>/", views.consent, name="consent"),
    path("retention/", views.retention_list, name="retention"),
    path("retention/<int:edition_pk>/", views.retention_detail, name="retention_detail"),
]
