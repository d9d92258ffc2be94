from django.urls import include, path

from thidua.registrations import views

app_name = "registrations"
sheet_patterns = [
    path("", views.index, name="index"),
    # A unit's sheet: ?nam=YYYY[&phong-trao=ID]
    path("ban-dang-ky/<int:pk>/", views.sheet, name="sheet"),
    path("ban-dang-ky/<int:pk>/xuat-excel/", views.sheet_export, name="sheet_export"),
    # gui-duyet, duyet, tra-lai, mo-lai: the slugs of registrations.machines.SHEETS
    path("ban/<int:pk>/<slug:slug>/", views.sheet_transition, name="transition"),
    # Lists of a subtree: ?nam=YYYY[&phong-trao=ID]
    path("tong-hop/<int:pk>/", views.summary, name="summary"),
    path("tong-hop/<int:pk>/xuat-excel/", views.summary_export, name="summary_export"),
    path("theo-danh-hieu/<int:pk>/", views.by_title, name="by_title"),
    path("theo-danh-hieu/<int:pk>/xuat-excel/", views.by_title_export, name="by_title_export"),
    path("chua-dang-ky/<int:pk>/", views.missing, name="missing"),
    path("chua-dang-ky/<int:pk>/xuat-excel/", views.missing_export, name="missing_export"),
    # The movement page's panel.
    path("phong-trao/<int:pk>/", views.movement_panel, name="movement_panel"),
]
# A movement's progress keeps the address of the movement's pages.
movement_patterns = [
    path("tien-do/", views.movement_progress, name="movement_progress"),
]
urlpatterns = [
    path("dang-ky/", include(sheet_patterns)),
    path("phong-trao/<int:pk>/", include(movement_patterns)),
]
