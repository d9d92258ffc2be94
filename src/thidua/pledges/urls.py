from django.urls import path

from thidua.pledges import views

app_name = "pledges"
urlpatterns = [
    path("", views.pledge_list, name="list"),
    path("khoi/<int:bloc>/<int:year>/", views.bloc_year, name="bloc_year"),
    path("<int:pk>/", views.pledge_detail, name="detail"),
    path("<int:pk>/sua/", views.pledge_edit, name="edit"),
    path("<int:pk>/tieu-chi/", views.criteria, name="criteria"),
    path("<int:pk>/ky/", views.pledge_sign, name="sign"),
    path("<int:pk>/mo-dot-cham-diem/", views.round_create, name="round_create"),
    path("<int:pk>/sao-chep/", views.pledge_copy, name="copy"),
    # ban-hanh, tra-ve-soan-thao, ket-thuc: the slugs of pledges.machines.PLEDGES
    path("<int:pk>/<slug:slug>/", views.pledge_transition, name="transition"),
    path("dot/<int:pk>/", views.round_detail, name="round"),
    path("dot/<int:pk>/to-cham-cheo/", views.round_panel, name="round_panel"),
    path("dot/<int:pk>/xep-hang/", views.round_rank, name="round_rank"),
    path("dot/<int:pk>/ket-qua/", views.ranking_page, name="ranking"),
    path("dot/<int:pk>/ket-qua.xlsx", views.ranking_export, name="ranking_export"),
    # chot, mo-lai: the slugs of pledges.machines.ROUNDS
    path("dot/<int:pk>/<slug:slug>/", views.round_transition, name="round_transition"),
    path("dot/<int:pk>/don-vi/<int:unit>/", views.sheet, name="sheet"),
    path("dot/<int:pk>/don-vi/<int:unit>/minh-chung/<int:criterion>/", views.evidence_upload, name="evidence_upload"),
    path("minh-chung/<int:pk>/", views.evidence_file, name="evidence"),
    path("minh-chung/<int:pk>/xoa/", views.evidence_delete, name="evidence_delete"),
]
