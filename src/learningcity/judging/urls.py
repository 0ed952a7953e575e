from django.urls import path

from .views import judge, manage

app_name = "judging"
urlpatterns = [
    path("", judge.home, name="home"),
    path("applications/<int:pk>/", judge.review, name="review"),
    path("applications/<int:pk>/criteria/<int:number>/", judge.score, name="score"),
    path("applications/<int:pk>/application.pdf", judge.application_pdf, name="application_pdf"),
    path("editions/<int:number>/conflicts/", judge.conflicts, name="conflicts"),
    path("manage/", manage.index, name="manage"),
    path("manage/<int:number>/", manage.committee, name="manage_committee"),
    path("manage/<int:number>/judges/<int:pk>/chair/", manage.chair, name="manage_chair"),
    path(
        "manage/<int:number>/judges/<int:pk>/conflicts/",
        manage.judge_conflicts,
        name="manage_conflicts",
    ),
    path("manage/<int:number>/assignments/", manage.assignments, name="manage_assignments"),
    path(
        "manage/<int:number>/assignments/<int:app_pk>/",
        manage.assign_one,
        name="manage_assign_one",
    ),
    path(
        "manage/<int:number>/assignments/category/",
        manage.assign_whole_category,
        name="manage_assign_category",
    ),
    path("manage/<int:number>/assignments/csv/", manage.assign_csv, name="manage_assign_csv"),
    path("manage/<int:number>/assignments/auto/", manage.assign_auto, name="manage_assign_auto"),
    path("manage/<int:number>/remind/", manage.remind, name="manage_remind"),
    path(
        "manage/<int:number>/ranking/<str:code>/",
        manage.category_ranking,
        name="manage_ranking",
    ),
]
