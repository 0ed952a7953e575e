from django.urls import path

from . import views

app_name = "assessments"

urlpatterns = [
    path("", views.start, name="start"),
    path("mine/", views.mine, name="mine"),
    path("readiness/", views.readiness, name="readiness"),
    path("readiness.csv", views.readiness_csv, name="readiness_csv"),
    path("<str:token>/", views.result, name="result"),
    path("<str:token>/part/<int:number>/", views.step, name="step"),
    path("<str:token>/complete/", views.complete, name="complete"),
    path("<str:token>/attach/", views.attach, name="attach"),
]
