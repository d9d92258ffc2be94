"""Statistics (thong-ke/…) and reports (bao-cao/…), mounted at the site's root."""

app_name = "reports"
urlpatterns: list = []
