from django.urls import path

from thidua.movements import views

app_name = "movements"
urlpatterns = [
    path("", views.movement_list, name="list"),
    path("phat-dong/", views.movement_create, name="create"),
    path("phat-dong/tu-van-ban/", views.movement_from_text, name="from_text"),
    path("<int:pk>/", views.movement_detail, name="detail"),
    path("<int:pk>/sua/", views.movement_edit, name="edit"),
    path("<int:pk>/nhan-ban/", views.movement_clone, name="clone"),
    path("<int:pk>/so-ket/", views.review_create, name="review_create"),
    path("<int:pk>/so-ket/<int:review_pk>/", views.review_detail, name="review"),
]
