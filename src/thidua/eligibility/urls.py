from django.urls import path

from thidua.eligibility import views

app_name = "eligibility"
urlpatterns = [
    path("ca-nhan/<int:pk>/", views.person_panel, name="person_panel"),
    path("don-vi/<int:pk>/", views.unit_panel, name="unit_panel"),
    path("don-vi/<int:pk>/danh-sach/", views.qualified, name="qualified"),
    path("tep-excel/<int:pk>/", views.export, name="export"),
    path("tep-excel/<int:pk>/tai-ve/", views.export_download, name="export_download"),
    path("bo-quy-tac/<str:ruleset_id>/", views.ruleset_detail, name="ruleset"),
]
