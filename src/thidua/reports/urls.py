"""Statistics (thong-ke/…) and reports (bao-cao/…), mounted at the site's root."""

from django.urls import path

from thidua.reports import chart_views

app_name = "reports"
urlpatterns: list = [
    path("bao-cao/bieu-do/", chart_views.charts_page, name="charts"),
    path("bao-cao/bieu-do/bang/", chart_views.charts_panel, name="charts_panel"),
    path("bao-cao/bieu-do/<slug:key>/excel/", chart_views.chart_xlsx, name="chart_xlsx"),
]
