from django.urls import path

from thidua.registrations import services, views

app_name = "registrations"
urlpatterns = [
    path("", views.index, name="index"),
    # A unit's sheet: ?nam=YYYY[&phong-trao=ID]
    path("ban-dang-ky/<int:pk>/", views.sheet, name="sheet"),
    path("ban-dang-ky/<int:pk>/xuat-excel/", views.sheet_export, name="sheet_export"),
    path("ban/<int:pk>/gui-duyet/", views.transition, {"action": services.SUBMIT}, name="submit"),
    path("ban/<int:pk>/duyet/", views.transition, {"action": services.APPROVE}, name="approve"),
    path("ban/<int:pk>/tra-lai/", views.transition, {"action": services.RETURN}, name="return"),
    path("ban/<int:pk>/mo-lai/", views.transition, {"action": services.REOPEN}, name="reopen"),
    # Lists of a subtree: ?nam=YYYY[&phong-trao=ID]
    path("tong-hop/<int:pk>/", views.summary, name="summary"),
    path("tong-hop/<int:pk>/xuat-excel/", views.summary_export, name="summary_export"),
    path("theo-danh-hieu/<int:pk>/", views.by_title, name="by_title"),
    path("theo-danh-hieu/<int:pk>/xuat-excel/", views.by_title_export, name="by_title_export"),
    path("chua-dang-ky/<int:pk>/", views.missing, name="missing"),
    path("chua-dang-ky/<int:pk>/xuat-excel/", views.missing_export, name="missing_export"),
]
