from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from thidua.accounts import views

app_name = "accounts"
urlpatterns = [
    path("quan-tri/", views.users, name="users"),
    path("quan-tri/<int:pk>/", views.user_detail, name="user_detail"),
    path("quan-tri/<int:pk>/khoa/", views.user_toggle, name="user_toggle"),
    path("quan-tri/<int:pk>/quyen/<int:grant_pk>/thu-hoi/", views.grant_revoke, name="grant_revoke"),
    path("dang-nhap/", auth_views.LoginView.as_view(template_name="accounts/login.html",
                                                     redirect_authenticated_user=True), name="login"),
    path("dang-xuat/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "doi-mat-khau/",
        auth_views.PasswordChangeView.as_view(
            template_name="accounts/password_change.html",
            success_url=reverse_lazy("accounts:password_change_done"),
        ),
        name="password_change",
    ),
    path(
        "doi-mat-khau/xong/",
        auth_views.PasswordChangeDoneView.as_view(template_name="accounts/password_change_done.html"),
        name="password_change_done",
    ),
]
