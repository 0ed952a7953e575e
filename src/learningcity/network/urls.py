from django.urls import path, register_converter

from .views import directory, magazine, opendata


class DataKind:
    """What the open data holds: the listed areas, or their learning places."""

    regex = "areas|places"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


class DataFormat(DataKind):
    regex = "csv|geojson"


register_converter(DataKind, "datakind")
register_converter(DataFormat, "dataformat")

app_name = "network"

urlpatterns = [
    path("", directory.directory, name="directory"),
    path("areas/<str:dla_code>/", directory.area_page, name="area"),
    path("data/", opendata.data_page, name="data"),
    path("data/<datakind:kind>.<dataformat:fmt>", opendata.download, name="download"),
    path("api/v1/<datakind:kind>/", opendata.api, name="api"),
    path("magazine/", magazine.stories, name="stories"),
    path("magazine/feed.atom", magazine.StoryFeed(), name="feed"),
    path("magazine/manage/", magazine.manage, name="manage_stories"),
    path("magazine/manage/new/", magazine.edit, name="new_story"),
    path("magazine/manage/<int:pk>/", magazine.edit, name="edit_story"),
    path("magazine/manage/<int:pk>/status/", magazine.change_status, name="story_status"),
    path("magazine/<str:slug>/", magazine.story_page, name="story"),
    path("magazine/<str:slug>/photo/", magazine.story_photo, name="story_photo"),
]
