"""Statistics (thong-ke/…) and reports (bao-cao/…), mounted at the site's root."""

from django.urls import path

from thidua.reports import chart_views, views

app_name = "reports"
urlpatterns = [
    path("thong-ke/", views.statistics, name="statistics"),
    path("thong-ke/<int:unit_pk>/<int:year>/bieu-<str:slug>.xlsx", views.form_xlsx, name="form_xlsx"),
    path("thong-ke/<int:unit_pk>/<int:year>/bieu-<str:slug>.pdf", views.form_pdf, name="form_pdf"),
    path("thong-ke/<int:unit_pk>/<int:year>/bieu-<str:slug>/<str:row>/<int:col>/", views.cell, name="cell"),
    path("bao-cao/bieu-do/", chart_views.charts_page, name="charts"),
    path("bao-cao/bieu-do/bang/", chart_views.charts_panel, name="charts_panel"),
    path("bao-cao/bieu-do/<slug:key>/excel/", chart_views.chart_xlsx, name="chart_xlsx"),
]
