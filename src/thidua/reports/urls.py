"""Statistics (thong-ke/…) and reports (bao-cao/…), mounted at the site's root."""

from django.urls import path

from thidua.reports import chart_views, views, yearend_views

app_name = "reports"
urlpatterns = [
    path("thong-ke/", views.statistics, name="statistics"),
    path("thong-ke/<int:unit_pk>/<int:year>/bieu-<str:slug>.xlsx", views.form_xlsx, name="form_xlsx"),
    path("thong-ke/<int:unit_pk>/<int:year>/bieu-<str:slug>.pdf", views.form_pdf, name="form_pdf"),
    path("thong-ke/<int:unit_pk>/<int:year>/bieu-<str:slug>/<str:row>/<int:col>/", views.cell, name="cell"),
    path("bao-cao/bieu-do/", chart_views.charts_page, name="charts"),
    path("bao-cao/bieu-do/bang/", chart_views.charts_panel, name="charts_panel"),
    path("bao-cao/bieu-do/<slug:key>/excel/", chart_views.chart_xlsx, name="chart_xlsx"),
    path("bao-cao/tong-ket/", yearend_views.page, name="yearend"),
    path("bao-cao/tong-ket/<int:unit_pk>/<int:year>/bao-cao.docx", yearend_views.docx, name="yearend_docx"),
    path("bao-cao/tong-ket/<int:unit_pk>/<int:year>/khen-thuong/", yearend_views.awards, name="yearend_awards"),
]
