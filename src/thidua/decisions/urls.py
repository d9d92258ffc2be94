from django.urls import path

from thidua.decisions import issuing_views, views

app_name = "decisions"
urlpatterns = [
    path("", views.decision_list, name="list"),
    path("soan/", views.decision_create, name="create"),
    path("<int:pk>/", views.decision_detail, name="detail"),
    path("<int:pk>/sua/", views.decision_edit, name="edit"),
    path("<int:pk>/them/", views.recipient_add, name="recipient_add"),
    path("<int:pk>/them-ho-so/", views.dossier_add, name="dossier_add"),
    path("<int:pk>/bo/<int:line_pk>/", views.recipient_remove, name="recipient_remove"),
    path("<int:pk>/giai-trinh/<int:line_pk>/", views.recipient_justify, name="recipient_justify"),
    path("<int:pk>/huy-bo/", views.decision_revoke, name="revoke"),
    path("<int:pk>/cong-khai/", views.decision_publish, name="publish"),
    path("<int:pk>/thoi-cong-khai/", views.decision_unpublish, name="unpublish"),
    path("<int:pk>/danh-sach-chi.xlsx", views.payment_list, name="payment_list"),
    path("<int:pk>/van-ban.docx", views.decision_word, name="word"),
    path("quy/", views.fund, name="fund"),
    path("quy/ghi-thu/", views.fund_income_start, name="fund_income_start"),
    path("quy/<int:unit_pk>/<int:year>/", views.fund_year, name="fund_year"),
    path("quy/<int:unit_pk>/<int:year>/so-quy.xlsx", views.fund_year_xlsx, name="fund_year_xlsx"),
    path("quy/<int:unit_pk>/<int:year>/thu/", views.fund_income, name="fund_income"),
    path("quy/<int:unit_pk>/<int:year>/thu/<int:pk>/dieu-chinh/", views.fund_income_reverse,
         name="fund_income_reverse"),
    path("van-ban/<int:document_pk>/", views.by_document, name="by_document"),
    path("<int:pk>/ban-da-ky.pdf", issuing_views.signed_copy, name="signed_copy"),
    path("<int:pk>/dinh-kem-ban-ky/", issuing_views.attach_signed, name="attach_signed"),
    path("lanh-dao-ky/", issuing_views.signatories_home, name="signatories_home"),
    path("lanh-dao-ky/<int:unit_pk>/", issuing_views.signatories, name="signatories"),
    path("lanh-dao-ky/<int:unit_pk>/<int:pk>/", issuing_views.signatory_edit, name="signatory_edit"),
    # The moves of a draft (`machines.DECISIONS`): ky, huy-du-thao.
    path("<int:pk>/<slug:slug>/", views.decision_transition, name="transition"),
]
