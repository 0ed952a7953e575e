app_name = "secretariat"
urlpatterns: list = []
