from django.contrib.auth import views as auth_views
from django.urls import path

from thidua.accounts import signin_views, views

app_name = "accounts"
urlpatterns = [
    path("quan-tri/", views.users, name="users"),
    path("quan-tri/<int:pk>/", views.user_detail, name="user_detail"),
    path("quan-tri/<int:pk>/khoa/", views.user_toggle, name="user_toggle"),
    path("quan-tri/<int:pk>/quyen/<int:grant_pk>/thu-hoi/", views.grant_revoke, name="grant_revoke"),
    path("quan-tri/<int:pk>/dat-lai-xac-thuc/", signin_views.otp_reset, name="otp_reset"),
    path("dang-nhap/", signin_views.signin, name="login"),
    path("dang-nhap/ma-xac-thuc/", signin_views.signin_code, name="signin_code"),
    path("dang-xuat/", auth_views.LogoutView.as_view(), name="logout"),
    path("xac-thuc-hai-lop/", signin_views.otp_setup, name="otp_setup"),
    path("xac-thuc-hai-lop/tat/", signin_views.otp_disable, name="otp_disable"),
    path("khoa-dang-nhap/", signin_views.lockouts, name="lockouts"),
    path("khoa-dang-nhap/<int:pk>/mo-khoa/", signin_views.account_unlock, name="account_unlock"),
    path("khoa-dang-nhap/dia-chi/<int:pk>/mo-khoa/", signin_views.address_unlock, name="address_unlock"),
    path("doi-mat-khau/", signin_views.PasswordChange.as_view(), name="password_change"),
    path(
        "doi-mat-khau/xong/",
        auth_views.PasswordChangeDoneView.as_view(template_name="accounts/password_change_done.html"),
        name="password_change_done",
    ),
]
