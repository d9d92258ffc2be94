"""The public verification page behind each certificate's QR code, mounted at /xac-minh/."""

from django.urls import path

from thidua.printing import views

app_name = "verify"
urlpatterns = [
    path("<str:token>/", views.verify, name="detail"),
]
