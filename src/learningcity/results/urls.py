from django.urls import path

from . import views

app_name = "results"
urlpatterns = [
    path("<int:number>/", views.edition_results, name="edition"),
    path("<int:number>/showcase/<str:reference>/", views.showcase_page, name="showcase"),
    path("photos/<int:pk>/", views.photo, name="photo"),
    path("photos/<int:pk>/thumbnail/", views.photo, {"size": "thumbnail"}, name="photo_thumbnail"),
    path("certificates/<str:code>/", views.verify, name="verify"),
    path("certificates/<str:code>/pdf/", views.certificate_download, name="certificate_pdf"),
    path("manage/<int:number>/", views.edition_page, name="manage_edition"),
    path("manage/<int:number>/<str:code>/", views.category_page, name="manage_category"),
    path("manage/<int:number>/<str:code>/record/", views.record, name="record"),
    path("manage/<int:number>/<str:code>/publish/", views.publish, name="publish"),
    path("manage/<int:number>/<str:code>/reopen/", views.reopen, name="reopen"),
    path(
        "manage/<int:number>/<str:code>/certificates/",
        views.generate_certificates,
        name="certificates",
    ),
    path(
        "manage/<int:number>/<str:code>/certificates.zip",
        views.certificates_download,
        name="certificates_zip",
    ),
    path("manage/<int:number>/<str:code>/consent/<int:app_pk>/", views.consent, name="consent"),
]
