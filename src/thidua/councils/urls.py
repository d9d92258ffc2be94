from django.urls import path

from thidua.councils import views

app_name = "councils"
urlpatterns = [
    path("", views.council_list, name="list"),
    path("<int:pk>/", views.council_detail, name="detail"),
    path("thanh-vien/<int:pk>/thoi/", views.member_remove, name="member_remove"),
    path("phien/<int:pk>/", views.meeting_detail, name="meeting"),
    path("phien/<int:pk>/diem-danh/", views.meeting_attendance, name="attendance"),
    path("phien/<int:pk>/hinh-thuc-thap-hon/", views.meeting_lower, name="lower"),
    path("phien/<int:pk>/kiem-phieu-giay/", views.meeting_paper, name="paper"),
    path("phien/<int:pk>/bo-phieu/", views.ballot, name="ballot"),
    path("phien/<int:pk>/bien-ban.docx", views.minutes, name="minutes"),
    # The moves of a meeting (`machines.MEETINGS`): khai-mac, ket-thuc.
    path("phien/<int:pk>/<slug:slug>/", views.meeting_transition, name="transition"),
]
