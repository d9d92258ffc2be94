"""The exemplar register, mounted at /dien-hinh/."""

app_name = "exemplars"
urlpatterns: list = []
