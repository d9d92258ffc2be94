from django.urls import path

from thidua.printing import views

app_name = "printing"
urlpatterns = [
    path("", views.index, name="index"),
    path("khen-thuong/<int:pk>/", views.award_print, name="award"),
    path("theo-danh-sach/", views.batch, name="batch"),
    path("tep/<int:pk>/", views.batch_file, name="batch_file"),
    path("tep/<int:pk>/tai-ve.pdf", views.batch_file_download, name="batch_file_download"),
    path("bo-cuc/", views.layout_list, name="layouts"),
    path("bo-cuc/<int:unit>/<str:kind>/", views.layout_edit, name="layout"),
    path("bo-cuc/<int:unit>/<str:kind>/xem-truoc/", views.layout_preview, name="layout_preview"),
    path("bo-cuc/<int:unit>/<str:kind>/in-thu.pdf", views.layout_test_print, name="layout_test_print"),
    path("bo-cuc/<int:unit>/<str:kind>/bo-rieng/", views.layout_reset, name="layout_reset"),
    path("may-in/", views.printer_list, name="printers"),
    path("may-in/<int:pk>/", views.printer_edit, name="printer"),
    path("can-cu/", views.legal_bases, name="bases"),
    path("mau-van-ban/", views.template_list, name="templates"),
    path("mau-van-ban/phien-ban/<int:pk>/", views.template_version, name="template_version"),
    path("mau-van-ban/<slug:kind>/tai-len/", views.template_upload, name="template_upload"),
    path("mau-van-ban/<slug:kind>/tai-ve/", views.template_download, name="template_download"),
    path("mau-van-ban/<slug:kind>/ban-thu/", views.template_sample, name="template_sample"),
    path("mau-van-ban/<slug:kind>/khoi-phuc/", views.template_restore, name="template_restore"),
]
