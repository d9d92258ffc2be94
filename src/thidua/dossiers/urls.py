from django.urls import path

from thidua.dossiers import views

app_name = "dossiers"
urlpatterns = [
    path("", views.dossier_list, name="list"),
    path("tao/", views.dossier_create, name="create"),
    path("trinh-cap-tren/", views.forward, name="forward"),
    path("trinh-cap-tren/du-thao-to-trinh.docx", views.forward_draft, name="forward_draft"),
    path("lay-y-kien/", views.public_list, name="public_list"),
    path("lay-y-kien/<int:pk>/", views.public_detail, name="public_detail"),
    path("doi-tuong/ca-nhan/<int:person_pk>/", views.person_status, name="person_status"),
    path("<int:pk>/", views.dossier_detail, name="detail"),
    path("<int:pk>/sua/", views.dossier_edit, name="edit"),
    path("<int:pk>/xuat-excel/", views.export, name="export"),
    path("<int:pk>/<slug:kind>.docx", views.dossier_word, name="word"),
    path("<int:pk>/them/du-dieu-kien/", views.add_from_eligibility, name="add_eligible"),
    path("<int:pk>/them/khoi/", views.add_from_blocs, name="add_bloc"),
    path("<int:pk>/them/", views.add_manual, name="add_manual"),
    path("<int:pk>/muc/<int:item_pk>/", views.item_edit, name="item"),
    path("<int:pk>/muc/<int:item_pk>/mau-bao-cao/", views.item_report_template, name="item_template"),
    path("<int:pk>/muc/<int:item_pk>/giai-trinh/", views.item_justify, name="item_justify"),
    path("<int:pk>/muc/<int:item_pk>/bo/", views.item_remove, name="item_remove"),
    path("<int:pk>/tai-lieu/", views.document_add, name="document_add"),
    path("<int:pk>/tai-lieu/<int:doc_pk>/", views.document_file, name="document"),
    path("<int:pk>/tai-lieu/<int:doc_pk>/go/", views.document_remove, name="document_remove"),
    path("<int:pk>/kiem-tra/", views.dossier_check, name="check"),
    path("<int:pk>/de-nghi-thu-truong-ky/", views.ask_head, name="ask_head"),
    path("<int:pk>/tham-dinh/", views.review, name="review"),
    path("<int:pk>/tra-lai/", views.return_form, name="return"),
    path("<int:pk>/phan-cong/", views.assign, name="assign"),
    path("<int:pk>/y-kien/", views.opinions, name="opinions"),
    path("<int:pk>/y-kien/<int:opinion_pk>/", views.opinion_act, name="opinion"),
    path("<int:pk>/<slug:slug>/", views.transition, name="transition"),
]
