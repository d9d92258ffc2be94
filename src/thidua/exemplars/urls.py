"""The exemplar register, mounted at /dien-hinh/."""

from django.urls import path

from thidua.exemplars import views

app_name = "exemplars"
urlpatterns = [
    path("", views.register, name="register"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/sua/", views.edit, name="edit"),
    path("<int:pk>/cong-bo/", views.publish, name="publish"),
    path("<int:pk>/thoi-cong-bo/", views.unpublish, name="unpublish"),
    path("<int:pk>/anh/them/", views.photo_add, name="photo_add"),
    path("<int:pk>/<slug:slug>/", views.transition, name="transition"),
    path("anh/<int:pk>/", views.photo, name="photo"),
    path("anh/<int:pk>/xoa/", views.photo_remove, name="photo_remove"),
    path("de-cu/khen-thuong/<int:award_pk>/", views.nominate_from_award, name="nominate_award"),
    path("de-cu/so-ket/<int:review_pk>/", views.nominate_from_review, name="nominate_review"),
    path("hoi-nghi/", views.congress_list, name="congresses"),
    path("hoi-nghi/tao/", views.congress_create, name="congress_create"),
    path("hoi-nghi/<int:pk>/", views.congress_detail, name="congress"),
    path("hoi-nghi/<int:pk>/sua/", views.congress_edit, name="congress_edit"),
    path("hoi-nghi/<int:pk>/in/", views.congress_print, name="congress_print"),
    path("hoi-nghi/<int:pk>/danh-sach.xlsx", views.congress_xlsx, name="congress_xlsx"),
    path("hoi-nghi/<int:pk>/du-thao-quyet-dinh.docx", views.congress_docx, name="congress_docx"),
]
