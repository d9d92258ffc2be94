"""The public portal, mounted at /cong-khai/ (no sign-in)."""

app_name = "portal"
urlpatterns: list = []
