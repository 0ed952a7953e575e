from django.urls import path, re_path

from .views import directory, magazine, opendata

app_name = "network"

urlpatterns = [
    path("", directory.directory, name="directory"),
    path("areas/<str:dla_code>/", directory.area_page, name="area"),
    path("data/", opendata.data_page, name="data"),
    re_path(
        r"^data/(?P<kind>areas|places)\.(?P<fmt>csv|geojson)$", opendata.download, name="download"
    ),
    re_path(r"^api/v1/(?P<kind>areas|places)/$", opendata.api, name="api"),
    path("magazine/", magazine.stories, name="stories"),
    path("magazine/feed.atom", magazine.StoryFeed(), name="feed"),
    path("magazine/manage/", magazine.manage, name="manage_stories"),
    path("magazine/manage/new/", magazine.edit, name="new_story"),
    path("magazine/manage/<int:pk>/", magazine.edit, name="edit_story"),
    path("magazine/manage/<int:pk>/status/", magazine.change_status, name="story_status"),
    path("magazine/<str:slug>/", magazine.story_page, name="story"),
    path("magazine/<str:slug>/photo/", magazine.story_photo, name="story_photo"),
]
